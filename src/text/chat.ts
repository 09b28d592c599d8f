/**
 * What a message says in its own words, the views of its text that several stages
 * share: without @mentions, without sticker codes, its content characters, its overlap
 * features. One definition each, so the stages agree on what "own text" means.
 */
import type { Message } from '../model.js';

/**
 * A sticker or emoji code written in the text: `[强]`, `[捂脸]`, `[ThumbsUp]` (at most six
 * characters in brackets, no spaces). It says nothing about asking or answering.
 */
export const STICKER_CODE = /\[[^\]\s]{1,6}\]/g;

/** The text with every @mention cut out (each replaced by `with`). */
export function withoutMentions(m: Pick<Message, 'text' | 'mentions'>, replacement = ''): string {
  let text = m.text;
  for (const mention of [...m.mentions].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, mention.start) + replacement + text.slice(mention.end);
  }
  return text;
}

/** The text a question is judged on: no quoted text (normalize took it out), no @mentions, no sticker codes. */
export function askingText(m: Message): string {
  return withoutMentions(m, ' ').replace(STICKER_CODE, ' ').replace(/\s+/g, ' ').trim();
}

/** Characters that carry content: no mentions, stickers, punctuation or spaces. */
export function ownChars(m: Message): number {
  const text = withoutMentions(m).replace(STICKER_CODE, '').replace(/[\s\p{P}\p{S}]/gu, '');
  return [...text].length;
}

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
