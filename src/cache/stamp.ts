/**
 * The no-op rebuild. A build that wrote its output leaves a stamp: the hash of its inputs'
 * bytes and of the output folder as it left it, with its result. The next build with the
 * same inputs, settings, rules, glossary and code, over an output folder nobody touched,
 * is that build again (builds are deterministic), so it reports the stamped result without
 * reading a transcript. Any difference, an editor's save included, means a real build.
 */
import { readFileSync } from 'node:fs';
import { filesUnder } from '../files.js';
import { join } from 'node:path';
import { expandInputs, readInputBytes, type InputPatterns } from '../ingest/index.js';
import { hashOf } from './store.js';

/** The hash of every input file's path and bytes, in the order the build reads them. */
export function inputsHash(inputs: readonly string[], patterns: InputPatterns): string {
  const { files, diagnostics } = expandInputs([...inputs], patterns);
  const parts: (string | Uint8Array)[] = [JSON.stringify(diagnostics)];
  for (const f of files) {
    const read = readInputBytes(f);
    parts.push(f, 'failed' in read ? 'unreadable' : read.bytes);
  }
  return hashOf(...parts);
}

/** The hash of every file under `dir` (path and bytes), or of its absence. */
export function folderHash(dir: string): string {
  const parts: (string | Uint8Array)[] = [];
  for (const rel of filesUnder(dir)) {
    try {
      parts.push(rel, readFileSync(join(dir, rel)));
    } catch {
      parts.push(rel, 'unreadable');
    }
  }
  return hashOf('folder', ...parts);
}
