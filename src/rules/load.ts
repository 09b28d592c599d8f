/**
 * Loading YAML data files (rule files, the glossary, gold files) with validation whose
 * errors point at file:line:column, so an editor can fix the file they wrote.
 *
 * A schema is a zod schema; its issue paths are mapped back onto the YAML nodes.
 */
import { readFileSync } from 'node:fs';
import { isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    /** A problem may name another file of a set loaded together (the glossary folder). */
    readonly problems: { line: number; column: number; message: string; ruleId?: string; file?: string }[],
  ) {
    super(problems.map((p) => `${p.file ?? file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'DataFileError';
  }

  /** The problems as diagnostics of `source` (the loader's caller: `rules`, `eval` …). */
  toDiagnostics(source = 'rules'): Diagnostic[] {
    return this.problems.map((p) => diagnostic(source, 'error', p.file ?? this.file, p.line, p.message, { column: p.column, ...(p.ruleId ? { ruleId: p.ruleId } : {}) }));
  }
}

/** Parse YAML text and validate it; throws DataFileError listing every problem. */
/** The YAML document with its line counter; throws DataFileError on a syntax error. */
function parseText(text: string, file: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DataFileError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.message };
      }),
    );
  }
  return { doc, lineCounter };
}

export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const { doc, lineCounter } = parseText(text, file);
  const data = doc.toJS({ maxAliasCount: 100 });
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new DataFileError(
    file,
    result.error.issues.map((issue) => {
      const { offset, ruleId } = locate(doc, issue.path as (string | number)[]);
      const pos = lineCounter.linePos(offset);
      const where = issue.path.length ? ` (at ${issue.path.join('.')})` : '';
      return { line: pos.line, column: pos.col, message: `${issue.message}${where}`, ...(ruleId ? { ruleId } : {}) };
    }),
  );
}

export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  return parseYaml(readFileSync(file, 'utf8'), file, schema);
}

/** A YAML file's plain data, and the 1-based line of any node in it (by key path). */
export interface YamlWithLines {
  data: unknown;
  lineOf(path: readonly (string | number)[]): number;
  /** Line and column of the node on `path`. */
  posOf(path: readonly (string | number)[]): { line: number; column: number };
}

/** Read a YAML file for tools that point into it (the rule lister, the rule tester). */
export function readYamlWithLines(file: string): YamlWithLines {
  return parseYamlWithLines(readFileSync(file, 'utf8'), file);
}

export function parseYamlWithLines(text: string, file: string): YamlWithLines {
  const { doc, lineCounter } = parseText(text, file);
  const posOf = (path: readonly (string | number)[]) => {
    const pos = lineCounter.linePos(locate(doc, [...path]).offset);
    return { line: pos.line, column: pos.col };
  };
  return { data: doc.toJS({ maxAliasCount: 100 }), lineOf: (path) => posOf(path).line, posOf };
}

/**
 * The source offset of the deepest node on `path` (for an unknown key: the key itself),
 * and the id of the innermost rule (a map with an `id`) on the way, if any.
 */
function locate(doc: Document, path: (string | number)[]): { offset: number; ruleId: string | undefined } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let ruleId = idOf(node);
  for (const key of path) {
    if (!isNode(node) || !('items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    if (typeof key === 'number' && !isPair(items[0])) {
      next = items[key];
    } else {
      const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (isPair(pair)) {
        offset = rangeStart(pair.key) ?? offset;
        next = pair.value;
      }
    }
    if (next === undefined) break;
    node = next;
    offset = rangeStart(node) ?? offset;
    ruleId = idOf(node) ?? ruleId;
  }
  return { offset, ruleId };
}

function idOf(node: unknown): string | undefined {
  if (!isNode(node) || !('items' in node)) return undefined;
  const pair = (node as { items: unknown[] }).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'id');
  return isPair(pair) && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}
