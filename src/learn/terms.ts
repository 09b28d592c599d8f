/**
 * Which glossary terms a transcript's term list leaves out: the terms annotators hardly
 * ever list when a chat uses them (everyday words of the trade, such as 平台 or 上线,
 * that readers still find in the glossary). Learned per term from gold days: a term seen
 * on at least `minDays` of them and listed on fewer than `maxShare` of those is quiet.
 */
import type { Doc } from '../model.js';
import type { Gold } from '../eval/gold.js';
import type { TermMatcher } from '../glossary/matcher.js';

export interface QuietTermSettings {
  minDays: number;
  maxShare: number;
}

export const DEFAULT_QUIET: QuietTermSettings = { minDays: 2, maxShare: 0.2 };

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** The quiet canonical terms, sorted. */
export function fitQuietTerms(days: readonly { doc: Doc; gold: Gold | null }[], matcher: TermMatcher, s: QuietTermSettings = DEFAULT_QUIET): string[] {
  const seen = new Map<string, { days: number; listed: number }>();
  for (const { doc, gold } of days) {
    if (!gold) continue;
    const listed = new Set(gold.terms.map(fold));
    const byTerm = new Map<string, boolean>();
    for (const form of doc.terms) {
      const term = matcher.lookup(form)?.term;
      if (term === undefined) continue;
      byTerm.set(term, (byTerm.get(term) ?? false) || listed.has(fold(form)));
    }
    for (const [term, isListed] of byTerm) {
      const c = seen.get(term) ?? { days: 0, listed: 0 };
      c.days++;
      if (isListed) c.listed++;
      seen.set(term, c);
    }
  }
  return [...seen]
    .filter(([, c]) => c.days >= s.minDays && c.listed / c.days < s.maxShare)
    .map(([t]) => t)
    .sort();
}
