/**
 * Markdown out of mdast, and chat text made safe to put in it.
 *
 * Chat text is data. It goes into `text` nodes only, and remark-stringify escapes what
 * would otherwise become markup (`#`, `*`, backticks, `[x](y)`, `<script>`, a `|`
 * table row, a `- ` list line …). One thing escaping cannot stop: GFM turns bare URLs,
 * `www.` names and e-mail addresses into links after parsing, whatever their escapes,
 * so those spans go into inline code, which GFM leaves alone and a reader still reads.
 *
 * The Markdown is also written for every major site generator to take as it is: `{`, `}`
 * and `<` are always escaped (MDX reads them as code and JSX, Vue as interpolation), and
 * a chat message's lines become paragraphs (inside a list item, one line), never `\` hard
 * breaks, which MkDocs prints as they are.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
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

// Characters some generators give a meaning in plain text: escaped wherever they stand.
export const UNSAFE = [{ character: '{' }, { character: '}' }, { character: '<' }];

const writer = unified().use(remarkStringify, { ...STRINGIFY, unsafe: UNSAFE }).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
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

/** The non-blank lines of chat text, spaces folded. */
export function chatLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t\u3000\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
}

/** Lines on one line: after a closing mark (。！？) the next follows at once, else a space keeps them apart. */
export function joinLines(lines: readonly string[]): string {
  return lines.reduce((acc, l) => (acc === '' ? l : /[。！？；，、：…）》」』】!?;,:)]$/u.test(acc) ? acc + l : `${acc} ${l}`), '');
}

/** Chat text as phrasing content on one line (see joinLines). */
export function safeText(text: string): PhrasingContent[] {
  return safeLine(joinLines(chatLines(text)));
}

/** Chat text as paragraphs, one per line; `lead` opens the first, `tail` closes the last. */
export function safeParagraphs(text: string, lead: PhrasingContent[] = [], tail: PhrasingContent[] = []): Paragraph[] {
  const lines = chatLines(text);
  if (lines.length === 0) lines.push('');
  return lines.map((l, i) => u('paragraph', [...(i === 0 ? lead : []), ...safeLine(l), ...(i === lines.length - 1 ? tail : [])]));
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
