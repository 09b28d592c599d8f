/**
 * English term discovery: noun phrases that compromise finds in the few mostly-English
 * sentences, scored with TF-IDF over transcripts (natural, by deep import: its package
 * root loads database drivers).
 */
import nlp from 'compromise';
import tfidfModule from 'natural/lib/natural/tfidf/index.js';
import { dominatedByGlossary, escapeRegex, pickExamples, rank, round, type DiscoveryContext, type TermCandidate, type TextUnit } from './corpus.js';
import { stopReason, type GlossaryRules } from './rules.js';

const { TfIdf } = tfidfModule;

const LATIN_WORD = /[A-Za-z][A-Za-z0-9'&+-]*/g;
// English stays English up to a Chinese character or Chinese punctuation.
const NON_ENGLISH = /[\p{Script=Han}，。！？；：、「」（）【】《》“”\n]+/u;
const PHRASE_WORD = /^[a-z][a-z0-9+&'-]*$/;

/** Pieces of text that are mostly English and have enough words to parse (the cheap test). */
export function englishPieces(text: string, minWords: number, minLatinShare: number): string[] {
  const out: string[] = [];
  for (const piece of text.split(NON_ENGLISH)) {
    const words = piece.match(LATIN_WORD) ?? [];
    if (words.length < minWords) continue;
    const letters = words.join('').length;
    if (letters < piece.replace(/\s/g, '').length * minLatinShare) continue;
    out.push(piece.trim());
  }
  return out;
}

/** Noun phrases of an English piece, lower-cased; phrases with code-like words are dropped. */
export function nounPhrases(piece: string, maxWords: number): string[] {
  const out: string[] = [];
  // Determiners, possessives, pronouns and conjunctions are not part of a term (the
  // orbit ledger, Apple Pay and …).
  for (const raw of nlp(piece).nouns().not('(#Determiner|#Possessive|#Pronoun|#Conjunction)').out('array') as string[]) {
    const words = raw
      .toLowerCase()
      .replace(/^[^a-z0-9]+|[^a-z0-9+]+$/g, '')
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.length === 0 || words.length > maxWords) continue;
    if (!words.every((w) => PHRASE_WORD.test(w))) continue;
    out.push(words.join(' '));
  }
  return out;
}

export function discoverEnglish(units: readonly TextUnit[], ctx: DiscoveryContext, rules: GlossaryRules): TermCandidate[] {
  const cfg = rules.discovery;
  const en = cfg.english;
  // phrase → per transcript count, messages it occurs in, and how it was written.
  const byDoc = new Map<number, string[]>();
  const seenIn = new Map<string, { units: number[]; spans: Map<number, [number, number]>; docs: Set<number>; count: number }>();
  units.forEach((u, ui) => {
    for (const piece of englishPieces(u.text, en.minWords, en.minLatinShare)) {
      for (const phrase of nounPhrases(piece, en.maxWords)) {
        const list = byDoc.get(u.doc) ?? [];
        list.push(phrase);
        byDoc.set(u.doc, list);
        let s = seenIn.get(phrase);
        if (!s) seenIn.set(phrase, (s = { units: [], spans: new Map(), docs: new Set(), count: 0 }));
        s.count++;
        s.docs.add(u.doc);
        if (!s.spans.has(ui)) {
          const at = u.text.toLowerCase().indexOf(phrase.split(' ')[0]!);
          s.units.push(ui);
          s.spans.set(ui, [Math.max(0, at), Math.max(0, at) + phrase.length]);
        }
      }
    }
  });
  const tfidf = new TfIdf();
  const docIds = [...byDoc.keys()].sort((a, b) => a - b);
  for (const d of docIds) tfidf.addDocument(byDoc.get(d)!, String(d));

  const candidates: TermCandidate[] = [];
  for (const [phrase, s] of seenIn) {
    if (s.count < en.minOccurrences || s.docs.size < en.minDocuments) continue;
    const words = phrase.split(' ');
    // A single word is a term only when it is an abbreviation people write in capitals (MDR).
    if (words.length === 1 && (phrase.length < 2 || !writtenInCapitals(units, s.units, phrase))) continue;
    if (ctx.matcher.lookup(phrase)) continue;
    if (stopReason(phrase, rules) !== null) continue;
    if (dominatedByGlossary(phrase, ctx.matcher, en.maxAffix)) continue;
    let score = 0;
    docIds.forEach((_, i) => (score += tfidf.tfidf([phrase], i)));
    const spelled = spelling(units, s.units, phrase);
    candidates.push({
      term: spelled,
      lang: 'en',
      score: round(score),
      occurrences: s.count,
      documents: s.docs.size,
      stats: { tfidf: round(score) },
      examples: pickExamples(units, s.units, s.spans, cfg.examples, cfg.exampleLength),
    });
  }
  return rank(candidates, cfg.maxCandidates);
}

function writtenInCapitals(units: readonly TextUnit[], at: number[], phrase: string): boolean {
  const re = new RegExp(`(?<![A-Za-z])${escapeRegex(phrase)}(?![A-Za-z])`, 'gi');
  let upper = 0;
  let all = 0;
  for (const ui of at) {
    for (const m of units[ui]!.text.matchAll(re)) {
      all++;
      if (m[0] === m[0].toUpperCase()) upper++;
    }
  }
  return all > 0 && upper * 2 > all;
}

/** The spelling people used most (PCI DSS rather than pci dss), first seen on ties. */
function spelling(units: readonly TextUnit[], at: number[], phrase: string): string {
  const re = new RegExp(`(?<![A-Za-z])${escapeRegex(phrase).replace(/ /g, '\\s+')}(?![A-Za-z])`, 'gi');
  const seen = new Map<string, number>();
  for (const ui of at) for (const m of units[ui]!.text.matchAll(re)) seen.set(m[0].replace(/\s+/g, ' '), (seen.get(m[0]) ?? 0) + 1);
  const best = [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
  return best?.[0] ?? phrase;
}

