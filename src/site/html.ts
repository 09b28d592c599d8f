/**
 * HTML for the built-in site: the knowledge base's Markdown rendered by unified (remark →
 * rehype), its links turned from `.md` files to `.html` pages, inside one page layout.
 * Pure. Raw HTML passes through because the only raw HTML in the knowledge base is ours
 * (the glossary's anchors): chat text is escaped when the Markdown is written.
 */
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { posix } from 'node:path';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';

/** `../../glossary.md#x` → `../../glossary.html#x`; `faq/README.md` → `faq/index.html`; other links as they are. */
export function pageLink(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#')) return url;
  const [path, hash] = url.split('#', 2) as [string, string | undefined];
  if (!path.endsWith('.md')) return url;
  const html = path.endsWith('README.md') ? `${path.slice(0, -'README.md'.length)}index.html` : `${path.slice(0, -3)}.html`;
  return hash === undefined ? html : `${html}#${hash}`;
}

/**
 * A Markdown document's body as HTML (front matter left out). `from` is the page's path in
 * the site; a link to a page the site does not have (`pages`: an entry readers do not
 * see) becomes its text, so no link of the site leads nowhere.
 */
export function markdownToHtml(markdown: string, from = '', pages?: ReadonlySet<string>): string {
  const toHtml = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(() => (tree: Root) => {
      visit(tree, 'link', (node, index, parent) => {
        node.url = pageLink(node.url);
        const target = node.url.split('#')[0]!;
        if (!pages || target === '' || /^[a-z][a-z0-9+.-]*:/i.test(node.url)) return;
        if (!pages.has(posix.normalize(posix.join(posix.dirname(from), target))) && parent && index !== undefined) {
          parent.children.splice(index, 1, ...node.children);
          return index;
        }
        return undefined;
      });
    })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeStringify, { allowDangerousHtml: true });
  return String(toHtml.processSync(markdown));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageOptions {
  title: string;
  /** Path from this page to the site root, '' or '../../'. */
  root: string;
  body: string;
  /** Show the search box (and load the search scripts). */
  search?: boolean;
}

/** One page of the site: header with the way home, the glossary and the search box. */
export function page(o: PageOptions): string {
  const r = o.root;
  const search = o.search
    ? `<div class="search"><input id="q" type="search" placeholder="搜索问题和术语 · Search" aria-label="搜索 · Search" autocomplete="off"><ol id="hits"></ol></div>`
    : '';
  const scripts = o.search ? `<script src="${r}assets/minisearch.js"></script><script src="${r}assets/search.js"></script>` : '';
  return `<!doctype html>
<html lang="zh-CN" data-root="${escapeHtml(r)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${r}assets/site.css">
</head>
<body>
<header><a href="${r}index.html">知识库 · Knowledge base</a> · <a href="${r}glossary.html">术语表 · Glossary</a></header>
${search}
<main>
${o.body}
</main>
${scripts}
</body>
</html>
`;
}
