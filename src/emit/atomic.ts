/**
 * Atomic file writes: the content goes to a temporary file in the target's own folder
 * (same file system, so the rename is atomic), is flushed to disk, then renamed over the
 * target. A crash or a kill at any point leaves the old file or the new one, never half
 * of either; at worst a stray `.*.tmp` file, which the next write of that target removes.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicHooks {
  /** Called after the temporary file is complete and before the rename (tests inject failures here). */
  beforeRename?: (tmpPath: string) => void;
}

const tmpPrefix = (target: string): string => `.${basename(target)}.`;

/** A fresh temporary file's name beside `target`: `.<name>.<pid>.<random>.tmp`. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${tmpPrefix(target)}${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/** A temporary file chatkb wrote (`tempPathFor`), by its name. */
export const TEMP_NAME = /^\..+\.\d+\.[0-9a-z]+\.tmp$/;

/** Create `path` (it must not exist) with `content`, flushed to disk before it returns. */
export function writeDurably(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, content, null, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(target: string, content: string, hooks: AtomicHooks = {}): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    writeDurably(tmp, content);
    hooks.beforeRename?.(tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  removeStaleTemps(target);
}

/** Temporary files that a killed writer of `target` left behind (never another writer's live one: ours is renamed by now). */
function removeStaleTemps(target: string): void {
  const prefix = tmpPrefix(target);
  for (const name of readdirSync(dirname(target))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp') && !name.includes(`.${process.pid}.`)) {
      rmSync(join(dirname(target), name), { force: true });
    }
  }
}
