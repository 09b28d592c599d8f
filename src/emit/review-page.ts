/**
 * review.md and review.json: the review queue of src/kb/review.ts for editors (a page,
 * by topic, best first) and for tools (`chatkb review --json` reads the same shape).
 */
import type { ListItem, PhrasingContent, RootContent } from 'mdast';
import { u } from 'unist-builder';
import type { ReviewItem, ReviewQueue } from '../kb/review.js';
import type { OutputFile } from '../model.js';
import type { TopicInfo } from './index-pages.js';
import { renderMarkdown, safeInline } from './markdown.js';

const INTRO =
  '待审草稿，按分数（编辑保留这条的拟合概率）从高到低；每天只列出最好的几条，其余留在线下，编辑发布的大约就是这么多。' +
  '在条目的 front matter 里把 status 改为 approved、reviewed 或 rejected 即可；被拒的条目不会再提出，chatkb fit --kb 会从这些决定里学习。';

function itemLine(i: ReviewItem): ListItem {
  const meta = [i.score.toFixed(2), i.date ?? '无日期', ...(i.sources > 1 ? [`${i.sources} 次提问`] : [])].join(' · ');
  const line: PhrasingContent[] = [u('link', { url: i.path }, safeInline(i.title)), u('text', ' — '), ...safeInline(meta)];
  return u('listItem', { spread: false }, [u('paragraph', line)]);
}

const list = (items: ListItem[]): RootContent => u('list', { ordered: false, spread: false }, items);

/** Where each entry is and what it is called, by id (from the build's index). */
export type EntryRefs = ReadonlyMap<string, { path: string; title: string }>;

export function reviewMarkdown(q: ReviewQueue, topics: readonly TopicInfo[], refs: EntryRefs): string {
  const out: RootContent[] = [
    u('heading', { depth: 1 as const }, [u('text', '待审 · Review queue')]),
    u('paragraph', [u('text', INTRO)]),
    u('paragraph', safeInline(`${q.drafts} 条草稿；每天最多 ${q.perDay} 条，其中分数 ≥ ${q.minScore} 的 ${q.queue.length} 条在队列里，${q.next.length} 条在线下，另有 ${q.held} 条超出每天的数量（chatkb review --per-day N --min-score P 看更多）。`)),
  ];
  const link = (id: string): PhrasingContent[] => {
    const ref = refs.get(id);
    return ref ? [u('link', { url: ref.path }, safeInline(ref.title)), u('text', ` (${id})`)] : [u('text', id)];
  };
  const idList = (title: string, ids: string[]) => {
    if (!ids.length) return;
    out.push(u('heading', { depth: 3 as const }, safeInline(`${title} (${ids.length})`)));
    out.push(list(ids.map((id) => u('listItem', { spread: false }, [u('paragraph', link(id))]))));
  };
  const { changes } = q;
  out.push(u('heading', { depth: 2 as const }, [u('text', '上次生成带来的变化 · Changes')]));
  if (changes.new.length + changes.updated.length + changes.orphaned.length === 0) out.push(u('paragraph', [u('text', '没有变化。')]));
  idList('新草稿 · new', changes.new);
  idList('更新的草稿 · updated', changes.updated);
  idList('找不到对话的条目 · orphaned', changes.orphaned);
  if (q.stale.length) {
    out.push(u('heading', { depth: 2 as const }, [u('text', '有新回答的已审条目 · Stale')]));
    out.push(list(q.stale.map((id) => u('listItem', { spread: false }, [u('paragraph', [...link(id), u('text', ' — stale: new answers')])]))));
  }
  out.push(u('heading', { depth: 2 as const }, [u('text', '队列 · Queue')]));
  const order = [...topics.map((t) => t.id), ...[...new Set(q.queue.map((i) => i.topic))].filter((t) => !topics.some((x) => x.id === t)).sort()];
  for (const t of order) {
    const items = q.queue.filter((i) => i.topic === t);
    if (!items.length) continue;
    const title = topics.find((x) => x.id === t)?.title ?? t;
    out.push(u('heading', { depth: 3 as const }, safeInline(`${title} (${items.length})`)));
    out.push(list(items.map(itemLine)));
  }
  if (!q.queue.length) out.push(u('paragraph', [u('text', '没有待审草稿。')]));
  if (q.next.length) {
    out.push(u('heading', { depth: 2 as const }, safeInline(`线下 · Below the line (score < ${q.minScore})`)));
    out.push(list(q.next.map(itemLine)));
  }
  return renderMarkdown(u('root', out));
}

export function reviewJson(q: ReviewQueue): string {
  return `${JSON.stringify(q, null, 2)}\n`;
}

export function reviewFiles(q: ReviewQueue, topics: readonly TopicInfo[], refs: EntryRefs): OutputFile[] {
  return [
    { path: 'review.md', content: reviewMarkdown(q, topics, refs) },
    { path: 'review.json', content: reviewJson(q) },
  ];
}
