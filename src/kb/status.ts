/** `chatkb status`: the knowledge base's entries by topic and status, read from the files alone. */
import { statusCounts } from '../emit/index-pages.js';
import type { FaqIndexEntry } from './plan.js';
import { compareStrings } from '../text/order.js';
import { readExisting } from './state.js';

export interface StatusReport {
  total: number;
  byStatus: [string, number][];
  byTopic: { topic: string; total: number; byStatus: [string, number][] }[];
  /** Drafts whose text an editor changed (kept by builds like reviewed entries). */
  editedDrafts: number;
}

export function kbStatus(outDir: string): StatusReport {
  const { entries } = readExisting(outDir);
  const asIndex = entries.map((e) => ({ status: e.status }) as FaqIndexEntry);
  const topics = [...new Set(entries.map((e) => e.path.split('/')[1]!))].sort(compareStrings);
  return {
    total: entries.length,
    byStatus: statusCounts(asIndex),
    byTopic: topics.map((topic) => {
      const mine = entries.filter((e) => e.path.split('/')[1] === topic);
      return { topic, total: mine.length, byStatus: statusCounts(mine.map((e) => ({ status: e.status }) as FaqIndexEntry)) };
    }),
    editedDrafts: entries.filter((e) => e.status === 'draft' && !e.intact).length,
  };
}

export function formatStatus(r: StatusReport): string {
  const counts = (list: [string, number][]) => list.map(([s, n]) => `${s} ${n}`).join(', ');
  const lines = [`${r.total} entries${r.total ? `: ${counts(r.byStatus)}` : ''}${r.editedDrafts ? ` (${r.editedDrafts} drafts edited by hand)` : ''}`];
  const width = Math.max(0, ...r.byTopic.map((t) => t.topic.length));
  for (const t of r.byTopic) lines.push(`  ${t.topic.padEnd(width)}  ${String(t.total).padStart(4)}  ${counts(t.byStatus)}`);
  return lines.join('\n');
}
