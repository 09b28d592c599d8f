/**
 * The IRC reader against the Ubuntu IRC samples of the private corpus (absent in CI). The link
 * benchmark identifies messages by their raw line, so every non-blank line must be one message.
 * Asserts counts only: no corpus text in the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';

const CORPUS = '/work/shared/corpus';
const IRC = join(CORPUS, 'irc-ubuntu');

function rawFiles(): string[] {
  return ['dev', 'train'].flatMap((sub) => {
    const dir = join(IRC, sub);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.raw.txt'))
      .sort()
      .map((f) => join(dir, f));
  });
}

describe.skipIf(!existsSync(CORPUS))('irc reader on the Ubuntu IRC corpus', () => {
  it('reads every dev and train raw file as irc, without errors, one message per non-blank line', () => {
    const files = rawFiles();
    expect(files.length).toBeGreaterThanOrEqual(30);
    const problems: string[] = [];
    for (const file of files) {
      const { transcript, diagnostics } = readTranscriptFile(file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const lines = readFileSync(file, 'utf8').split('\n');
      const nonBlank = lines.map((l, i) => (l.trim() === '' ? -1 : i + 1)).filter((n) => n !== -1);
      if (errors.length > 0) problems.push(`${file}: ${errors.length} errors, first at line ${errors[0]!.line}`);
      else if (transcript?.format !== 'irc') problems.push(`${file}: read as ${transcript?.format}`);
      else if (transcript.messages.length !== nonBlank.length) problems.push(`${file}: ${transcript.messages.length} messages for ${nonBlank.length} lines`);
      else if (transcript.messages.some((m, i) => m.line !== nonBlank[i])) problems.push(`${file}: message lines differ from the file's lines`);
    }
    expect(problems).toEqual([]);
  });
});
