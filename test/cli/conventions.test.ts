/** The command line behaves like a Unix tool: one-line usage errors, stdin, globs, quiet and JSON modes, exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli, copyExamples, removeTemps, tempDir } from '../build/helpers.js';

afterAll(removeTemps);


const lines = (s: string) => s.trim().split('\n').filter(Boolean);

describe('usage errors', () => {
  it('an unknown --format is one line and exit 2, before any file is read', async () => {
    const r = await cli('extract', '--format', 'nope', 'x', 'y', 'z');
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown --format nope \(expected one of cocolian-source, /);
  });
  it('an unknown option or command is one line and exit 2', async () => {
    for (const args of [['extract', '--bogus', 'x'], ['nosuch']]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
    }
  });
  it('build does not take standard input', async () => {
    const r = await cli('build', '-', '--out', join(tempDir(), 'out'));
    expect(r.code).toBe(2);
  });
});

describe('inputs', () => {
  it('expands a quoted glob itself, and reports one that matches nothing', async () => {
    const dir = tempDir();
    copyExamples(dir);
    const r = await cli('extract', join(dir, '*-1[18]-chat.markdown'));
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => l.replace(/:.*/, '').replace(/^.*[\\/]/, ''))).toEqual(['2024-03-11-chat.markdown', '2024-03-18-chat.markdown']);
    const none = await cli('extract', join(dir, '*.nothing'));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no file matches this pattern');
  });

  it.skipIf(!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js')))('- reads a transcript from standard input', () => {
    const text = readFileSync(join(PACKAGE_ROOT, 'transcripts', '2024-03-11-chat.markdown'));
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'chatkb.js'), 'extract', '--json', '-'], { input: text, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.transcripts[0].file).toBe('<stdin>');
    expect(json.transcripts[0].format).toBe('cocolian-source');
    expect(json.transcripts[0].messages.length).toBeGreaterThan(10);
  });
});

describe('failing files', () => {
  it('exit 1 with one line per failing file and a summary; the others are still read', async () => {
    const dir = tempDir();
    copyExamples(join(dir, 'chats'));
    const bad = join(dir, 'list.markdown');
    const empty = join(dir, 'empty.md');
    writeFileSync(bad, 'milk\neggs\n');
    writeFileSync(empty, '');
    const r = await cli('extract', join(dir, 'chats'), bad, empty);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toHaveLength(3);
    expect(lines(r.stderr)).toEqual([
      `${bad}:1: error: not a chat transcript: no reader recognises it (expected a chat export in a format \`chatkb formats\` lists)`,
      `${empty}:1: error: empty file (expected a chat export in a format \`chatkb formats\` lists)`,
      'chatkb extract: 3 transcripts read; 2 files could not be read (errors above)',
    ]);
    const b = await cli('build', join(dir, 'chats'), bad, '--out', join(dir, 'out'), '--quiet');
    expect(b.code).toBe(1);
    expect(lines(b.stderr)).toHaveLength(1);
    const json = JSON.parse((await cli('build', join(dir, 'chats'), bad, '--out', join(dir, 'out'), '--json', '--dry-run')).stdout);
    expect(json.summary).toMatchObject({ transcripts: 3, failed: 1 });
  });
});

describe('quiet and JSON', () => {
  it('build --quiet prints nothing on success; --json prints one JSON document and nothing else', async () => {
    const dir = tempDir();
    copyExamples(join(dir, 'transcripts'));
    const out = join(dir, 'output');
    const quiet = await cli('build', join(dir, 'transcripts'), '--out', out, '--quiet');
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const json = await cli('build', join(dir, 'transcripts'), '--out', out, '--json', '--check');
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ mode: 'check', changes: [] });
  });
  it('extract --quiet prints nothing on success', async () => {
    const r = await cli('extract', join(PACKAGE_ROOT, 'transcripts'), '--quiet');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

const COMMANDS = [['extract'], ['eval'], ['build'], ['fit'], ['rules'], ['rules', 'test'], ['glossary', 'accept'], ['status'], ['review'], ['site', 'build'], ['site', 'init'], ['formats']];

describe('--json, --quiet and examples everywhere', () => {
  it('every command offers --json and --quiet, and its --help shows examples', async () => {
    for (const command of COMMANDS) {
      const r = await cli(...command, '--help');
      expect(r.stdout, command.join(' ')).toContain('--json');
      expect(r.stdout, command.join(' ')).toContain('--quiet');
      expect(r.stdout, command.join(' ')).toMatch(/\nExamples?:\n {2}chatkb /);
    }
  });
  it('--quiet prints nothing on success, on commands that otherwise print a report', async () => {
    for (const command of [['rules'], ['formats'], ['status', '--out', join(PACKAGE_ROOT, 'output')]]) {
      const loud = await cli(...command);
      expect(loud.stdout.length, command.join(' ')).toBeGreaterThan(0);
      expect(await cli(...command, '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });
  it('site init --json prints one JSON document naming what it wrote', async () => {
    const dir = tempDir();
    const r = await cli('site', 'init', 'mkdocs', '--out', join(dir, 'output'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ generator: 'mkdocs', written: [expect.stringMatching(/mkdocs\.yml$/)] });
  });
});

describe('formats', () => {
  it('lists every format chatkb reads, with an example of each', async () => {
    const r = await cli('formats');
    expect(r.code).toBe(0);
    for (const format of ['cocolian-source', 'wechat-memotrace-ai-txt', 'telegram-json', 'whatsapp-txt', 'irc']) expect(r.stdout).toMatch(new RegExp(`^${format} +\\S`, 'm'));
    expect(r.stdout).toContain('e.g. 支付产品交流群_chat.txt:');
    const json = JSON.parse((await cli('formats', '--json')).stdout) as { format: string; example: { file: string; text: string } }[];
    expect(json.length).toBeGreaterThanOrEqual(12);
    expect(json.every((f) => f.example.text.length > 0)).toBe(true);
  });
  it('shows one format in full, and an unknown one is a usage error', async () => {
    const one = await cli('formats', 'irc');
    expect(lines(one.stdout)[0]).toMatch(/^irc {2}`\[HH:MM\] <nick> text`/);
    const bad = await cli('formats', 'nope');
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toHaveLength(1);
  });
});
