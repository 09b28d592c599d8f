/**
 * What the knowledge base already holds: the entry files under <out>/faq/, with the
 * editor state each carries (status, and whether its body still matches the hash
 * chatkb wrote). Reading only; deciding what to do with them is plan.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import { generatedHashes } from '../emit/faq.js';
import { readFrontMatter } from '../emit/front-matter.js';
import { parseMarkdown, plainText } from '../emit/markdown.js';

export interface ExistingEntry {
  /** Relative to the output folder, `/`-separated: `faq/<topic>/<id>.md`. */
  path: string;
  id: string;
  /** Earlier ids the file lists (front matter `aliases`). */
  aliases: string[];
  /** As the file says (an editor may write anything; unknown statuses are kept as they are). */
  status: string;
  topic: string;
  /** The first heading, as a reader sees it. */
  question: string;
  tags: string[];
  sources: { transcript: string; date: string | null; times: string[] }[];
  /** The score chatkb wrote (null when the file has none). */
  score: number | null;
  /** The file still holds exactly what chatkb wrote (its `generated` hash matches). */
  intact: boolean;
  content: string;
}

export const INDEX_FILE = 'README.md';

/** Memoises `parseEntryFile` across builds (the build cache); none by default. */
export interface ParseCache {
  get(key: string): { entry: Omit<ExistingEntry, 'content'>; diagnostics: Diagnostic[] } | undefined;
  set(key: string, value: { entry: Omit<ExistingEntry, 'content'>; diagnostics: Diagnostic[] }): void;
  /** The hash an entry file's parse is filed under. */
  key(path: string, topic: string, content: string): string;
}

/** Every `faq/<topic>/*.md` entry file under `outDir`, sorted by path. */
export function readExisting(outDir: string, cache?: ParseCache): { entries: ExistingEntry[]; diagnostics: Diagnostic[] } {
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
      const content = readFileSync(join(dir, name), 'utf8');
      const key = cache?.key(path, topic, content);
      const kept = key ? cache!.get(key) : undefined;
      let parsed: { entry: ExistingEntry; diagnostics: Diagnostic[] };
      if (kept) parsed = { entry: { ...kept.entry, content }, diagnostics: kept.diagnostics };
      else {
        parsed = parseEntryFile(content, path, topic);
        const { content: _content, ...entry } = parsed.entry;
        if (key) cache!.set(key, { entry, diagnostics: parsed.diagnostics });
      }
      entries.push(parsed.entry);
      diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, file: join(outDir, path) })));
    }
  }
  return { entries, diagnostics };
}

/** An entry file's state. A file whose front matter cannot be read is kept as the editor's. */
export function parseEntryFile(content: string, path: string, folderTopic: string): { entry: ExistingEntry; diagnostics: Diagnostic[] } {
  const fileId = path.replace(/^.*\//, '').replace(/\.md$/, '');
  const { fields, problems } = readFrontMatter(content);
  const diagnostics = problems.map((p) => diagnostic('kb', 'warning', path, 1, p.whole ? `${p.message}; kept as it is` : p.message));
  const { stored, actual } = generatedHashes(content);
  const tree = parseMarkdown(content);
  const heading = tree.children.find((n) => n.type === 'heading');
  return {
    entry: {
      path,
      id: fields.id ?? fileId,
      aliases: fields.aliases ?? [],
      score: fields.score ?? null,
      status: fields.status ?? 'draft',
      topic: fields.topic ?? folderTopic,
      question: heading ? plainText(heading).replace(/\s+/g, ' ').trim() : fileId,
      tags: fields.tags ?? [],
      sources: (fields.sources ?? []).map((s) => ({ transcript: s.transcript, date: s.date, times: s.times })),
      intact: stored !== null && stored === actual,
      content,
    },
    diagnostics,
  };
}
