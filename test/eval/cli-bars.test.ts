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
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SHORT: editor-question recall: .* \(bar 1\.01\)/);
  });

  it('fails, saying why, without editor pairs to measure', async () => {
    const r = await run('--min-editor', '0.5');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--min-editor needs --editor-pairs');
  });
});
