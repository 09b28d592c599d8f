/**
 * A tolerant structural scan of JSON text: where each array element and object member starts
 * and ends, without building values. Readers use it for two things JSON.parse cannot give:
 * the line each message object starts on, and reading the other messages when one of them is
 * malformed (each element is parsed on its own).
 */
import type { Diagnostic } from '../../model.js';
import { error } from './common.js';
import { lineAt, lineStarts } from './structured.js';

/** `[start, end)` offsets of one value in the text. */
export interface JsonSlice {
  start: number;
  end: number;
}

export interface JsonMember extends JsonSlice {
  key: string;
}

export interface JsonProblem {
  offset: number;
  message: string;
  expected: string;
}

export interface ArrayScan {
  elements: JsonSlice[];
  end: number;
  problems: JsonProblem[];
}

export interface ObjectScan {
  members: JsonMember[];
  end: number;
  problems: JsonProblem[];
}

export type TopScan =
  | ({ kind: 'array' } & ArrayScan)
  | ({ kind: 'object' } & ObjectScan)
  | { kind: 'none'; offset: number };

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * End of the string starting at `i` (a `"`). A raw newline cannot be inside a JSON string,
 * so an unterminated string stops there and the scan picks up on the next line.
 */
function skipString(text: string, i: number): { end: number; closed: boolean } {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c /* \ */) j++;
    else if (c === 0x22 /* " */) return { end: j + 1, closed: true };
    else if (c === 0x0a) return { end: j, closed: false };
  }
  return { end: text.length, closed: false };
}

/** End of the value starting at `i`; `end === i` when no value starts there. */
export function skipValue(text: string, i: number): { end: number; problem?: JsonProblem } {
  const c = text[i];
  if (c === '"') {
    const s = skipString(text, i);
    return s.closed ? { end: s.end } : { end: s.end, problem: { offset: i, message: 'unterminated string', expected: 'a closing `"`' } };
  }
  if (c === '{' || c === '[') {
    // A closer also closes the containers left open inside its opener (`{"a": [ }` ends at
    // the `}`), so one unclosed bracket does not swallow the messages after it.
    const open: string[] = [];
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        j = skipString(text, j).end - 1;
      } else if (d === '{' || d === '[') {
        open.push(d);
      } else if (d === '}' || d === ']') {
        const opener = d === '}' ? '{' : '[';
        const at = open.lastIndexOf(opener);
        if (at === -1) continue; // a stray closer: the element's parse reports it
        open.length = at;
        if (open.length === 0) return { end: j + 1 };
      }
    }
    const closing = c === '{' ? '}' : ']';
    return { end: text.length, problem: { offset: i, message: `unterminated ${c === '{' ? 'object' : 'array'}`, expected: `a closing \`${closing}\`` } };
  }
  let j = i;
  while (j < text.length && !/[\s,\]}{[":]/.test(text[j]!)) j++;
  return { end: j };
}

/** The elements of the array whose `[` is at `start`. */
export function scanArray(text: string, start: number): ArrayScan {
  const elements: JsonSlice[] = [];
  const problems: JsonProblem[] = [];
  let i = start + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) {
      problems.push({ offset: start, message: 'unterminated array', expected: 'a closing `]`' });
      return { elements, end: text.length, problems };
    }
    if (text[i] === ']') return { elements, end: i + 1, problems };
    if (text[i] === ',') {
      problems.push({ offset: i, message: 'unexpected `,`', expected: 'a value' });
      i++;
      continue;
    }
    const v = skipValue(text, i);
    if (v.end === i) {
      problems.push({ offset: i, message: `unexpected \`${text[i]}\``, expected: 'a value' });
      i++;
      continue;
    }
    elements.push({ start: i, end: v.end });
    if (v.problem) problems.push(v.problem);
    i = skipSpace(text, v.end);
    if (text[i] === ',') i++;
    else if (i < text.length && text[i] !== ']') {
      // a missing comma: report it and read on from here as the next element
      problems.push({ offset: i, message: 'missing `,` between array elements', expected: '`,` or `]`' });
    }
  }
}

/** The members of the object whose `{` is at `start`. */
export function scanObject(text: string, start: number): ObjectScan {
  const members: JsonMember[] = [];
  const problems: JsonProblem[] = [];
  let i = start + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) {
      problems.push({ offset: start, message: 'unterminated object', expected: 'a closing `}`' });
      return { members, end: text.length, problems };
    }
    if (text[i] === '}') return { members, end: i + 1, problems };
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] !== '"') {
      problems.push({ offset: i, message: `unexpected \`${text[i]}\``, expected: 'a `"key": value` member' });
      const v = skipValue(text, i);
      i = v.end === i ? i + 1 : v.end;
      continue;
    }
    const k = skipString(text, i);
    let key: string;
    try {
      key = JSON.parse(text.slice(i, k.end)) as string;
    } catch {
      key = text.slice(i + 1, k.end - 1);
    }
    i = skipSpace(text, k.end);
    if (text[i] !== ':') {
      problems.push({ offset: i, message: `member \`${key}\` has no \`:\``, expected: '`"key": value`' });
      continue;
    }
    i = skipSpace(text, i + 1);
    const v = skipValue(text, i);
    if (v.end === i) {
      problems.push({ offset: i, message: `member \`${key}\` has no value`, expected: 'a value' });
      continue;
    }
    members.push({ key, start: i, end: v.end });
    if (v.problem) problems.push(v.problem);
    i = v.end;
  }
}

