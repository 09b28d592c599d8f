/**
 * Related terms from co-occurrence: two glossary terms are related when the chat keeps
 * using them in the same stretch of talk, more often than their frequencies alone would
 * make happen. A stretch is a block of `span` consecutive spoken messages of one
 * transcript (noise and skipped messages left out), so a question and the answers a few
 * lines below it count together while a day's unrelated threads do not.
 *
 * Association is normalised PMI over blocks: npmi = log(p(ab) / (p(a)·p(b))) / −log p(ab),
 * 1 when two terms only ever occur together, 0 when independent. Counting blocks rather
 * than occurrences keeps one chatty message from making a pair. Pure; thresholds are in
 * rules/glossary.yaml (`relations`).
 */
import type { Doc } from '../model.js';
import { compareStrings } from '../text/order.js';

export interface RelationRules {
  /** Spoken messages per block. */
  span: number;
  /** Blocks that must hold both terms. */
  minCount: number;
  /** Transcripts those blocks must come from: one day's single thread is not a relation. */
  minDocuments: number;
  /** Lowest normalised PMI kept. */
  minNpmi: number;
  /** Most related terms kept per term. */
  max: number;
}

export interface CoOccurrence {
  /** Blocks counted. */
  blocks: number;
  /** Blocks holding each term. */
  single: Map<string, number>;
  /** Blocks holding both terms of a pair, keyed `a\u0000b` with a < b. */
  pairs: Map<string, number>;
  /** Transcripts with such a block, same keys. */
  pairDocs: Map<string, number>;
}

export interface Relation {
  term: string;
  /** Blocks holding both terms. */
  count: number;
  npmi: number;
}

/** Count terms and term pairs over blocks of `span` spoken messages. */
export function countCoOccurrence(docs: readonly Doc[], span: number, skipKinds: Iterable<string> = []): CoOccurrence {
  const skip = new Set(skipKinds);
  const single = new Map<string, number>();
  const pairs = new Map<string, number>();
  const pairDocs = new Map<string, number>();
  let blocks = 0;
  let inDoc = new Set<string>();
  const flush = (terms: Set<string>) => {
    blocks++;
    const list = [...terms].sort(compareStrings);
    list.forEach((a, i) => {
      single.set(a, (single.get(a) ?? 0) + 1);
      for (const b of list.slice(i + 1)) {
        const key = `${a}\u0000${b}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        if (!inDoc.has(key)) pairDocs.set(key, (pairDocs.get(key) ?? 0) + 1);
        inDoc.add(key);
      }
    });
  };
  for (const d of docs) {
    inDoc = new Set();
    let terms = new Set<string>();
    let n = 0;
    d.transcript.messages.forEach((m, i) => {
      const a = d.analyses[i];
      if (!a || a.skip || skip.has(m.kind)) return;
      for (const t of a.terms) terms.add(t);
      if (++n === span) {
        flush(terms);
        terms = new Set();
        n = 0;
      }
    });
    if (n > 0) flush(terms);
  }
  return { blocks, single, pairs, pairDocs };
}

/**
 * Each term's related terms: pairs seen in at least `minCount` blocks of at least
 * `minDocuments` transcripts, with npmi at least
 * `minNpmi`, strongest first (ties: more blocks, then the term), at most `max` per term.
 */
export function relationsFrom(c: CoOccurrence, rules: RelationRules): Map<string, Relation[]> {
  const out = new Map<string, Relation[]>();
  if (c.blocks === 0) return out;
  const add = (a: string, r: Relation) => {
    const list = out.get(a) ?? [];
    list.push(r);
    out.set(a, list);
  };
  for (const [key, n] of c.pairs) {
    if (n < rules.minCount || (c.pairDocs.get(key) ?? 0) < rules.minDocuments) continue;
    const [a, b] = key.split('\u0000') as [string, string];
    const pab = n / c.blocks;
    const pa = (c.single.get(a) ?? n) / c.blocks;
    const pb = (c.single.get(b) ?? n) / c.blocks;
    // p(ab) = 1: both terms are in every block, so nothing sets them apart from the rest.
    const npmi = pab >= 1 ? 0 : Math.log(pab / (pa * pb)) / -Math.log(pab);
    if (npmi < rules.minNpmi) continue;
    const rounded = Math.round(npmi * 1000) / 1000;
    add(a, { term: b, count: n, npmi: rounded });
    add(b, { term: a, count: n, npmi: rounded });
  }
  for (const [t, list] of out) {
    list.sort((x, y) => y.npmi - x.npmi || y.count - x.count || compareStrings(x.term, y.term));
    out.set(t, list.slice(0, rules.max));
  }
  return out;
}
