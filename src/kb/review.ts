/**
 * The review queue: the drafts an editor should look at first. A busy day yields far more
 * drafts than editors publish (they write up about eight a day), so each day offers its
 * best `perDay` drafts by score — the fitted probability that an editor keeps it. Those
 * scoring at least `minScore` make the queue; the day's others within the budget come
 * next, below the line, and the rest wait in the index. The queue also says what the last build that changed
 * anything brought (new and updated drafts, entries that lost their conversation) and
 * which of the editors' entries have new answers to look at. Pure.
 */
import type { FaqIndex, FaqIndexEntry } from '../model.js';
import { compareStrings, naturalCompare } from '../text/order.js';

export interface ReviewItem {
  id: string;
  title: string;
  topic: string;
  /** The day of its first source (null: undated). */
  date: string | null;
  score: number;
  path: string;
  /** Days it was asked on. */
  sources: number;
  tags: string[];
}

export interface ReviewChanges {
  new: string[];
  updated: string[];
  orphaned: string[];
}

export interface ReviewQueue {
  version: 1;
  perDay: number;
  minScore: number;
  drafts: number;
  /** The queue in score order: each day's best `perDay` drafts that score at least `minScore`. */
  queue: ReviewItem[];
  /** The rest of each day's budget, below the score line, in score order. */
  next: ReviewItem[];
  /** Drafts beyond their day's budget. */
  held: number;
  /** What the last build that changed entries changed. */
  changes: ReviewChanges;
  /** Every orphaned entry (to tell a new orphan from an old one next time). */
  orphans: string[];
  /** Editors' entries whose conversation has new answers. */
  stale: string[];
}

/** Best first; equal scores by day, then id, so the order never depends on input order. */
export function byScore(a: ReviewItem, b: ReviewItem): number {
  return b.score - a.score || compareStrings(a.date ?? '', b.date ?? '') || naturalCompare(a.id, b.id);
}

export function itemOf(e: FaqIndexEntry): ReviewItem {
  return {
    id: e.id,
    title: e.title ?? e.question,
    topic: e.topic,
    date: e.sources[0]?.date ?? null,
    score: e.score ?? 0,
    path: e.path,
    sources: e.sources.length,
    tags: e.tags,
  };
}

/** Each day's best `perDay` drafts: those scoring at least `minScore`, the others, and how many were held back. */
export function dailyBest(drafts: readonly ReviewItem[], perDay: number, minScore = 0): { queue: ReviewItem[]; next: ReviewItem[]; held: number } {
  const byDay = new Map<string, ReviewItem[]>();
  for (const d of drafts) byDay.set(d.date ?? '', [...(byDay.get(d.date ?? '') ?? []), d]);
  const shown: ReviewItem[] = [];
  for (const list of byDay.values()) shown.push(...[...list].sort(byScore).slice(0, perDay));
  shown.sort(byScore);
  return { queue: shown.filter((i) => i.score >= minScore), next: shown.filter((i) => i.score < minScore), held: drafts.length - shown.length };
}

/**
 * The queue after a build. `previous` is the queue the last build wrote: when this build
 * changed no entry, its changes are carried over, so a rebuild of unchanged input writes
 * the same bytes and editors still see what the last real change brought.
 */
export function reviewQueue(
  index: FaqIndex,
  budget: { perDay: number; minScore: number },
  previous: Pick<ReviewQueue, 'changes' | 'orphans'> | null,
): ReviewQueue {
  const drafts = index.entries.filter((e) => e.status === 'draft' && e.action !== 'kept' && e.action !== 'orphaned');
  const { queue, next, held } = dailyBest(drafts.map(itemOf), budget.perDay, budget.minScore);
  const ids = (action: FaqIndexEntry['action']) => index.entries.filter((e) => e.action === action).map((e) => e.id).sort(naturalCompare);
  const orphans = ids('orphaned');
  const known = new Set(previous?.orphans ?? []);
  const now: ReviewChanges = { new: ids('new'), updated: ids('updated'), orphaned: orphans.filter((id) => !known.has(id)) };
  const changed = now.new.length + now.updated.length + now.orphaned.length > 0;
  return {
    version: 1,
    perDay: budget.perDay,
    minScore: budget.minScore,
    drafts: drafts.length,
    queue,
    next,
    held,
    changes: changed || !previous ? now : previous.changes,
    orphans,
    stale: index.entries.filter((e) => e.stale).map((e) => e.id).sort(naturalCompare),
  };
}

/** review.json as a previous build wrote it, or null when it is missing or not ours. */
export function parseReviewJson(text: string | null): Pick<ReviewQueue, 'changes' | 'orphans'> | null {
  if (text === null) return null;
  try {
    const j = JSON.parse(text) as Partial<ReviewQueue>;
    const list = (x: unknown) => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : null);
    const c = j.changes;
    const changes = c && { new: list(c.new), updated: list(c.updated), orphaned: list(c.orphaned) };
    const orphans = list(j.orphans);
    if (j.version !== 1 || !changes?.new || !changes.updated || !changes.orphaned || !orphans) return null;
    return { changes: { new: changes.new, updated: changes.updated, orphaned: changes.orphaned }, orphans };
  } catch {
    return null;
  }
}
