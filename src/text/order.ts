/** Deterministic orders, the same on every machine and locale, for every output. */

export function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort(compareStrings);
}

/** Code-point order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-point order, except that runs of digits compare as numbers (`m9` before `m15`). */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    }
    return compareStrings(x, y);
  }
  return pa.length - pb.length || compareStrings(a, b);
}

/**
 * Pinyin order (`zh-u-co-pinyin`). Node 20 ships full ICU, which has it; a Node built
 * with small ICU falls back to the root collation, and code-point order breaks ties so
 * the output is the same wherever the collation is.
 */
const pinyin = new Intl.Collator('zh-u-co-pinyin');

export function byPinyin(a: string, b: string): number {
  return pinyin.compare(a, b) || compareStrings(a, b);
}
