/**
 * One FAQ entry as Markdown: YAML front matter, the question as a heading, the answers
 * attributed by role and organisation, tag links to the glossary, and the original
 * messages in collapsed "context" sections. Built as an mdast tree and written by
 * remark; chat text only ever enters as text (see markdown.ts).
 *
 * `generated` is a hash of the file as written without its own line, so a later build
 * can tell an untouched draft (safe to regenerate) from one an editor changed.
 */
import type { BlockContent, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import { u } from 'unist-builder';
import type { EntrySource, MessageRole, SourceMessage } from '../model.js';
import { shortHash } from '../text/hash.js';
import { glossaryHref } from './anchors.js';
import { frontMatterEnd, writeFrontMatter, yamlText, type EntryFrontMatter } from './front-matter.js';
import { chatLines, joinLines, renderMarkdown, safeInline, safeParagraphs, safeText } from './markdown.js';

export { ENTRY_STATUSES, type EntryStatus } from './front-matter.js';

export interface FaqEntryData {
  id: string;
  /** Earlier ids (front matter `aliases`), sorted; omitted when empty. */
  aliases?: string[];
  topic: string;
  /** Canonical glossary terms, sorted. */
  tags: string[];
  score: number;
  rules: string[];
  /** The primary source first, then the other days the question was asked. */
  sources: EntrySource[];
}

/** How each message of the context reads: the asker's later messages are the asker's, whatever they say. */
const ROLE_LABEL: Record<MessageRole, string> = { question: '提问', answer: '回答', followup: '提问者' };

/** Scores are written with two decimals at most, the same on every machine. */
export function formatScore(x: number): number {
  return Math.round(x * 100) / 100;
}

export function frontMatter(e: FaqEntryData, generated?: string): string {
  const fields: EntryFrontMatter = {
    id: e.id,
    ...(e.aliases?.length ? { aliases: e.aliases } : {}),
    title: plainLine(e.sources[0]!.heading.text),
    description: plainLine(describe(e.sources[0]!)),
    ...(e.sources[0]!.date ? { date: e.sources[0]!.date } : {}),
    status: 'draft',
    topic: e.topic,
    tags: e.tags,
    sources: e.sources.map((s) => ({
      transcript: s.transcript,
      date: s.date,
      lines: s.messages.map((m) => m.line),
      times: s.messages.map((m) => m.time),
    })),
    score: formatScore(e.score),
    rules: e.rules,
  };
  if (generated !== undefined) fields.generated = generated;
  return writeFrontMatter(fields);
}

const DESCRIPTION_CHARS = 120;

/**
 * A front matter line generators put into HTML as they are (VitePress into a script
 * block): chat's angle brackets become their full-width look-alikes, so no `</script>`
 * of a message can end anything.
 */
function plainLine(s: string): string {
  return s.replace(/</g, '＜').replace(/>/g, '＞');
}

/** The start of the first answer on one line, cut at a sentence end when one is near. */
function describe(s: EntrySource): string {
  const text = joinLines(chatLines(s.answers.map((a) => a.text).join('\n')));
  const chars = [...text];
  if (chars.length <= DESCRIPTION_CHARS) return text;
  const head = chars.slice(0, DESCRIPTION_CHARS).join('');
  const end = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf('！'), head.lastIndexOf('？'));
  return end >= DESCRIPTION_CHARS / 2 ? head.slice(0, end + 1) : `${head}…`;
}

export function faqEntryTree(e: FaqEntryData, generated?: string): Root {
  const primary = e.sources[0]!;
  const children: RootContent[] = [u('yaml', frontMatter(e, generated))];
  children.push(u('heading', { depth: 1 as const }, safeInline(primary.heading.text)));
  if (primary.heading.shortened) children.push(...safeParagraphs(primary.question));
  children.push(answerList(primary.answers));
  for (const s of e.sources.slice(1)) {
    children.push(u('heading', { depth: 2 as const }, safeInline(`同一问题的另一次提问 · ${s.date ?? s.transcript}`)));
    children.push(...safeParagraphs(s.question));
    children.push(answerList(s.answers));
  }
  if (e.tags.length) {
    const links: PhrasingContent[] = [u('strong', [u('text', '相关术语')]), u('text', '：')];
    e.tags.forEach((t, i) => {
      if (i > 0) links.push(u('text', '、'));
      links.push(u('link', { url: glossaryHref(t) }, safeInline(t)));
    });
    children.push(u('paragraph', links));
  }
  for (const s of e.sources) children.push(...contextSection(s));
  return u('root', children);
}

