/**
 * Word segmentation for Chinese mixed with English: jieba with its default dictionary
 * plus a user dictionary of every glossary form, so that payment terms (原路退回,
 * 代付通道, T+1, H5支付) come out as one token instead of being cut into everyday words.
 *
 * Text is folded before cutting (NFKC, lower case, the glossary's variants), so tokens
 * of `ＳＤＫ`, `Sdk` and `sdk` are the same and 帐户 gives the token 账户.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { foldForm, formsOf, variantMap, type Glossary } from '../glossary/curated.js';

export interface Segmenter {
  /** Words in order: lower-cased English words, Chinese words; no punctuation or spaces. */
  tokens(text: string): string[];
}

/**
 * A frequency high enough that a glossary form beats splitting it into common words
 * (jieba picks the most probable path; dictionary totals are about 6·10^7).
 */
const USER_FREQ = 50_000;

/** Has a letter or a digit: everything else (punctuation, spaces, symbols) is dropped. */
const CONTENT = /[\p{L}\p{N}]/u;

/**
 * The user dictionary, one `word freq tag` line per glossary form. Forms are folded as the
 * text is; a form with a space inside (`credit card`) cannot be one jieba word and is left out.
 */
export function userDictionary(glossary: Glossary): string {
  const variants = variantMap(glossary.variants);
  const words = new Set<string>();
  for (const t of glossary.terms) {
    for (const f of formsOf(t)) {
      const w = foldForm(f, variants);
      if (w !== '' && !/\s/u.test(w)) words.add(w);
    }
  }
  return [...words].map((w) => `${w} ${USER_FREQ} nz`).join('\n') + '\n';
}

// Building jieba reads a 5 MB dictionary (~0.3–0.5 s): once per glossary object.
const cache = new WeakMap<Glossary, Segmenter>();

export function createSegmenter(glossary: Glossary): Segmenter {
  const cached = cache.get(glossary);
  if (cached) return cached;
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(userDictionary(glossary), 'utf8'));
  const variants = variantMap(glossary.variants);
  const fold = (text: string): string => {
    let s = text.normalize('NFKC').toLowerCase();
    if (variants.size > 0) s = Array.from(s, (ch) => variants.get(ch) ?? ch).join('');
    return s;
  };
  const segmenter: Segmenter = {
    tokens(text: string): string[] {
      if (text.trim() === '') return [];
      return jieba.cut(fold(text), true).filter((w) => CONTENT.test(w));
    },
  };
  cache.set(glossary, segmenter);
  return segmenter;
}
