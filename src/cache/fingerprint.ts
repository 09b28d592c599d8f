/**
 * What every cached value depends on besides its own input: the rule files, the glossary,
 * the fitted weights and the code itself. Any change to one of them gives every key a new
 * hash, so nothing computed by other rules or another version is ever reused.
 */
import { readFileSync, statSync } from 'node:fs';
import { filesUnder } from '../files.js';
import { join } from 'node:path';
import { hashOf } from './store.js';

/** Every file under `path` (a file or a folder), in code-point order, as `relative path → bytes`. */
function contentsUnder(path: string): [string, Buffer][] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return [[path, readFileSync(path)]];
  return filesUnder(path, (folder) => folder.startsWith('.') || folder === 'node_modules')
    .filter((rel) => !rel.endsWith('.map') && !rel.split('/').pop()!.startsWith('.'))
    .map((rel) => [rel, readFileSync(join(path, rel))]);
}

export interface FingerprintInput {
  rulesDir: string;
  glossaryFile: string;
  /** Settings that change what is computed (format forced, config keys the stage reads). */
  settings?: unknown;
}

/** One hash of the rules, the glossary, the settings and the running code (`dist/`, or `src/` under tests). */
export function resourceFingerprint(input: FingerprintInput, codeDir = codeFolder()): string {
  const parts: string[] = [JSON.stringify(input.settings ?? null)];
  for (const [label, path] of [
    ['rules', input.rulesDir],
    ['glossary', input.glossaryFile],
    ['code', codeDir],
  ] as const) {
    for (const [rel, bytes] of contentsUnder(path)) parts.push(`${label}/${rel}`, hashOf(bytes));
  }
  return hashOf(...parts);
}

/** The folder of the code that is running: `dist/` when built, `src/` when run from source. */
function codeFolder(): string {
  const here = new URL('.', import.meta.url).pathname;
  return join(here, '..');
}
