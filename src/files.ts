/**
 * Every file under a folder, in code-point order, for the few places that need them all
 * (cache fingerprints, the output stamp, leftover temporary files). I/O at the edge.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Paths relative to `dir` (`/`-separated) of every file below it; `skip` leaves folders out by name. */
export function filesUnder(dir: string, skip: (folder: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch {
      return;
    }
    for (const name of names) {
      let s;
      try {
        s = statSync(join(abs, name));
      } catch {
        continue;
      }
      if (s.isDirectory()) {
        if (!skip(name)) walk(join(abs, name), `${rel}${name}/`);
      } else out.push(`${rel}${name}`);
    }
  };
  walk(dir, '');
  return out;
}