/** The entry as written: `content` holds `generated: <hash>` as its front matter's last line. */
export function renderFaqEntry(e: FaqEntryData): { content: string; generated: string } {
  const bare = renderMarkdown(faqEntryTree(e));
  const generated = shortHash(bare, 16);
  // The hash is of the file without its `generated` line, which is the front matter's last:
  // the file is the bare rendering with that line put back (one rendering, not two).
  const end = frontMatterEnd(bare);
  const close = bare.lastIndexOf('---', end - 1);
  return { content: `${bare.slice(0, close)}${yamlText({ generated })}\n${bare.slice(close)}`, generated };
}

const GENERATED_LINE = /^generated: ['"]?([0-9a-f]{6,64})['"]?\n/m;

/**
 * The hash stored in an entry file and the hash of what it now holds (the file without
 * that line). Equal: nobody edited the file since chatkb wrote it.
 */
export function generatedHashes(text: string): { stored: string | null; actual: string | null } {
  const end = frontMatterEnd(text);
  if (end < 0) return { stored: null, actual: null };
  const head = text.slice(0, end);
  const m = GENERATED_LINE.exec(head);
  if (!m) return { stored: null, actual: null };
  const without = head.slice(0, m.index) + head.slice(m.index + m[0].length) + text.slice(end);
  return { stored: m[1]!, actual: shortHash(without, m[1]!.length) };
}

/** Consecutive answers by one person read as one answer. */
function answerList(answers: SourceMessage[]): RootContent {
  const items: ListItem[] = [];
  let run: SourceMessage[] = [];
  const flush = () => {
    if (!run.length) return;
    const body: PhrasingContent[] = [];
    // One line per answer: a list item holds one paragraph, which every generator renders alike.
    body.push(...safeText(run.map((m) => m.text).join('\n')));
    body.push(u('text', ' — '), u('emphasis', safeInline(run[0]!.speaker)));
    items.push(u('listItem', { spread: false }, [u('paragraph', body)]));
    run = [];
  };
  for (const a of answers) {
    if (run.length && run[0]!.speaker !== a.speaker) flush();
    run.push(a);
  }
  flush();
  return u('list', { ordered: false, spread: false }, items);
}

function contextSection(s: EntrySource): RootContent[] {
  const lines = s.messages.map((m) => m.line);
  const where = `${s.transcript}，第 ${Math.min(...lines)}–${Math.max(...lines)} 行`;
  const summary = `原始对话 · ${s.date ? `${s.date} · ` : ''}${where}`;
  const items: ListItem[] = s.messages.map((m) => {
    const head: PhrasingContent[] = [u('text', `${m.time ? `${m.time} ` : ''}${ROLE_LABEL[m.role]} · `), u('strong', safeInline(m.speaker)), u('text', '：')];
    const children: BlockContent[] = [u('paragraph', [...head, ...safeText(m.text)])];
    if (m.quote) {
      // A quote of a message shown just above needs only a pointer to it, not its text again.
      const shown = m.quote.messageId === null ? undefined : s.messages.find((x) => x.id === m.quote!.messageId);
      const quoted = shown
        ? safeInline(`回复 ${shown.time ? `${shown.time} ` : ''}${ROLE_LABEL[shown.role]}`)
        : [...safeInline(`引用 ${m.quote.speaker}：`), ...safeText(m.quote.text)];
      children.push(u('blockquote', [u('paragraph', quoted)]));
    }
    return u('listItem', { spread: false }, children);
  });
  // A section, not a <details> block: generators that do not read Markdown inside raw
  // HTML (MkDocs, Hugo by default) would print it as it is.
  return [u('heading', { depth: 2 as const }, safeInline(summary)), u('list', { ordered: false, spread: false }, items)];
}