/** The top-level value: an array's elements or an object's members. */
export function scanTop(text: string): TopScan {
  const i = skipSpace(text, 0);
  if (text[i] === '[') return { kind: 'array', ...scanArray(text, i) };
  if (text[i] === '{') return { kind: 'object', ...scanObject(text, i) };
  return { kind: 'none', offset: i };
}

/** Parses one slice; a syntax error comes back with its offset in the whole text. */
export function parseSlice(text: string, slice: JsonSlice): { ok: true; value: unknown } | { ok: false; offset: number; message: string } {
  const source = text.slice(slice.start, slice.end);
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (e) {
    const raw = (e as Error).message;
    const at = /at position (\d+)/.exec(raw);
    const message = raw
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
      .replace(/^Unexpected end of JSON input$/, 'unexpected end of the value');
    return { ok: false, offset: slice.start + (at ? Number(at[1]) : 0), message };
  }
}

/** The top-level object's member `key`, parsed, or undefined. */
export function memberValue(text: string, members: readonly JsonMember[], key: string): unknown {
  const m = members.find((x) => x.key === key);
  if (!m) return undefined;
  const r = parseSlice(text, m);
  return r.ok ? r.value : undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ── message records ─────────────────────────────────────────────────────────

export interface JsonRecord {
  value: Record<string, unknown>;
  /** 1-based line where the record's `{` is. */
  line: number;
}

export interface JsonRecords {
  records: JsonRecord[];
  /** The top-level object's members (empty when the top level is an array). */
  members: JsonMember[];
  diagnostics: Diagnostic[];
  /** False when the messages array itself was not found. */
  found: boolean;
}

/**
 * The message objects of a JSON export, each with its line: the top-level array's elements
 * (`at: null`) or those of the top-level object's array member `at`. A malformed element is
 * reported at its line and skipped; the others are read.
 */
export function readJsonRecords(text: string, file: string, at: string | null, expected: string): JsonRecords {
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineAt(starts, offset);
  const diagnostics: Diagnostic[] = [];
  const top = scanTop(text);
  const none = (members: JsonMember[], d: Diagnostic): JsonRecords => ({ records: [], members, diagnostics: [...diagnostics, d], found: false });
  if (top.kind === 'none') return none([], error(file, lineOf(top.offset), 'not JSON', expected));
  let array: ArrayScan;
  let members: JsonMember[] = [];
  const problems: JsonProblem[] = [...top.problems];
  if (at === null) {
    if (top.kind !== 'array') return none([], error(file, lineOf(0), 'the JSON is an object, not an array of messages', expected));
    array = top;
  } else {
    if (top.kind !== 'object') return none([], error(file, lineOf(0), 'the JSON is an array, not an export object', expected));
    members = top.members;
    const m = top.members.find((x) => x.key === at);
    if (!m || text[m.start] !== '[') {
      return none(members, error(file, m ? lineOf(m.start) : 1, m ? `\`${at}\` is not an array` : `no \`${at}\` array`, expected));
    }
    array = scanArray(text, m.start);
    // the member's own scan saw only its outline; the array scan has the element-level problems
    problems.push(...array.problems.filter((p) => !problems.some((q) => q.offset === p.offset)));
  }
  const { records, diagnostics: more } = arrayRecords(text, file, array, problems, expected, lineOf);
  diagnostics.push(...more);
  return { records, members, diagnostics, found: true };
}

/**
 * The objects of the array whose `[` is at `start`, anywhere in the text (a chat's
 * `messages` inside an account export's `chats.list`), each with its line.
 */
export function readArrayRecords(
  text: string,
  file: string,
  start: number,
  expected: string,
  lineOf: (offset: number) => number,
): { records: JsonRecord[]; diagnostics: Diagnostic[] } {
  const array = scanArray(text, start);
  return arrayRecords(text, file, array, array.problems, expected, lineOf);
}

function arrayRecords(
  text: string,
  file: string,
  array: ArrayScan,
  problems: readonly JsonProblem[],
  expected: string,
  lineOf: (offset: number) => number,
): { records: JsonRecord[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const failed: JsonSlice[] = [];
  const records: JsonRecord[] = [];
  array.elements.forEach((slice, i) => {
    const line = lineOf(slice.start);
    const parsed = parseSlice(text, slice);
    if (!parsed.ok) {
      failed.push(slice);
      diagnostics.push(error(file, lineOf(parsed.offset), `message ${i + 1} (from line ${line}) is not valid JSON: ${parsed.message}`, expected));
      return;
    }
    if (!isRecord(parsed.value)) {
      diagnostics.push(error(file, line, `message ${i + 1} is not a JSON object`, expected));
      return;
    }
    records.push({ value: parsed.value, line });
  });
  for (const p of problems) {
    if (failed.some((s) => p.offset >= s.start && p.offset < s.end)) continue;
    diagnostics.push(error(file, lineOf(p.offset), `malformed JSON: ${p.message}`, p.expected));
  }
  return { records, diagnostics };
}
