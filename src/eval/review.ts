/**
 * How good the top of the review queue is: on each gold day, the FAQ drafts ranked by
 * score as `chatkb review` ranks them, and of the first `perDay` the share an editor would
 * keep — those whose question is a gold question marked `faq: true`. Drafts only on
 * optional gold questions are left out, as the FAQ measure leaves them out.
 */
import type { Extraction } from './extraction.js';
import type { Gold } from './gold.js';
import { findTranscript, goldUnits } from './measures.js';
import { truthy } from './py.js';

export interface ReviewScore {
  perDay: number;
  /** Drafts scoring below this are not offered. */
  minScore: number;
  /** Drafts in the top `perDay` of every day, and how many of them are keepable. */
  shown: number;
  keepable: number;
  share: number;
  /** Days with at least one draft. */
  days: number;
}

export function scoreReview(extraction: Extraction, golds: readonly Gold[], perDay: number, minScore = 0): ReviewScore {
  let shown = 0;
  let keepable = 0;
  let days = 0;
  for (const g of golds) {
    const t = findTranscript(extraction, g.file);
    if (!t) continue;
    const { units, inRange } = goldUnits(t.messages, g);
    const drafts = t.exchanges
      .filter((x) => truthy(x.faq) && x.answers.length > 0 && (x.score ?? 0) >= minScore && x.question.some((id) => inRange.has(id)))
      .map((x, i) => ({ x, i, units: units.filter((u) => x.question.some((id) => u.ids.has(id))) }))
      .filter((d) => !(d.units.length > 0 && d.units.every((u) => u.optional)))
      // Best first; equal scores in transcript order, as the queue shows them.
      .sort((a, b) => (b.x.score ?? 0) - (a.x.score ?? 0) || a.i - b.i)
      .slice(0, perDay);
    if (drafts.length) days++;
    shown += drafts.length;
    keepable += drafts.filter((d) => d.units.some((u) => u.faq && !u.optional)).length;
  }
  return { perDay, minScore, shown, keepable, share: shown ? keepable / shown : 0, days };
}

export function formatReviewScore(r: ReviewScore): string {
  return `review queue: top ${r.perDay} per day${r.minScore ? ` scoring ≥ ${r.minScore}` : ''} hold ${r.keepable} keepable of ${r.shown} (${r.share.toFixed(3)}) over ${r.days} days`;
}

/** The same measure at several score floors: how precision trades against volume. */
export function reviewCurve(extraction: Extraction, golds: readonly Gold[], perDay: number, floors: readonly number[]): ReviewScore[] {
  return floors.map((f) => scoreReview(extraction, golds, perDay, f));
}
