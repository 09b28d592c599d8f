/** Pieces the line-based readers share: front matter, times and dates, message bodies. */
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { diagnostic } from '../../diagnostics.js';
import type { Diagnostic, Message, MessageKind, Quote, Transcript } from '../../model.js';

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function error(file: string, line: number, message: string, expected?: string): Diagnostic {
  return diagnostic('ingest', 'error', file, line, message, expected === undefined ? {} : { expected });
}

export function warning(file: string, line: number, message: string, expected?: string): Diagnostic {
  return diagnostic('ingest', 'warning', file, line, message, expected === undefined ? {} : { expected });
}

// ── times and dates ─────────────────────────────────────────────────────────

/** `HH:MM:SS`, zero-padded, or null when a field is out of range. */
export function clockTime(h: string, m: string, s: string): string | null {
  const hh = Number(h);
  const mm = Number(m);
  const ss = Number(s);
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return `${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}

/** `YYYY-MM-DD`, or null when it is not a calendar date. */
export function calendarDate(y: string, m: string, d: string): string | null {
  const yy = Number(y);
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1) return null;
  const days = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (dd > days) return null;
  return `${String(yy).padStart(4, '0')}-${pad2(mm)}-${pad2(dd)}`;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const LEADING_DATE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;

/** The date a file name starts with (`2018-08-13-chat.markdown`), or null. */
export function fileNameDate(file: string): string | null {
  const m = LEADING_DATE.exec(basename(file));
  return m ? calendarDate(m[1]!, m[2]!, m[3]!) : null;
}

// ── front matter ────────────────────────────────────────────────────────────

export interface FrontMatter {
  present: boolean;
  meta: Record<string, unknown>;
  /** 0-based index of the first line after the front matter. */
  bodyStart: number;
  /** 1-based file line of each top-level key, for diagnostics about a value. */
  keyLines: Record<string, number>;
  diagnostics: Diagnostic[];
}

const FENCE_EXPECTED = 'YAML `key: value` lines between two `---` lines';

/**
 * Jekyll front matter: a `---` line, YAML, a `---` line (trailing spaces allowed: the
 * corpus has them). When the closing line is missing, the body is taken to start at the
 * first line `isBody` accepts, so the messages are still read.
 */
export function readFrontMatter(lines: string[], file: string, isBody: (line: string) => boolean): FrontMatter {
  const none: FrontMatter = { present: false, meta: {}, bodyStart: 0, keyLines: {}, diagnostics: [] };
  if (lines.length === 0 || lines[0]!.trimEnd() !== '---') return none;
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimEnd() === '---') {
      close = i;
      break;
    }
    if (isBody(line)) break;
  }
  if (close === -1) {
    let bodyStart = 1;
    while (bodyStart < lines.length && !isBody(lines[bodyStart]!)) bodyStart++;
    return {
      present: true,
      meta: {},
      bodyStart,
      keyLines: {},
      diagnostics: [error(file, 1, 'front matter is not closed', `a \`---\` line closing the front matter opened at line 1`)],
    };
  }
  const keyLines: Record<string, number> = {};
  for (let i = 1; i < close; i++) {
    const m = /^([A-Za-z_][\w-]*)[ \t]*:/.exec(lines[i]!);
    if (m && !(m[1]! in keyLines)) keyLines[m[1]!] = i + 1;
  }
  const yamlText = lines.slice(1, close).join('\n');
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const result: FrontMatter = { present: true, meta: {}, bodyStart: close + 1, keyLines, diagnostics: [] };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      // YAML line 1 is file line 2 (after the opening `---`)
      const line = counter.linePos(e.pos[0]).line + 1;
      const what = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      result.diagnostics.push(error(file, line, `malformed front matter: ${what}`, FENCE_EXPECTED));
    }
    return result;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    result.diagnostics.push(error(file, 2, `malformed front matter: ${(e as Error).message}`, FENCE_EXPECTED));
    return result;
  }
  if (data === null || data === undefined) return result;
  if (typeof data !== 'object' || Array.isArray(data)) {
    result.diagnostics.push(error(file, 2, 'malformed front matter: not a mapping', FENCE_EXPECTED));
    return result;
  }
  result.meta = data as Record<string, unknown>;
  return result;
}

/**
 * The transcript's day: the front matter `date` (`2018-08-13 12:00:00`, and the corpus's
 * sloppier `2017-05-05  12:00`, `2017-05-06 12:00:0`), else the file name's date.
 */
export function transcriptDate(fm: FrontMatter, file: string, diagnostics: Diagnostic[]): string | null {
  const value = fm.meta['date'];
  if (value !== undefined && value !== null) {
    const m = typeof value === 'string' ? LEADING_DATE.exec(value) : null;
    const date = m ? calendarDate(m[1]!, m[2]!, m[3]!) : value instanceof Date ? value.toISOString().slice(0, 10) : null;
    if (date) return date;
    diagnostics.push(
      warning(file, fm.keyLines['date'] ?? 2, 'front matter `date` is not a date; using the file name', '`date: YYYY-MM-DD HH:MM:SS`'),
    );
  }
  return fileNameDate(file);
}

