/**
 * The overlap features of a text: lower-cased Latin words (`w:refund`) and the character
 * bigrams of its Chinese runs (`退款`). Chinese has no spaces, and bigrams match across
 * different segmentations of the same words, cheaply.
 */
export function textGrams(text: string, out: Set<string> = new Set()): Set<string> {
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9+]{1,}/g) ?? []) out.add(`w:${w}`);
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) for (let k = 0; k + 1 < run.length; k++) out.add(run.slice(k, k + 2));
  return out;
}
