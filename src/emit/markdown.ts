/**
 * Markdown out of mdast, and chat text made safe to put in it.
 *
 * Chat text is data. It goes into `text` nodes only, and remark-stringify escapes what
 * would otherwise become markup (`#`, `*`, backticks, `[x](y)`, `<script>`, a `|`
 * table row, a `- ` list line …). One thing escaping cannot stop: GFM turns bare URLs,
 * `www.` names and e-mail addresses into links after parsing, whatever their escapes,
 * so those spans go into inline code, which GFM leaves alone and a reader still reads.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { remark } from 'remark';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { u } from 'unist-builder';

const STRINGIFY = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  tightDefinitions: true,
} as const;

const writer = unified().use(remarkStringify, STRINGIFY).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
const reader = remark().use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export function renderMarkdown(tree: Root): string {
  return writer.stringify(tree);
}

export function parseMarkdown(text: string): Root {
  return reader.parse(text);
}

/**
 * What GFM would autolink: http(s)/ftp URLs, `www.` names (even inside a word) and
 * e-mail-like `local@domain.tld`, each up to whitespace or a non-ASCII character.
 */
export const AUTOLINKABLE = /(?:(?:https?|ftp):\/\/|www\.)[\x21-\x7e]*|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9_-]+)+/g;

/** One line of chat text as phrasing content: text, with autolinkable spans as inline code. */
function safeLine(line: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const m of line.matchAll(new RegExp(AUTOLINKABLE.source, 'g'))) {
    if (m.index > at) out.push(u('text', line.slice(at, m.index)));
    out.push(u('inlineCode', m[0]));
    at = m.index + m[0].length;
  }
  if (at < line.length) out.push(u('text', line.slice(at)));
  return out;
}

/** Chat text as phrasing content; its line breaks become hard breaks, blank lines fold. */
export function safeText(text: string): PhrasingContent[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t\u3000\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
  const out: PhrasingContent[] = [];
  lines.forEach((l, i) => {
    if (i > 0) out.push(u('break'));
    out.push(...safeLine(l));
  });
  return out;
}

/** Chat text on one line (headings, link text): line breaks become spaces. */
export function safeInline(text: string): PhrasingContent[] {
  return safeText(text.replace(/\s*\r?\n\s*/g, ' '));
}

/** Text for inside raw HTML nodes we write ourselves (summaries). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The plain text of a node, as a reader sees it (inline code included, breaks as newlines). */
export function plainText(node: Root | RootContent): string {
  if (node.type === 'break') return '\n';
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html' && node.type !== 'yaml') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}
