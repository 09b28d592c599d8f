/**
 * What the knowledge base already holds: the entry files under <out>/faq/, with the
 * editor state each carries (status, and whether its body still matches the hash
 * chatkb wrote). Reading only; deciding what to do with them is plan.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import { frontMatterEnd, generatedHashes } from '../emit/faq.js';
import { parseMarkdown, plainText } from '../emit/markdown.js';

export interface ExistingEntry {
  /** Relative to the output folder, `/`-separated: `faq/<topic>/<id>.md`. */
  path: string;
  id: string;
  /** As the file says (an editor may write anything; unknown statuses are kept as they are). */
  status: string;
  topic: string;
  /** The first heading, as a reader sees it. */
  question: string;
  tags: string[];
  sources: { transcript: string; date: string | null }[];
  /** The file still holds exactly what chatkb wrote (its `generated` hash matches). */
  intact: boolean;
  content: string;
}

export const INDEX_FILE = 'README.md';

/** Every `faq/<topic>/*.md` entry file under `outDir`, sorted by path. */
export function readExisting(outDir: string): { entries: ExistingEntry[]; diagnostics: Diagnostic[] } {
  const faq = join(outDir, 'faq');
  const entries: ExistingEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(faq)) return { entries, diagnostics };
  for (const topic of readdirSync(faq).sort()) {
    const dir = join(faq, topic);
    if (topic.startsWith('.') || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.md') || name === INDEX_FILE || name.startsWith('.')) continue;
      const path = `faq/${topic}/${name}`;
      const parsed = parseEntryFile(readFileSync(join(dir, name), 'utf8'), path, topic);
      entries.push(parsed.entry);
      diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, file: join(outDir, path) })));
    }
  }
  return { entries, diagnostics };
}

/** An entry file's state. A file whose front matter cannot be read is kept as the editor's. */
export function parseEntryFile(content: string, path: string, folderTopic: string): { entry: ExistingEntry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fileId = path.replace(/^.*\//, '').replace(/\.md$/, '');
  let fields: Record<string, unknown> = {};
  const end = frontMatterEnd(content);
  if (end < 0) {
    diagnostics.push(diagnostic('kb', 'warning', path, 1, 'entry has no front matter; kept as it is'));
  } else {
    try {
      const data: unknown = parseYamlText(content.slice(4, end).replace(/---[ \t]*\n?$/, ''));
      if (data && typeof data === 'object' && !Array.isArray(data)) fields = data as Record<string, unknown>;
    } catch (e) {
      diagnostics.push(diagnostic('kb', 'warning', path, 1, `front matter is not valid YAML (${(e as Error).message.split('\n')[0]}); kept as it is`));
    }
  }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const { stored, actual } = generatedHashes(content);
  const tree = parseMarkdown(content);
  const heading = tree.children.find((n) => n.type === 'heading');
  const sources = Array.isArray(fields.sources)
    ? fields.sources
        .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
        .map((s) => ({ transcript: str(s.transcript) ?? '', date: str(s.date) ?? (s.date instanceof Date ? s.date.toISOString().slice(0, 10) : null) }))
    : [];
  return {
    entry: {
      path,
      id: str(fields.id) ?? fileId,
      status: str(fields.status) ?? 'draft',
      topic: str(fields.topic) ?? folderTopic,
      question: heading ? plainText(heading).replace(/\s+/g, ' ').trim() : fileId,
      tags: Array.isArray(fields.tags) ? fields.tags.filter((t): t is string => typeof t === 'string') : [],
      sources,
      intact: stored !== null && stored === actual,
      content,
    },
    diagnostics,
  };
}
