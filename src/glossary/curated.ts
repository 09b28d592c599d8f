/**
 * The curated glossary (glossary/payments.yaml): terms editors reviewed, with their
 * English equivalents, aliases, a short definition, a category and related terms.
 *
 * Every form of a term (the term itself, each `en` and each alias) is matched in chat
 * text, so two terms must never share a form: the matcher could not tell which term
 * a message meant. Validation therefore compares forms the way the matcher sees them
 * (see `foldForm`), and reports the clash at the line of the later form.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { DataFileError, parseYamlWithLines, type YamlWithLines } from '../rules/load.js';

/** Word characters for boundaries: letters and digits of alphabetic scripts, not CJK. */
const WORD = /[\p{L}\p{N}_]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  // Fast paths (this runs for every character of the corpus): ASCII, then the CJK block.
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  if (c >= 0x3000 && c <= 0x9fff) return false;
  return WORD.test(ch) && !CJK.test(ch);
}

/** A variant table (e.g. 帐 → 账) as a map from code point to replacement. */
export type VariantMap = ReadonlyMap<string, string>;

/**
 * Fold one code point for matching: glossary variants, then NFKC (full-width ＡＢＣ１ →
 * ABC1), then lower case. Returns "" for whitespace; the caller decides about spaces.
 */
