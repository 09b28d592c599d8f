/**
 * The same question asked on different days becomes one entry. Questions are compared
 * by the Jaccard similarity of their character n-gram sets after normalization (width,
 * case, stickers, punctuation and configured filler removed); at or above the threshold
 * of chatkb.config.yaml they are one question.
 *
 * Grouping is greedy and in a fixed order (date, transcript, line): each question joins
 * the most similar earlier group, compared with that group's first question only, so
 * A~B and B~C do not chain A and C together. Same input, same groups.
 */
import { STICKER_CODE } from '../text/chat.js';
import type { KbConfig } from './config.js';
import type { Candidate } from './entries.js';
import { compareStrings } from '../text/order.js';

export type DuplicateSettings = KbConfig['duplicates'];

export function normalizeQuestion(text: string, s: Pick<DuplicateSettings, 'ignore'>): string {
  let t = text.normalize('NFKC').toLowerCase().replace(STICKER_CODE, ' ');
  for (const w of [...s.ignore].sort((a, b) => b.length - a.length)) t = t.split(w.normalize('NFKC').toLowerCase()).join(' ');
  return t.replace(/[^\p{L}\p{N}]+/gu, '');
}

export function fingerprint(text: string, s: Pick<DuplicateSettings, 'ignore' | 'ngram'>): Set<string> {
  const chars = [...normalizeQuestion(text, s)];
  const grams = new Set<string>();
  if (chars.length <= s.ngram) {
    if (chars.length) grams.add(chars.join(''));
    return grams;
  }
  for (let i = 0; i + s.ngram <= chars.length; i++) grams.add(chars.slice(i, i + s.ngram).join(''));
  return grams;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

export function sourceOrder(a: Candidate, b: Candidate): number {
  return (
    compareStrings(a.source.date ?? '', b.source.date ?? '') ||
    compareStrings(a.source.rel, b.source.rel) ||
    (a.source.messages[0]?.line ?? 0) - (b.source.messages[0]?.line ?? 0) ||
    compareStrings(a.id, b.id)
  );
}

/** Groups of near-duplicate questions, each in source order; groups ordered by their first member. */
export function groupDuplicates(candidates: readonly Candidate[], s: DuplicateSettings): Candidate[][] {
  const sorted = [...candidates].sort(sourceOrder);
  const groups: { members: Candidate[]; size: number }[] = [];
  const byGram = new Map<string, number[]>();
  for (const c of sorted) {
    const fp = fingerprint(c.source.question, s);
    const comparable = normalizeQuestion(c.source.question, s).length >= s.minChars;
    let best = -1;
    let bestSim = 0;
    if (comparable) {
      const shared = new Map<number, number>();
      for (const g of fp) for (const gi of byGram.get(g) ?? []) shared.set(gi, (shared.get(gi) ?? 0) + 1);
      for (const [gi, n] of shared) {
        const sim = n / (fp.size + groups[gi]!.size - n);
        if (sim >= s.threshold - 1e-9 && (sim > bestSim + 1e-12 || (Math.abs(sim - bestSim) <= 1e-12 && gi < best))) {
          best = gi;
          bestSim = sim;
        }
      }
    }
    if (best >= 0) {
      groups[best]!.members.push(c);
      continue;
    }
    const gi = groups.length;
    groups.push({ members: [c], size: fp.size });
    if (!comparable) continue;
    for (const g of fp) {
      const list = byGram.get(g);
      if (list) list.push(gi);
      else byGram.set(g, [gi]);
    }
  }
  return groups.map((g) => g.members);
}
