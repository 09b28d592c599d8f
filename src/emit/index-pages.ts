/**
 * Index pages: output/faq/README.md (every entry by topic, counts by status) and one
 * output/faq/<topic>/README.md per topic that has entries. mdast → remark, like entries.
 */
import type { ListItem, PhrasingContent, RootContent, Table, TableRow } from 'mdast';
import { u } from 'unist-builder';
import type { FaqIndex, FaqIndexEntry, OutputFile } from '../model.js';
import { compareStrings } from '../text/order.js';
import { ENTRY_STATUSES } from './faq.js';
import { renderMarkdown, safeInline } from './markdown.js';

export interface TopicInfo {
  id: string;
  title: string;
  description: string;
}

const STATUS_ORDER: readonly string[] = [...ENTRY_STATUSES, 'orphaned'];

const INTRO =
  '由 chatkb build 从群聊记录生成。新条目是草稿（draft）；编辑把 status 改为 reviewed、approved 或 rejected，或改动了条目正文之后，重新生成不会再改动那个文件。orphaned 表示条目对应的对话在这次输入里已找不到，文件保留。';

/** Topics in rules order, then any other topic an entry names (an editor's, or the fallback), sorted. */
export function topicOrder(index: FaqIndex, topics: readonly TopicInfo[]): TopicInfo[] {
  const known = new Map(topics.map((t) => [t.id, t]));
  const extra = [...new Set(index.entries.map((e) => folderOf(e)))].filter((id) => !known.has(id)).sort(compareStrings);
  return [...topics, ...extra.map((id) => ({ id, title: id, description: '' }))].filter((t) => index.entries.some((e) => folderOf(e) === t.id));
}

/** Entries are listed under the folder they live in (an editor may have changed `topic` without moving the file). */
function folderOf(e: FaqIndexEntry): string {
  return e.path.split('/')[1] ?? e.topic;
}

export function faqIndexPages(index: FaqIndex, topics: readonly TopicInfo[]): OutputFile[] {
  const order = topicOrder(index, topics);
  const files: OutputFile[] = [];
  const top: RootContent[] = [u('heading', { depth: 1 as const }, [u('text', '常见问题 · FAQ')]), u('paragraph', [u('text', INTRO)]), statusTable(index.entries)];
  for (const t of order) {
    const entries = index.entries.filter((e) => folderOf(e) === t.id);
    top.push(u('heading', { depth: 2 as const }, [u('link', { url: `${t.id}/README.md` }, safeInline(t.title)), u('text', ` (${entries.length})`)]));
    top.push(entryList(entries, `${t.id}/`));
    const page: RootContent[] = [u('heading', { depth: 1 as const }, safeInline(t.title))];
    if (t.description) page.push(u('paragraph', safeInline(t.description)));
    page.push(statusTable(entries), entryList(entries, ''), u('paragraph', [u('link', { url: '../README.md' }, [u('text', '← 全部主题')])]));
    files.push({ path: `faq/${t.id}/README.md`, content: renderMarkdown(u('root', page)) });
  }
  files.unshift({ path: 'faq/README.md', content: renderMarkdown(u('root', top)) });
  files.unshift({ path: 'index.md', content: rootIndex(index, order) });
  return files;
}

/** The knowledge base's front page: where the FAQ by topic, the glossary and the review queue are. */
function rootIndex(index: FaqIndex, order: readonly TopicInfo[]): string {
  const approved = index.entries.filter((e) => e.status === 'approved').length;
  const item = (url: string, label: string, note: string): ListItem =>
    u('listItem', { spread: false }, [u('paragraph', [u('link', { url }, safeInline(label)), ...(note ? [u('text', ` — ${note}`)] : [])])]);
  const page: RootContent[] = [
    u('yaml', 'title: 知识库 · Knowledge base'),
    u('heading', { depth: 1 as const }, [u('text', '知识库 · Knowledge base')]),
    u('paragraph', [u('text', `由 chatkb 从群聊记录生成：${index.entries.length} 条常见问题（${approved} 条已批准），以及术语表。`)]),
    u('list', { ordered: false, spread: false }, [
      item('faq/README.md', '常见问题 · FAQ', '全部条目，按主题'),
      item('glossary.md', '术语表 · Glossary', '术语、英文、别名、定义'),
      item('review.md', '待审 · Review queue', '给编辑：先看哪些草稿'),
    ]),
    u('heading', { depth: 2 as const }, [u('text', '主题 · Topics')]),
    u('list', { ordered: false, spread: false }, order.map((t) => item(`faq/${t.id}/README.md`, t.title, `${index.entries.filter((e) => folderOf(e) === t.id).length} 条`))),
  ];
  return renderMarkdown(u('root', page));
}

export function statusCounts(entries: readonly FaqIndexEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const statuses = [...STATUS_ORDER.filter((s) => counts.has(s)), ...[...counts.keys()].filter((s) => !STATUS_ORDER.includes(s)).sort(compareStrings)];
  return statuses.map((s) => [s, counts.get(s)!]);
}

function statusTable(entries: readonly FaqIndexEntry[]): Table {
  const row = (a: string, b: string): TableRow => u('tableRow', [u('tableCell', safeInline(a)), u('tableCell', safeInline(b))]);
  return u('table', { align: ['left' as const, 'right' as const] }, [
    row('状态 · status', '条目'),
    ...statusCounts(entries).map(([s, n]) => row(s, String(n))),
    row('合计', String(entries.length)),
  ]);
}

function entryList(entries: readonly FaqIndexEntry[], prefix: string): RootContent {
  const items: ListItem[] = entries.map((e) => {
    const file = e.path.split('/').slice(2).join('/');
    const dates = [...new Set(e.sources.map((s) => s.date).filter((d): d is string => !!d))];
    const meta = [e.status, ...(dates.length ? [dates.join('、')] : []), ...(e.note ? [e.note] : [])].join(' · ');
    const line: PhrasingContent[] = [u('link', { url: `${prefix}${file}` }, safeInline(e.question)), u('text', ' — '), ...safeInline(meta)];
    return u('listItem', { spread: false }, [u('paragraph', line)]);
  });
  return u('list', { ordered: false, spread: false }, items);
}
