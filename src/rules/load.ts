/**
 * Loading YAML data files (rule files, the glossary, gold files) with validation whose
 * errors point at file:line:column, so an editor can fix the file they wrote.
 *
 * A schema is a zod schema; its issue paths are mapped back onto the YAML nodes.
 */
import { readFileSync } from 'node:fs';
import { isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { line: number; column: number; message: string }[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'DataFileError';
  }
}

/** Parse YAML text and validate it; throws DataFileError listing every problem. */
export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
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
  const data = doc.toJS({ maxAliasCount: 100 });
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new DataFileError(
    file,
    result.error.issues.map((issue) => {
      const offset = offsetOf(doc, issue.path as (string | number)[]);
      const pos = lineCounter.linePos(offset);
      const where = issue.path.length ? ` (at ${issue.path.join('.')})` : '';
      return { line: pos.line, column: pos.col, message: `${issue.message}${where}` };
    }),
  );
}

export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  return parseYaml(readFileSync(file, 'utf8'), file, schema);
}

/** The source offset of the deepest node on `path` (for an unknown key: the key itself). */
function offsetOf(doc: Document, path: (string | number)[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
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
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}