export function metaTitle(meta: Record<string, unknown>): string | null {
  const t = meta['title'];
  return typeof t === 'string' || typeof t === 'number' ? String(t) : null;
}

// ── messages ────────────────────────────────────────────────────────────────

/** Trailing whitespace off each line, blank lines off both ends, joined with `\n`. */
export function bodyText(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  const trimmed = lines.map((l) => l.trimEnd());
  while (start < end && trimmed[start] === '') start++;
  while (end > start && trimmed[end - 1] === '') end--;
  return trimmed.slice(start, end).join('\n');
}

export interface MessageInit {
  line: number;
  time?: string;
  timestamp?: string | null;
  speaker?: string;
  raw: string;
  kind?: MessageKind;
  kindRule?: string | null;
  quote?: Quote | null;
  platformId?: string | null;
  platformReplyId?: string | null;
}

/** A Message with the normaliser's fields at their defaults; `position` is 1-based. */
export function newMessage(position: number, init: MessageInit): Message {
  const raw = trimBody(init.raw);
  return {
    id: `m${position}`,
    line: init.line,
    time: init.time ?? '',
    timestamp: init.timestamp ?? null,
    speaker: init.speaker ?? '',
    profile: null,
    raw,
    text: raw,
    kind: init.kind ?? 'text',
    kindRule: init.kindRule ?? null,
    mentions: [],
    quote: init.quote ?? null,
    platformId: init.platformId ?? null,
    platformReplyId: init.platformReplyId ?? null,
    duplicateOf: null,
  };
}

/** Trailing blanks off each line and blank lines off both ends, as `bodyText` does for line formats. */
export function trimBody(text: string): string {
  return bodyText(text.replace(/\r\n?/g, '\n').split('\n'));
}

interface OpenMessage {
  line: number;
  time: string;
  timestamp: string | null;
  speaker: string;
  body: string[];
}

/**
 * Collects messages as a reader walks the lines. States: before the first header
 * (`started` false), inside a message, or skipping the body of a header that did not parse
 * (so that body is not glued onto the previous message).
 */
export class MessageCollector {
  readonly messages: Message[] = [];
  private current: OpenMessage | null = null;
  private skipping = false;
  private warnedPreamble = false;

  /** True once any header (good or bad) has been seen. */
  get started(): boolean {
    return this.current !== null || this.skipping || this.messages.length > 0;
  }

  /** Index in `messages` that the next opened message will get. */
  get nextIndex(): number {
    return this.messages.length + (this.current ? 1 : 0);
  }

  open(line: number, time: string, timestamp: string | null, speaker: string, firstBodyLine?: string): void {
    this.close();
    this.skipping = false;
    this.current = { line, time, timestamp, speaker, body: firstBodyLine === undefined ? [] : [firstBodyLine] };
  }

  /** A header that did not parse: drop what follows it up to the next good header. */
  skip(): void {
    this.close();
    this.skipping = true;
  }

  /** A body line; ignored before the first header and while skipping. */
  push(line: string): void {
    this.current?.body.push(line);
  }

  /**
   * A line that is no header: the open message's body, or, before the first header,
   * text that is ignored — said once, as a warning.
   */
  bodyLine(line: string, at: number, file: string, diagnostics: Diagnostic[], what: string, expected: string): void {
    if (this.started) {
      this.push(line);
    } else if (!this.warnedPreamble && !isBlank(line)) {
      diagnostics.push(warning(file, at, `text before the first ${what} is ignored`, expected));
      this.warnedPreamble = true;
    }
  }

  finish(): Message[] {
    this.close();
    return this.messages;
  }

  private close(): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    this.messages.push(newMessage(this.messages.length + 1, { ...c, raw: bodyText(c.body) }));
  }
}

export function transcript(
  file: string,
  format: string,
  fm: FrontMatter,
  date: string | null,
  messages: Message[],
): Transcript {
  return { file, format, date, title: metaTitle(fm.meta), meta: fm.meta, encoding: 'utf-8', messages };
}

// ── detection helpers ───────────────────────────────────────────────────────

/** Enough of the file to recognise a format without splitting a multi-megabyte file. */
export function headLines(text: string, maxChars = 64 * 1024): string[] {
  return (text.length > maxChars ? text.slice(0, maxChars) : text).split('\n');
}

/** Index of the first line after a front matter block in `lines` (0 when there is none). */
export function skipFrontMatter(lines: string[]): { start: number; front: string[] } {
  if (lines.length === 0 || lines[0]!.trimEnd() !== '---') return { start: 0, front: [] };
  for (let i = 1; i < Math.min(lines.length, 200); i++) {
    if (lines[i]!.trimEnd() === '---') return { start: i + 1, front: lines.slice(1, i) };
  }
  return { start: 1, front: [] };
}
