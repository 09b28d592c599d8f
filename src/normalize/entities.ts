/**
 * Text clean-up shared by every later step: HTML entities, odd spaces, lost emoji.
 *
 * The cocolian exporter escaped text up to three times (`&amp;amp;amp;lt;`), so one
 * decoding pass is not enough; we decode until nothing changes, with a bound so a
 * pathological input cannot loop.
 */
import { decodeHTMLStrict } from 'entities';

/** Three levels are seen in the wild; two more rounds of margin cost nothing. */
export const MAX_DECODE_ROUNDS = 5;

/**
 * Decode HTML entities repeatedly until a fixed point (at most `maxRounds` passes).
 * Strict mode: an entity needs its `;`, so `?a=1&notify=2` in a URL stays intact.
 */
export function decodeEntities(s: string, maxRounds = MAX_DECODE_ROUNDS): string {
  let cur = s;
  for (let i = 0; i < maxRounds && cur.includes('&'); i++) {
    const next = decodeHTMLStrict(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

// Spaces that are spacing, not meaning: NBSP (often from decoded `&#160;`), the
// ideographic space U+3000, the typographic spaces U+2000–U+200A (WeChat puts U+2005
// after a mention), narrow NBSP, medium math space, ogham space mark, tabs.
const ODD_SPACE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
// Invisible characters with no spacing role. U+200D (ZWJ) is kept: emoji sequences need it.
const INVISIBLE = /[\u200b\u200c\u2060\ufeff]/gu;
// Private-use code points: emoji the export could not map; they carry nothing readable.
const PRIVATE_USE = /[\u{e000}-\u{f8ff}\u{f0000}-\u{ffffd}\u{100000}-\u{10fffd}]/gu;

/** Odd spaces → ` `, invisible and private-use characters removed, CRLF → LF. */
export function cleanSpaces(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(ODD_SPACE, ' ').replace(INVISIBLE, '').replace(PRIVATE_USE, '');
}

/** Fold runs of spaces, trim each line, keep at most one blank line between paragraphs. */
export function foldSpaces(s: string): string {
  return s
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * WeChat link titles end with a line break before `](` (`[title\r\n](url)`); joining
 * them keeps `[title](url)` on one line so the link rules see one shape.
 */
export function joinLinkTitles(s: string): string {
  return s.replace(/\s*\n\s*\]\(/g, '](');
}

/** The whole clean-up: entities, spaces, lost emoji, folded and trimmed. */
export function cleanText(raw: string): string {
  return foldSpaces(joinLinkTitles(cleanSpaces(decodeEntities(raw))));
}
