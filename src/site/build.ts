/**
 * `chatkb site build`: a static site from the knowledge base folder, no generator needed.
 * Readers see what editors approved (drafts only with `drafts`): an index by topic with a
 * search box that handles Chinese, a page per entry, the glossary with its anchors, and
 * entries linking their terms there. Reading the folder is `readSite`; the pages are a
 * pure function of what it read; writing is the CLI's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { readFrontMatter } from '../emit/front-matter.js';
import { parseMarkdown, plainText } from '../emit/markdown.js';
import { readExisting, type ExistingEntry } from '../kb/state.js';
import type { OutputFile } from '../model.js';
import { compareStrings, naturalCompare } from '../text/order.js';
import { escapeHtml, markdownToHtml, page, pageLink } from './html.js';
import { searchIndexJson, searchScript, type SearchDoc } from './search.js';

export interface SiteTerm {
  term: string;
  anchor: string;
  en: string[];
  aliases: string[];
  definition: string;
}

export interface SiteInput {
  entries: ExistingEntry[];
  /** glossary.md and the terms of glossary.json, when the knowledge base has them. */
  glossaryMarkdown: string | null;
  terms: SiteTerm[];
  /** The search library's browser build. */
  minisearch: string;
}

export interface SiteOptions {
  /** Show drafts and reviewed entries too, not only approved ones. */
  drafts?: boolean;
  /** Where the transcripts are online (a repository's file view): sources link to `<base><transcript>#L<line>`. */
  sourceBase?: string;
  /** Topic id → title (rules/topics.yaml). */
  topicTitles?: ReadonlyMap<string, string>;
}

/** What the site is made of, read from a knowledge base folder. */
export function readSite(outDir: string): SiteInput {
  const read = (p: string) => (existsSync(join(outDir, p)) ? readFileSync(join(outDir, p), 'utf8') : null);
  const json = read('glossary.json');
  const terms = json ? ((JSON.parse(json) as { terms?: SiteTerm[] }).terms ?? []) : [];
  const require = createRequire(import.meta.url);
  return {
    entries: readExisting(outDir).entries,
    glossaryMarkdown: read('glossary.md'),
    terms,
    // Its browser build is not among the package's exports: found beside the CommonJS one.
    minisearch: readFileSync(join(dirname(require.resolve('minisearch')), '..', 'umd', 'index.js'), 'utf8'),
  };
}

const CSS = `body{font:16px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:52rem;margin:0 auto;padding:0 1rem;color:#222}
header{padding:.8rem 0;border-bottom:1px solid #ddd}a{color:#0b57d0}
.search{margin:1rem 0}#q{width:100%;font-size:1.1rem;padding:.4rem}#hits .kind{color:#777;font-size:.85rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}code{background:#f3f3f3;padding:0 .2rem}
.meta{color:#666;font-size:.9rem}blockquote{color:#555;border-left:3px solid #ddd;margin-left:0;padding-left:1rem}
`;

/** The site root relative to a page at `path` (`faq/refunds/x.html` → `../../`). */
function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

const htmlPath = (entryPath: string) => pageLink(entryPath);

export function sitePages(input: SiteInput, opts: SiteOptions = {}): OutputFile[] {
  const shown = input.entries
    .filter((e) => e.status === 'approved' || (opts.drafts && e.status !== 'rejected'))
    .sort((a, b) => compareStrings(a.topic, b.topic) || naturalCompare(a.id, b.id));
  const files: OutputFile[] = [];
  const docs: SearchDoc[] = [];
  const topics = [...new Set(shown.map((e) => e.topic))];
  const pages = new Set([
    ...shown.map((e) => htmlPath(e.path)),
    ...topics.map((t) => `faq/${t}/index.html`),
    'index.html',
    ...(input.glossaryMarkdown !== null ? ['glossary.html'] : []),
  ]);

  for (const e of shown) {
    const path = htmlPath(e.path);
    const { fields } = readFrontMatter(e.content);
    const title = fields.title ?? e.question;
    const meta = [e.status, ...e.sources.map((s) => s.date).filter((d): d is string => !!d), ...(fields.tags ?? [])].map(escapeHtml).join(' · ');
    const sources = (fields.sources ?? []).map((s) => {
      const where = `${s.transcript}${s.lines.length ? `:${s.lines[0]}` : ''}`;
      const label = escapeHtml(`${s.date ?? ''} ${where}`.trim());
      return opts.sourceBase ? `<li><a href="${escapeHtml(`${opts.sourceBase}${s.transcript}${s.lines.length ? `#L${s.lines[0]}` : ''}`)}">${label}</a></li>` : `<li>${label}</li>`;
    });
    const body = `<p class="meta">${meta}</p>\n${markdownToHtml(e.content, path, pages)}\n<h2>来源 · Sources</h2>\n<ul class="sources">\n${sources.join('\n')}\n</ul>`;
    files.push({ path, content: page({ title, root: rootOf(path), body }) });
    const text = plainText(parseMarkdown(e.content)).replace(/\s+/g, ' ');
    docs.push({ id: `faq:${e.id}`, kind: 'faq', title, url: path, text, tags: e.tags.join(' ') });
  }

  if (input.glossaryMarkdown !== null) {
    files.push({ path: 'glossary.html', content: page({ title: '术语表 · Glossary', root: '', body: markdownToHtml(input.glossaryMarkdown, 'glossary.html', pages) }) });
    for (const t of input.terms) {
      docs.push({ id: `term:${t.term}`, kind: 'term', title: t.term, url: `glossary.html#${t.anchor}`, text: [...t.en, ...t.aliases, t.definition].join(' '), tags: '' });
    }
  }

  const titleOf = (topic: string) => opts.topicTitles?.get(topic) ?? topic;
  const listOf = (topic: string, from: string) =>
    shown
      .filter((e) => e.topic === topic)
      .map((e) => `<li><a href="${escapeHtml(posix.relative(posix.dirname(from), htmlPath(e.path)))}">${escapeHtml(readFrontMatter(e.content).fields.title ?? e.question)}</a></li>`)
      .join('\n');
  for (const topic of topics) {
    const path = `faq/${topic}/index.html`;
    files.push({ path, content: page({ title: titleOf(topic), root: rootOf(path), body: `<h1>${escapeHtml(titleOf(topic))}</h1>\n<ul>\n${listOf(topic, path)}\n</ul>` }) });
  }
  const sections = topics
    .map((topic) => `<h2><a href="faq/${escapeHtml(topic)}/index.html">${escapeHtml(titleOf(topic))}</a></h2>\n<ul>\n${listOf(topic, 'index.html')}\n</ul>`)
    .join('\n');
  const intro = `<h1>知识库 · Knowledge base</h1>\n<p>${shown.length} 条${opts.drafts ? '问答（含草稿）' : '已批准的问答'}，${input.terms.length} 个术语。</p>`;
  files.push({ path: 'index.html', content: page({ title: '知识库 · Knowledge base', root: '', body: `${intro}\n${sections || '<p>还没有已批准的条目。</p>'}`, search: true }) });
  files.push({ path: 'search-index.json', content: searchIndexJson(docs) });
  files.push({ path: 'assets/search.js', content: searchScript() });
  files.push({ path: 'assets/minisearch.js', content: input.minisearch });
  files.push({ path: 'assets/site.css', content: CSS });
  return files.sort((a, b) => compareStrings(a.path, b.path));
}
