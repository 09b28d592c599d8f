import { describe, expect, it } from 'vitest';
import { dailyBest, parseReviewJson, reviewQueue, type ReviewItem } from '../../src/kb/review.js';
import type { FaqIndex, FaqIndexEntry } from '../../src/model.js';

const entry = (id: string, date: string, score: number, more: Partial<FaqIndexEntry> = {}): FaqIndexEntry => ({
  id,
  path: `faq/refunds/${id}.md`,
  topic: 'refunds',
  status: 'draft',
  action: 'unchanged',
  question: `问题 ${id}？`,
  tags: [],
  sources: [{ transcript: `g/${date}-chat.md`, date }],
  note: null,
  score,
  ...more,
});

describe('dailyBest', () => {
  const item = (id: string, date: string | null, score: number): ReviewItem => ({ id, title: id, topic: 't', date, score, path: `${id}.md`, sources: 1, tags: [] });

  it("keeps each day's best drafts up to the budget and lists them best first", () => {
    const drafts = [item('a1', '2024-03-11', 0.4), item('a2', '2024-03-11', 0.9), item('a3', '2024-03-11', 0.7), item('b1', '2024-03-12', 0.5), item('n1', null, 0.95)];
    const { queue, held } = dailyBest(drafts, 2);
    expect(queue.map((i) => i.id)).toEqual(['n1', 'a2', 'a3', 'b1']);
    expect(held).toBe(1);
  });

  it('puts drafts under the score line below it, still within the day\'s budget', () => {
    const drafts = [item('a1', '2024-03-11', 0.95), item('a2', '2024-03-11', 0.6), item('a3', '2024-03-11', 0.5)];
    const r = dailyBest(drafts, 2, 0.9);
    expect(r.queue.map((i) => i.id)).toEqual(['a1']);
    expect(r.next.map((i) => i.id)).toEqual(['a2']);
    expect(r.held).toBe(1);
  });

  it('orders equal scores by day, then id, whatever the input order', () => {
    const drafts = [item('x10', '2024-03-12', 0.8), item('x2', '2024-03-12', 0.8), item('x9', '2024-03-11', 0.8)];
    expect(dailyBest(drafts, 5).queue.map((i) => i.id)).toEqual(['x9', 'x2', 'x10']);
    expect(dailyBest([...drafts].reverse(), 5).queue.map((i) => i.id)).toEqual(['x9', 'x2', 'x10']);
  });
});

describe('reviewQueue', () => {
  const index = (entries: FaqIndexEntry[]): FaqIndex => ({ entries });

  it("lists drafts only, with this build's changes, and the editors' stale entries", () => {
    const q = reviewQueue(
      index([
        entry('d1', '2024-03-11', 0.9, { action: 'new' }),
        entry('d2', '2024-03-11', 0.6, { action: 'updated' }),
        entry('k1', '2024-03-11', 0.99, { status: 'approved', action: 'kept', stale: 'new answers' }),
        entry('o1', '2024-03-10', 0.5, { status: 'orphaned', action: 'orphaned' }),
      ]),
      { perDay: 8, minScore: 0 },
      null,
    );
    expect(q.queue.map((i) => i.id)).toEqual(['d1', 'd2']);
    expect(q.changes).toEqual({ new: ['d1'], updated: ['d2'], orphaned: ['o1'] });
    expect(q.stale).toEqual(['k1']);
    expect(q.orphans).toEqual(['o1']);
  });

  it('carries the last changes over a build that changed nothing, and tells new orphans from old ones', () => {
    const first = reviewQueue(index([entry('d1', '2024-03-11', 0.9, { action: 'new' }), entry('o1', '2024-03-10', 0.5, { status: 'orphaned', action: 'orphaned' })]), { perDay: 8, minScore: 0 }, null);
    const quiet = reviewQueue(index([entry('d1', '2024-03-11', 0.9), entry('o1', '2024-03-10', 0.5, { status: 'orphaned', action: 'orphaned' })]), { perDay: 8, minScore: 0 }, first);
    expect(quiet.changes).toEqual(first.changes);
    const later = reviewQueue(
      index([entry('o1', '2024-03-10', 0.5, { status: 'orphaned', action: 'orphaned' }), entry('d1', '2024-03-11', 0.9, { status: 'orphaned', action: 'orphaned' })]),
      { perDay: 8, minScore: 0 },
      quiet,
    );
    expect(later.changes).toEqual({ new: [], updated: [], orphaned: ['d1'] });
  });
});

describe('parseReviewJson', () => {
  it('reads what a build wrote and refuses anything else', () => {
    const q = reviewQueue({ entries: [entry('d1', '2024-03-11', 0.9, { action: 'new' })] }, { perDay: 8, minScore: 0 }, null);
    expect(parseReviewJson(JSON.stringify(q))).toEqual({ changes: q.changes, orphans: [] });
    for (const bad of [null, '', '{', '[]', '{"version":2}', '{"version":1,"changes":{"new":[1]},"orphans":[]}']) expect(parseReviewJson(bad)).toBeNull();
  });
});
