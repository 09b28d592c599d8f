/**
 * The readers against the real corpus (private; absent in CI). Asserts counts and the
 * absence of errors only, so no corpus text ends up in the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readTranscriptFile } from '../../src/ingest/index.js';

const CORPUS = '/work/shared/corpus';

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.markdown'))
    .sort()
    .map((f) => join(dir, f));
}

describe.skipIf(!existsSync(CORPUS))('ingest on the corpus', () => {
  const source = filesIn(join(CORPUS, 'cocolian-source'));
  const anon = filesIn(join(CORPUS, 'cocolian-anon'));
  const merged = filesIn(join(CORPUS, 'cocolian-source-merged'));

  it('reads every cocolian-source day with one message per header and no errors', () => {
    expect(source.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const file of source) {
      const { transcript, diagnostics } = readTranscriptFile(file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const headers = readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .filter((l) => /^> \d{2}:\d{2}:\d{2}/.test(l)).length;
      if (errors.length > 0) problems.push(`${file}: ${errors.length} errors, first at line ${errors[0]!.line}`);
      else if (transcript?.format !== 'cocolian-source') problems.push(`${file}: read as ${transcript?.format}`);
      else if (transcript.messages.length !== headers) {
        problems.push(`${file}: ${transcript.messages.length} messages for ${headers} headers`);
      } else if (transcript.messages.some((m) => m.timestamp === null)) problems.push(`${file}: undated messages`);
    }
    expect(problems).toEqual([]);
  });

  it('reads every cocolian-anon day with no errors', () => {
    expect(anon).toHaveLength(8);
    for (const file of anon) {
      const { transcript, diagnostics } = readTranscriptFile(file);
      expect(diagnostics.filter((d) => d.severity === 'error'), file).toEqual([]);
      expect(transcript?.format, file).toBe('cocolian-anon');
      const lines = readFileSync(file, 'utf8').split('\n').filter((l) => /^\s*\d{1,2}:\d{2}:\d{2}/.test(l)).length;
      expect(transcript!.messages.length, file).toBe(lines);
    }
  });

  it('reads the merged file with a date on every message', () => {
    for (const file of merged) {
      const { transcript, diagnostics } = readTranscriptFile(file);
      expect(diagnostics.filter((d) => d.severity === 'error'), file).toEqual([]);
      expect(transcript?.format, file).toBe('cocolian-source-merged');
      const headers = readFileSync(file, 'utf8').split('\n').filter((l) => /^> \d{4}-\d{2}-\d{2} /.test(l)).length;
      expect(transcript!.messages.length).toBe(headers);
      expect(transcript!.messages.every((m) => m.timestamp !== null)).toBe(true);
      // read as the undated variant (dates stripped), the rollover gives back the same days
      const undated = readFileSync(file, 'utf8')
        .replace(/^## \d{4}-\d{2}-\d{2}.*\n/gm, '')
        .replace(/^> \d{4}-\d{2}-\d{2} /gm, '> ');
      expect(detectFormat(undated, file)?.format).toBe('cocolian-source-merged');
    }
  });

  it('reads the whole corpus quickly', () => {
    const start = performance.now();
    for (const file of [...source, ...anon, ...merged]) readTranscriptFile(file);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});
