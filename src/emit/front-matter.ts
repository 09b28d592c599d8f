/**
 * The front matter of an FAQ entry file: the contract between chatkb (which writes it),
 * editors (who change `status` and the text) and site generators (which read it). One
 * zod schema says what each field holds; the writer validates what it writes against
 * it and the reader (src/kb/state.ts) validates what it reads, field by field, so an
 * editor's slip in one field costs that field, never the entry. README.md documents it.
 */
import { Document, isScalar, isSeq, parse as parseYamlText, visit } from 'yaml';
import { z } from 'zod';

/** The statuses an editor sets; anything else an editor writes is kept as written. */
export const ENTRY_STATUSES = ['draft', 'reviewed', 'approved', 'rejected'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** A YAML 1.1 reader turns an unquoted date into a Date: it is still the day it names. */
const day = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable());

export const entrySourceSchema = z.object({
  /** The transcript as editors see it: the input folder's name and the path under it. */
  transcript: z.string().trim().min(1),
  date: day,
  /** Source lines of the exchange's messages, in transcript order. */
  lines: z.array(z.number().int().positive()),
  /** Their times as written (`HH:MM:SS`), index-aligned with `lines`. */
  times: z.array(z.string()),
});

export const entryFrontMatterSchema = z.object({
  /** Stable id; also the file name. */
  id: z.string().trim().min(1),
  /** Earlier ids of the entry (from before the id scheme changed): links and bookmarks to them still mean this entry. */
  aliases: z.array(z.string().trim().min(1)).optional(),
  /** The page title for site generators: the question as its heading shows it. */
  title: z.string().optional(),
  /** A one-line summary for site generators and search: the start of the first answer. */
  description: z.string().optional(),
  /** The day the question was first asked (`YYYY-MM-DD`), for site generators. */
  date: day.optional(),
  /** `draft` as written; editors set `reviewed`, `approved` or `rejected`. */
  status: z.string().trim().min(1),
  /** The topic folder (rules/topics.yaml ids, or the fallback). */
  topic: z.string().trim().min(1),
  /** Canonical glossary terms, sorted. */
  tags: z.array(z.string()),
  /** The primary source first, then the other days the question was asked. */
  sources: z.array(entrySourceSchema).min(1),
  /** The exchange score, 0..1, two decimals. */
  score: z.number().min(0).max(1),
  /** Ids of the rules that made the entry, sorted. */
  rules: z.array(z.string()),
  /** Hash of the file as chatkb wrote it (without this line): an edit shows as a mismatch. */
  generated: z.string().regex(/^[0-9a-f]{6,64}$/).optional(),
});

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;
export type EntrySourceFields = z.infer<typeof entrySourceSchema>;

const FLOW_KEYS = ['aliases', 'tags', 'lines', 'times'];

/**
 * The front matter text (without the `---` lines). Throws when the fields break the
 * contract: a bug of the writer, never of an editor.
 */
export function writeFrontMatter(fields: EntryFrontMatter): string {
  const checked = entryFrontMatterSchema.safeParse(fields);
  if (!checked.success) throw new Error(`FAQ front matter breaks its schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return yamlText({ ...fields }, FLOW_KEYS);
}

/** YAML as written into front matter: no folding, short lists on one line, dates and times quoted (YAML 1.1 readers would turn them into numbers). */
export function yamlText(fields: Record<string, unknown>, flowKeys: readonly string[] = []): string {
  const doc = new Document(fields);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?)$/.test(node.value)) node.type = 'QUOTE_SINGLE';
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && flowKeys.includes(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** Offset just past the closing `---` line of a leading front matter block, or -1. */
export function frontMatterEnd(text: string): number {
  if (!text.startsWith('---\n')) return -1;
  const m = /^---[ \t]*(?:\n|$)/m.exec(text.slice(4));
  return m ? 4 + m.index + m[0].length : -1;
}

export interface ReadFrontMatter {
  /** The fields that hold to the schema; a field that does not is left out. */
  fields: Partial<EntryFrontMatter>;
  /** What was wrong, one line each; `whole` when nothing of the front matter could be read. */
  problems: { message: string; whole: boolean }[];
}

/**
 * Read an entry file's front matter against the schema, field by field. A source that
 * breaks the schema is dropped by itself; fields the schema does not know are an
 * editor's or a site generator's, and ignored.
 */
export function readFrontMatter(content: string): ReadFrontMatter {
  const end = frontMatterEnd(content);
  if (end < 0) return { fields: {}, problems: [{ message: 'entry has no front matter', whole: true }] };
  let data: unknown;
  try {
    data = parseYamlText(content.slice(4, end).replace(/---[ \t]*\n?$/, ''));
  } catch (e) {
    return { fields: {}, problems: [{ message: `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`, whole: true }] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { fields: {}, problems: data == null ? [] : [{ message: 'front matter is not a map of fields', whole: true }] };
  const raw = data as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const problems: ReadFrontMatter['problems'] = [];
  const shape = entryFrontMatterSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (!(key in raw)) continue;
    const value = key === 'sources' && Array.isArray(raw.sources) ? lenientSources(raw.sources) : raw[key];
    const r = shape[key].safeParse(value);
    if (r.success) fields[key] = r.data;
    else problems.push({ message: `front matter field \`${key}\`: ${r.error.issues[0]?.message ?? 'not as the schema says'}; the field is ignored`, whole: false });
  }
  return { fields: fields as Partial<EntryFrontMatter>, problems };
}

/** Sources an editor left without lines or times still name their transcript and day. */
function lenientSources(list: unknown[]): unknown[] {
  return list.flatMap((s) => {
    if (!s || typeof s !== 'object') return [];
    const o = s as Record<string, unknown>;
    const r = entrySourceSchema.safeParse({ lines: [], times: [], ...o, date: o.date ?? null });
    return r.success ? [r.data] : [];
  });
}
