import type { Message } from '../model.js';

/** Characters that carry content: no mentions, stickers, punctuation or spaces. */
export function ownChars(m: Message): number {
  let text = m.text;
  for (const men of [...m.mentions].sort((a, b) => b.start - a.start)) text = text.slice(0, men.start) + text.slice(men.end);
  text = text.replace(/\[[^\]]{1,6}\]/g, '').replace(/[\s\p{P}\p{S}]/gu, '');
  return [...text].length;
}

