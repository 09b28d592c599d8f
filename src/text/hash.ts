import { createHash } from 'node:crypto';

/** The first `length` hex digits of a text's SHA-256: short, stable names and edit marks. */
export function shortHash(s: string, length = 8): string {
  return createHash('sha256').update(s).digest('hex').slice(0, length);
}