export function foldChar(ch: string, variants: VariantMap): string {
  const code = ch.codePointAt(0) ?? 0;
  // Fast paths: the corpus is mostly ASCII and common CJK ideographs, which NFKC keeps.
  if (code < 0x80) {
    if (code <= 0x20 || code === 0x7f) return '';
    return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  }
  const v = variants.get(ch);
  if (v !== undefined) return v;
  if (code >= 0x4e00 && code <= 0x9fff) return ch;
  return ch.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/**
 * A folded view of a text with, for every folded code unit, the original range it came
 * from. Whitespace is dropped except a single space between two word characters, so
 * `银联 WAP 网页支付` and `银联WAP网页支付` fold alike while `credit card` keeps its space.
 */
export interface Folded {
  text: string;
  /** Original start offset (UTF-16) of the character each folded unit came from. */
  from: number[];
  /** Original end offset of that character. */
  to: number[];
}

export function foldText(text: string, variants: VariantMap): Folded {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let pendingSpace = -1;
  let lastWord = false;
  let i = 0;
  for (const ch of text) {
    const start = i;
    i += ch.length;
    const f = foldChar(ch, variants);
    if (f === '') {
      if (/\s/u.test(ch) || ch.codePointAt(0)! <= 0x20) {
        if (pendingSpace < 0) pendingSpace = start;
      }
      continue;
    }
    if (pendingSpace >= 0) {
      if (lastWord && isWordChar(f[0]!)) {
        out += ' ';
        from.push(pendingSpace);
        to.push(pendingSpace + 1);
      }
      pendingSpace = -1;
    }
    for (let k = 0; k < f.length; k++) {
      from.push(start);
      to.push(i);
    }
    out += f;
    lastWord = isWordChar(f[f.length - 1]!);
  }
  return { text: out, from, to };
}

/** The key a form is matched and compared by. */
export function foldForm(form: string, variants: VariantMap = new Map()): string {
  return foldText(form, variants).text;
}

const form = z
  .string()
  .min(1)
  .refine((s) => s === s.trim(), 'a form must not start or end with spaces')
  .refine(
    (s) => [...foldForm(s)].length >= 2,
    'a form needs at least two characters (a single character such as 借 matches too much)',
  );

const termSchema = z
  .object({
    term: form,
    en: z.array(form).default([]),
    aliases: z.array(form).default([]),
    definition: z.string().trim().min(1),
    category: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a category is a lower-case word joined by -, e.g. clearing-settlement'),
    related: z.array(z.string().min(1)).default([]),
    /** reviewed: an editor checked it; candidate: accepted from discovery, awaiting review. */
    status: z.enum(['reviewed', 'candidate']).default('reviewed'),
  })
  .strict();

const variantSchema = z
  .object({
    from: z.string().refine((s) => [...s].length === 1, 'one character'),
    to: z.string().refine((s) => [...s].length === 1, 'one character'),
    note: z.string().optional(),
  })
  .strict();

type FormKind = 'term' | 'en' | 'alias';
const WHERE: Record<FormKind, string> = { term: 'the term', en: 'an en form', alias: 'an alias' };

const categorySchema = z.object({ category: z.string().regex(/^[a-z][a-z0-9-]*$/), description: z.string().min(1) }).strict();

export const glossarySchema = z
  .object({
    /** The categories a term may have, each with what belongs there; when absent, any is taken. */
    categories: z.array(categorySchema).optional(),
    /** Single-character spelling variants folded before matching (帐 → 账). */
    variants: z.array(variantSchema).default([]),
    terms: z.array(termSchema).default([]),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.categories) {
      const known = new Set(g.categories.map((c) => c.category));
      g.terms.forEach((t, i) => {
        if (!known.has(t.category)) ctx.addIssue({ code: 'custom', message: `category ${t.category} is not one of the file's categories (${[...known].join(', ')})`, path: ['terms', i, 'category'] });
      });
    }
    const variants = variantMap(g.variants);
    const termNames = new Set(g.terms.map((t) => t.term));
    // Which term owns each folded form, and where that form was first written.
    const owner = new Map<string, { term: string; kind: FormKind }>();
    g.terms.forEach((t, i) => {
      const forms: [string, FormKind, (string | number)[]][] = [
        [t.term, 'term', ['terms', i, 'term']],
        ...t.en.map((e, k): [string, FormKind, (string | number)[]] => [e, 'en', ['terms', i, 'en', k]]),
        ...t.aliases.map((a, k): [string, FormKind, (string | number)[]] => [a, 'alias', ['terms', i, 'aliases', k]]),
      ];
      for (const [f, kind, path] of forms) {
        const key = foldForm(f, variants);
        const prev = owner.get(key);
        if (prev === undefined) {
          owner.set(key, { term: t.term, kind });
          continue;
        }
        const message =
          kind === 'term'
            ? `duplicate term ${f}: already ${prev.kind === 'term' ? 'a term' : `${WHERE[prev.kind]} of ${prev.term}`}`
            : prev.term === t.term
              ? `${kind} ${f} repeats another form of ${t.term}`
              : `${kind} ${f} of ${t.term} collides with ${WHERE[prev.kind]} of ${prev.term}`;
        ctx.addIssue({ code: 'custom', message, path });
      }
    });
    g.terms.forEach((t, i) => {
      t.related.forEach((r, k) => {
        if (r === t.term) {
          ctx.addIssue({ code: 'custom', message: `${t.term} lists itself as related`, path: ['terms', i, 'related', k] });
        } else if (!termNames.has(r)) {
          const o = owner.get(foldForm(r, variants));
          const hint = o ? ` (it is a form of ${o.term}; use the term)` : '';
          ctx.addIssue({ code: 'custom', message: `related term ${r} is not a term of the glossary${hint}`, path: ['terms', i, 'related', k] });
        }
      });
    });
  });

export type GlossaryFile = z.infer<typeof glossarySchema>;

export interface GlossaryTerm {
  /** The canonical form. */
  term: string;
  en: string[];
  aliases: string[];
  definition: string;
  category: string;
  /** Other canonical terms. */
  related: string[];
  status: 'reviewed' | 'candidate';
  /** The glossary file it is written in (file name, e.g. payments.yaml). */
  source: string;
}

export interface Glossary {
  /** The glossary file, or the folder of glossary files. */
  file: string;
  /** The files read, in order. */
  files: string[];
  terms: GlossaryTerm[];
  variants: { from: string; to: string }[];
}

export function variantMap(variants: readonly { from: string; to: string }[]): Map<string, string> {
  return new Map(variants.map((v) => [v.from, v.to]));
}

