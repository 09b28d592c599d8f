/**
 * Writing the site folder: every page atomically, and the pages an earlier `site build`
 * wrote that this one does not are removed — only those, as its manifest lists them, so
 * nothing else in the folder is ever touched.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { writeFileAtomic } from '../emit/atomic.js';
import type { OutputFile } from '../model.js';

export const MANIFEST = '.chatkb-site';

/** Files written and removed. */
export function writeSite(dir: string, files: readonly OutputFile[]): { written: number; removed: number } {
  const manifest = join(dir, MANIFEST);
  const before = existsSync(manifest) ? readFileSync(manifest, 'utf8').split('\n').filter(Boolean) : [];
  let written = 0;
  for (const f of files) {
    const target = join(dir, f.path);
    if (existsSync(target) && readFileSync(target, 'utf8') === f.content) continue;
    writeFileAtomic(target, f.content);
    written++;
  }
  const now = new Set(files.map((f) => f.path));
  let removed = 0;
  for (const p of before) {
    // A manifest line is a path we wrote under the folder; anything else is not ours.
    if (now.has(p) || isAbsolute(p) || normalize(p).startsWith('..')) continue;
    rmSync(join(dir, p), { force: true });
    removed++;
  }
  writeFileAtomic(manifest, `${[...now].sort().join('\n')}\n`);
  return { written, removed };
}
