// `chatkb eval` bars on the invented fixture corpus: exit 1 below a bar, 0 at or above it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'chatkb', 'eval', '--gold', join(FIX, 'gold'), '--corpus', join(FIX, 'corpus'), ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  });
  return { code, stdout, stderr };
}

describe('chatkb eval --min-editor', () => {
  const pairs = ['--editor-pairs', join(FIX, 'editor-pairs.tsv')];

  it('passes at a bar of 0 and prints the bar', async () => {
    const r = await run(...pairs, '--min-editor', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OK: editor-question recall: flagged \d\.\d{3}, in FAQ exchanges \d\.\d{3} \(bar 0\.0\)/);
  });

  it('fails above what the extraction reaches', async () => {
    const r = await run(...pairs, '--min-editor', '1.01');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/SHORT: editor-question recall: .* \(bar 1\.01\)/);
  });

  it('fails, saying why, without editor pairs to measure', async () => {
    const r = await run('--min-editor', '0.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--min-editor needs --editor-pairs');
  });
});

describe('chatkb eval --editor-pairs: editor answers', () => {
  const pairs = ['--editor-pairs', join(FIX, 'editor-pairs.tsv')];

  it("prints editor_answers.py's two lines after the editor benchmark's, bar 0 when not given", async () => {
    const r = await run(...pairs);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const bench = lines.findIndex((l) => l.startsWith('editor questions: '));
    expect(bench).toBeGreaterThan(0);
    expect(lines[bench + 1]).toMatch(/^OK: editor-question recall: /);
    expect(lines.slice(bench + 3)).toEqual([
      expect.stringMatching(/^editor Q\/A pairs: 5 in curated posts, \d+ mapped \(question and answer\), \d+ answer messages$/),
      expect.stringMatching(/^OK: editor answers attached \d\.\d{3}; editor entries found \(FAQ exchange with an editor answer\) \d\.\d{3} \(bar 0\)$/),
    ]);
  });

  it('adds editorAnswers to the JSON', async () => {
    const r = await run(...pairs, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.editor.total).toBe(6);
    expect(j.editorAnswers).toMatchObject({ pairsTotal: 5, pairsMapped: expect.any(Number), answers: expect.any(Number), attachedShare: expect.any(Number), entriesShare: expect.any(Number) });
    expect(j.editorAnswers.missed).toBeInstanceOf(Array);
  });

  it('passes at bars of 0; --min-editor-entries is the bar printed', async () => {
    const r = await run(...pairs, '--min-editor-answers', '0', '--min-editor-entries', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OK: editor answers attached .* \(bar 0\.0\)\n/);
  });

  it('fails above what the extraction reaches, for either share', async () => {
    const entries = await run(...pairs, '--min-editor-entries', '1.01');
    expect(entries.code).toBe(3);
    expect(entries.stdout).toMatch(/SHORT: editor answers attached .* \(bar 1\.01\)\n/);
    const answers = await run(...pairs, '--min-editor-answers', '1.01');
    expect(answers.code).toBe(3);
    // the printed verdict is the entries share against its bar, as in the script
    expect(answers.stdout).toMatch(/OK: editor answers attached .* \(bar 0\)\n/);
  });

  it('fails, saying why, without editor pairs to measure', async () => {
    for (const flag of ['--min-editor-answers', '--min-editor-entries']) {
      const r = await run(flag, '0');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag} needs --editor-pairs`);
    }
  });
});
