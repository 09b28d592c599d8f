/**
 * `chatkb review`: the review queue read from the knowledge base folder alone — the
 * entry files for the drafts and their scores, review.json for what the last build
 * changed — so an editor can ask for a longer or shorter day without rebuilding.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dailyBest, parseReviewJson, type ReviewItem, type ReviewQueue } from './review.js';
import { readExisting } from './state.js';

export function kbReview(outDir: string, perDay: number, minScore: number): ReviewQueue {
  const { entries } = readExisting(outDir);
  const drafts: ReviewItem[] = entries
    .filter((e) => e.status === 'draft' && e.intact)
    .map((e) => ({ id: e.id, title: e.question, topic: e.topic, date: e.sources[0]?.date ?? null, score: e.score ?? 0, path: e.path, sources: e.sources.length, tags: e.tags }));
  const { queue, next, held } = dailyBest(drafts, perDay, minScore);
  const file = join(outDir, 'review.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : null;
  // A damaged or foreign review.json costs the "last build" part only.
  const prev = parseReviewJson(text);
  const last = prev && text ? (JSON.parse(text) as Partial<ReviewQueue>) : null;
  return {
    version: 1,
    perDay,
    minScore,
    drafts: drafts.length,
    queue,
    next,
    held,
    changes: prev?.changes ?? { new: [], updated: [], orphaned: [] },
    orphans: prev?.orphans ?? [],
    stale: Array.isArray(last?.stale) ? last.stale.filter((s): s is string => typeof s === 'string') : [],
  };
}

export function formatReview(q: ReviewQueue): string {
  const row = (i: ReviewItem) => `  ${i.score.toFixed(2)}  ${i.date ?? '----------'}  ${i.topic.padEnd(20)} ${i.title}  (${i.path})`;
  const lines = [`${q.queue.length} of ${q.drafts} drafts score ${q.minScore} or more (at most ${q.perDay} a day), best first:`];
  lines.push(...q.queue.map(row));
  if (q.next.length) lines.push(`below the line (the rest of each day's ${q.perDay}):`, ...q.next.map(row));
  lines.push(`${q.held} more drafts beyond the daily budget`);
  const c = q.changes;
  lines.push(`last build: ${c.new.length} new, ${c.updated.length} updated, ${c.orphaned.length} newly orphaned${q.stale.length ? `; stale (new answers): ${q.stale.join(', ')}` : ''}`);
  return lines.join('\n');
}
