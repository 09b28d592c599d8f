/**
 * Writing a build's changes so that a crash, a kill -9 or a full disk never leaves the
 * knowledge base half one build and half the other:
 *   1. every new content goes to a temporary file beside its target, flushed to disk;
 *   2. a journal naming each temporary file, its target and the files to remove is written
 *      (atomically) into the output folder: from here on the build counts as done;
 *   3. the temporary files are renamed over their targets, the removals removed;
 *   4. the journal is removed.
 * Killed before 2, the folder is the old build plus stray temporary files, which the next
 * build removes. Killed after 2, the next build finds the journal and finishes 3 and 4
 * first (`recoverCommit`), so the folder becomes the new build. Builds hold `lockOutput`
 * while they read and write, so two never interleave.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { filesUnder } from '../files.js';
import { TEMP_NAME, tempPathFor, writeDurably, writeFileAtomic } from './atomic.js';

export const JOURNAL = '.chatkb-journal.json';
export const LOCK = '.chatkb.lock';

export interface CommitHooks {
  /** Called after each step (`temp`, `journal`, `rename`, `remove`): tests stop a commit there. */
  step?: (what: 'temp' | 'journal' | 'rename' | 'remove', path: string) => void;
}

interface Journal {
  version: 1;
  writes: { tmp: string; target: string }[];
  removals: string[];
}

/** A path of the output folder, as a journal or a change names it: never outside `out`. */
function inside(out: string, rel: string): string {
  const abs = resolve(out, rel);
  const back = relative(resolve(out), abs);
  if (back === '' || isAbsolute(back) || back.split(sep).includes('..')) {
    throw new Error(`refusing to write outside the output folder: ${rel}`);
  }
  return abs;
}

/** Write `writes` and remove `removals` (paths relative to `out`) as one step that a crash cannot split. */
export function commitFiles(out: string, writes: readonly { path: string; content: string }[], removals: readonly string[], hooks: CommitHooks = {}): void {
  if (writes.length === 0 && removals.length === 0) return;
  mkdirSync(out, { recursive: true });
  const journal: Journal = { version: 1, writes: [], removals: [...removals] };
  for (const r of removals) inside(out, r);
  const root = realpathSync(out);
  try {
    for (const w of writes) {
      const target = inside(out, w.path);
      mkdirSync(dirname(target), { recursive: true });
      // a symlinked folder inside the output must not carry a write elsewhere
      const real = realpathSync(dirname(target));
      if (real !== root && !real.startsWith(root + sep)) throw new Error(`refusing to write outside the output folder: ${w.path} (through a symbolic link to ${real})`);
      const tmp = tempPathFor(target);
      writeDurably(tmp, w.content);
      journal.writes.push({ tmp: relative(out, tmp).split(sep).join('/'), target: w.path });
      hooks.step?.('temp', w.path);
    }
  } catch (e) {
    for (const w of journal.writes) rmSync(join(out, w.tmp), { force: true });
    throw e;
  }
  writeFileAtomic(join(out, JOURNAL), JSON.stringify(journal));
  hooks.step?.('journal', JOURNAL);
  finish(out, journal, hooks);
}

function finish(out: string, journal: Journal, hooks: CommitHooks): void {
  for (const w of journal.writes) {
    const tmp = inside(out, w.tmp);
    // a rename a killed build already did has no temporary file left
    if (existsSync(tmp)) renameSync(tmp, inside(out, w.target));
    hooks.step?.('rename', w.target);
  }
  for (const r of journal.removals) {
    rmSync(inside(out, r), { force: true });
    hooks.step?.('remove', r);
  }
  rmSync(join(out, JOURNAL), { force: true });
}

/** Whether an interrupted build left a journal in `out`. */
export function pendingCommit(out: string): boolean {
  return existsSync(join(out, JOURNAL));
}

/**
 * Finish what an interrupted build committed to, and remove the temporary files of one
 * that stopped before committing. Call it holding the lock. Returns what it did.
 */
export function recoverCommit(out: string): { finished: number; removedTemps: number } {
  let finished = 0;
  const path = join(out, JOURNAL);
  if (existsSync(path)) {
    let journal: Journal | null = null;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Journal;
      if (parsed.version === 1 && Array.isArray(parsed.writes) && Array.isArray(parsed.removals)) journal = parsed;
    } catch {
      // written atomically, so never torn; anything else is not ours to follow
    }
    if (journal) {
      finish(out, journal, {});
      finished = journal.writes.length + journal.removals.length;
    } else rmSync(path, { force: true });
  }
  return { finished, removedTemps: removeTemps(out) };
}

/** Temporary files of builds that died before they committed. */
function removeTemps(out: string): number {
  const temps = filesUnder(out, (folder) => folder.startsWith('.')).filter((rel) => TEMP_NAME.test(rel.split('/').pop()!));
  for (const rel of temps) rmSync(join(out, rel), { force: true });
  return temps.length;
}

export class LockedError extends Error {
  constructor(
    readonly out: string,
    readonly holder: string,
  ) {
    super(`another build (${holder}) is writing ${out}; wait for it, or remove ${join(out, LOCK)} if that build is gone`);
    this.name = 'LockedError';
  }
}

/**
 * Take the output folder for this build. A lock whose process is gone (killed, crashed) is
 * taken over; a live one refuses the build. Returns the release function.
 */
export function lockOutput(out: string): () => void {
  mkdirSync(out, { recursive: true });
  const path = join(out, LOCK);
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, me);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === me) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8').trim();
      } catch {
        continue;
      }
      if (isAlive(holder)) throw new LockedError(out, holder);
      rmSync(path, { force: true });
    }
  }
  throw new LockedError(out, 'unknown');
}

/** `pid@host` is a running process (on another host: assume it is). */
function isAlive(holder: string): boolean {
  const m = /^(\d+)@(.*)$/.exec(holder);
  if (!m) return false;
  if (m[2] !== hostname()) return true;
  try {
    process.kill(Number(m[1]), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
