/**
 * A question as a heading: the asker's words, minus the filler that opens chat questions
 * (请问大家，…), links (they say nothing in a title, and the full question is kept below
 * the heading), and cut to its interrogative sentence when long.
 */
import type { EntryHeading } from '../model.js';
import { AUTOLINKABLE } from '../emit/markdown.js';

export const HEADING_MAX = 80;
/** An asking clause shorter than this (为什么？) takes the clause before it along. */
const MIN_CLAUSE = 8;
const LINK_PLACEHOLDER = '〔链接〕';
/** `[title](url)` as link messages write it: the title stays, the address goes. */
const MARKDOWN_LINK = /\[([^\]\n]{1,80})\]\((?:https?:\/\/|www\.)[^)\s]*\)/gu;
const ASKING_WORD = /[吗呢么]|能否|是否|如何|怎么|怎样|什么|为什么|为啥|哪|多少|有没有|是不是|能不能|可不可以/u;
const LEADING_PUNCT = /^[\s,，、:：;；.。!！~～]+/u;

export type Heading = EntryHeading;

/** Drop what `patterns` (anchored at the start) match, repeatedly; never the whole question. */
export function dropLeadingFiller(question: string, patterns: readonly RegExp[]): string {
  let t = question.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of patterns) {
      const m = re.exec(t);
      if (m && m.index === 0 && m[0].length > 0 && m[0].length < t.length) {
        t = t.slice(m[0].length).replace(LEADING_PUNCT, '');
        changed = true;
      }
    }
  }
  return t || question.trim();
}

/** Remove what `drop` matches (sticker codes), folding the spaces left; never the whole question. */
function dropAnywhere(question: string, drop: readonly RegExp[]): string {
  const t = drop
    .reduce((s, re) => s.replace(re, ''), question)
    .replace(/\s+/g, ' ')
    .replace(/\s+([？?！!。，,])/gu, '$1')
    .trim();
  return t || question.trim();
}

export function questionHeading(question: string, filler: readonly RegExp[], drop: readonly RegExp[] = []): Heading {
  const plain = dropLeadingFiller(dropAnywhere(question, drop), filler);
  const unlinked = plain
    .replace(MARKDOWN_LINK, `$1${LINK_PLACEHOLDER}`)
    .replace(AUTOLINKABLE, LINK_PLACEHOLDER)
    .replace(/\s*〔链接〕\s*/gu, LINK_PLACEHOLDER);
  if ([...unlinked].length <= HEADING_MAX) return { text: unlinked, shortened: unlinked !== plain };
  // Chinese sentence ends anywhere; ASCII ones only before a space (a `?` inside a URL is no sentence end).
  const sentences = unlinked
    .split(/(?<=[？！。；])|(?<=[?!;])(?=\s)/u)
    .map((s) => s.trim())
    .filter(Boolean);
  // The asking sentence: one that ends in a question mark, else what follows a 问题： label,
  // else one with an interrogative word; a preamble (咨询个问题。) is the last resort.
  const labelled = /(?:^|\s)(?:问题|疑问|Q)\s*[：:]\s*(.+)$/u.exec(unlinked)?.[1];
  let asked =
    [...sentences].reverse().find((s) => /[？?]$/u.test(s)) ??
    (labelled && [...labelled].length >= MIN_CLAUSE ? labelled : undefined) ??
    [...sentences].reverse().find((s) => ASKING_WORD.test(s)) ??
    sentences[0] ??
    unlinked;
  if ([...asked].length > HEADING_MAX) {
    // One long sentence: its asking clause, with the clause before when that alone says little.
    const clauses = asked.split(/(?<=[，,；;：:])/u).map((s) => s.trim()).filter(Boolean);
    const i = clauses.length - 1;
    asked = [...(clauses[i] ?? asked)].length < MIN_CLAUSE && i > 0 ? clauses[i - 1]! + clauses[i]! : (clauses[i] ?? asked);
  }
  const chars = [...asked];
  return { text: chars.length <= HEADING_MAX ? asked : chars.slice(0, HEADING_MAX - 1).join('') + '…', shortened: true };
}
