/**
 * A content-addressed store of JSON values in a folder (`.chatkb-cache/` by default). A
 * value is filed under the hash of everything it was computed from, so a stale value is
 * never found: it simply has another key. The folder is safe to delete at any time; a
 * value that cannot be read back (a torn write, a foreign file, another version's shape)
 * counts as missing and is computed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bumped when the stored shape changes, so older values are left unread. */
const STORE_VERSION = 1;

export interface Store {
  get<T>(kind: string, key: string): T | undefined;
  set(kind: string, key: string, value: unknown): void;
  /** Values found and computed this run, by kind (for the build summary and benchmarks). */
  stats(): Record<string, { hits: number; misses: number }>;
  /** Remove values nobody read or wrote for `days` days; how many were removed. */
  prune(days: number): number;
}

export function hashOf(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(typeof p === 'string' ? `${p.length}:` : `${p.byteLength}b:`);
    h.update(p);
  }
  return h.digest('hex');
}

/** A store that keeps nothing (`cache: false`, `--no-cache`). */
export const NO_STORE: Store = { get: () => undefined, set: () => {}, stats: () => ({}), prune: () => 0 };

export function folderStore(dir: string): Store {
  const counts: Record<string, { hits: number; misses: number }> = {};
  const count = (kind: string) => (counts[kind] ??= { hits: 0, misses: 0 });
  const pathOf = (kind: string, key: string) => join(dir, kind, key.slice(0, 2), `${key}.json`);
  return {
    get<T>(kind: string, key: string): T | undefined {
      let text: string;
      try {
        text = readFileSync(pathOf(kind, key), 'utf8');
      } catch {
        count(kind).misses++;
        return undefined;
      }
      try {
        const stored = JSON.parse(text) as { v: number; key: string; value: T };
        if (stored.v === STORE_VERSION && stored.key === key) {
          count(kind).hits++;
          touch(pathOf(kind, key));
          return stored.value;
        }
      } catch {
        // torn or foreign: computed again below, and overwritten
      }
      count(kind).misses++;
      return undefined;
    },
    set(kind: string, key: string, value: unknown): void {
      const target = pathOf(kind, key);
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
      try {
        mkdirSync(join(dir, kind, key.slice(0, 2)), { recursive: true });
        // No fsync: a value torn by a crash fails its read-back check and is computed again.
        writeFileSync(tmp, JSON.stringify({ v: STORE_VERSION, key, value }));
        renameSync(tmp, target);
      } catch {
        // a cache that cannot be written (read-only checkout, full disk) only costs time
        rmSync(tmp, { force: true });
      }
    },
    stats: () => structuredClone(counts),
    prune(days: number): number {
      const before = Date.now() - days * 86_400_000;
      let removed = 0;
      for (const kind of list(dir)) {
        for (const shard of list(join(dir, kind))) {
          for (const name of list(join(dir, kind, shard))) {
            const path = join(dir, kind, shard, name);
            try {
              if (statSync(path).mtimeMs < before) {
                rmSync(path, { force: true });
                removed++;
              }
            } catch {
              // gone already (another build pruning)
            }
          }
        }
      }
      return removed;
    },
  };
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A value read is a value in use: its time is what pruning goes by. */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // read-only cache: it just ages
  }
}