/** Every form a term is matched by: the term, its English equivalents and its aliases. */
export function formsOf(t: GlossaryTerm): string[] {
  return [t.term, ...t.en, ...t.aliases];
}

/** One glossary file's text, as read. */
export interface GlossaryText {
  file: string;
  text: string;
}

/**
 * A glossary from one or more files: each file may hold categories, variants and terms;
 * together they are validated as one glossary (a form may not be in two files, a
 * related term may live in another file), with every problem at its own file:line:col.
 */
export function parseGlossaryFiles(texts: readonly GlossaryText[], name = texts[0]?.file ?? '<glossary>'): Glossary {
  const parsed: { file: string; yaml: YamlWithLines }[] = texts.map((t) => ({ file: t.file, yaml: parseYamlWithLines(t.text, t.file) }));
  // Where each merged list item came from: file and index in that file.
  const origin: Record<'categories' | 'variants' | 'terms', { file: number; index: number }[]> = { categories: [], variants: [], terms: [] };
  const merged: Record<string, unknown[]> = { categories: [], variants: [], terms: [] };
  let hasCategories = false;
  const shape: { line: number; column: number; message: string; file: string }[] = [];
  parsed.forEach(({ file, yaml }, fi) => {
    const data = yaml.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      shape.push({ file, ...yaml.posOf([]), message: 'expected a map with categories, variants and/or terms' });
      return;
    }
    for (const [key, value] of Object.entries(data)) {
      if (!(key in merged)) {
        shape.push({ file, ...yaml.posOf([key]), message: `unknown key ${key} (expected categories, variants or terms)` });
        continue;
      }
      if (!Array.isArray(value)) {
        shape.push({ file, ...yaml.posOf([key]), message: `${key} must be a list` });
        continue;
      }
      if (key === 'categories') hasCategories = true;
      value.forEach((item, index) => {
        merged[key]!.push(item);
        origin[key as keyof typeof origin].push({ file: fi, index });
      });
    }
  });
  if (shape.length) throw new DataFileError(name, shape);
  const input = { ...(hasCategories ? { categories: merged.categories } : {}), variants: merged.variants, terms: merged.terms };
  const result = glossarySchema.safeParse(input);
  if (!result.success) {
    throw new DataFileError(
      name,
      result.error.issues.map((issue) => {
        const [key, index, ...rest] = issue.path as (string | number)[];
        const o = typeof index === 'number' ? origin[key as keyof typeof origin]?.[index] : undefined;
        const at = o ?? { file: 0, index: undefined };
        const p = parsed[at.file]!;
        const path = o ? [key!, o.index, ...rest] : issue.path.map((x) => x as string | number);
        const where = path.length ? ` (at ${path.join('.')})` : '';
        return { file: p.file, ...p.yaml.posOf(path), message: `${issue.message}${where}` };
      }),
    );
  }
  if (result.data.terms.length === 0) throw new DataFileError(name, [{ line: 1, column: 1, message: 'the glossary has no terms (expected a terms: list in at least one file)' }]);
  const g = result.data;
  return {
    file: name,
    files: texts.map((t) => t.file),
    variants: g.variants.map((v) => ({ from: v.from, to: v.to })),
    terms: g.terms.map((t, i) => ({ ...t, source: basename(parsed[origin.terms[i]!.file]!.file) })),
  };
}

/** The glossary files a path names: the file itself, or a folder's *.yaml files by name. */
export function glossaryFiles(path: string): string[] {
  if (!existsSync(path)) throw new DataFileError(path, [{ line: 1, column: 1, message: 'no such glossary file or folder' }]);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(path, f));
}

/** Load and validate a glossary file or folder; throws DataFileError with file:line:col problems. */
export function loadGlossary(path: string): Glossary {
  return parseGlossaryFiles(glossaryFiles(path).map((file) => ({ file, text: readFileSync(file, 'utf8') })), path);
}

/** The same from text (tests, other sources). */
export function parseGlossary(text: string, file = '<glossary>'): Glossary {
  return parseGlossaryFiles([{ file, text }], file);
}
