/**
 * How the built-in site's search cuts text into terms, at build time and in the browser
 * alike: Chinese as overlapping character pairs (原路退回 → 原路 路退 退回), so any two
 * characters of a word find it with no dictionary in the page; Latin letters and digits as
 * lower-case words. The function is self-contained on purpose: the site ships its source
 * (`tokenize.toString()`) to the browser, so both sides cannot drift apart.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const norm = text.normalize('NFKC').toLowerCase();
  const runs = norm.match(/[\p{Script=Han}]+|[a-z0-9]+(?:[+.\-][a-z0-9]+)*/gu) || [];
  for (const run of runs) {
    if (/^[a-z0-9]/.test(run)) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}
