/**
 * Pieces the readers of structured exports (JSON, CSV, platform text logs) share: message
 * construction with the model's defaults, offset → line lookup, timestamps as written, and
 * platform reply ids → quotes.
 */
import { basename, extname } from 'node:path';
import type { Message, Transcript } from '../../model.js';
import { calendarDate, clockTime } from './common.js';

// ── positions ───────────────────────────────────────────────────────────────

/** Offsets where each line starts; `lineAt` turns an offset into a 1-based line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// ── times ───────────────────────────────────────────────────────────────────

export interface WallClock {
  date: string;
  time: string;
  /** `YYYY-MM-DDTHH:MM:SS` */
  timestamp: string;
}

const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The wall-clock time as written in `2024-01-02T10:11:12`, `2024-01-02 10:11:12`,
 * `2024-01-02T10:11:12.345+08:00`: the offset is dropped, because the people in the chat read
 * the local time and that is what a transcript shows. Null when it is not a date and time.
 */
export function wallClock(value: string): WallClock | null {
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return null;
  const date = calendarDate(m[1]!, m[2]!, m[3]!);
  const time = clockTime(m[4]!, m[5]!, m[6] ?? '0');
  if (!date || !time) return null;
  return { date, time, timestamp: `${date}T${time}` };
}

/**
 * Epoch seconds (may be fractional, may be a string) → the wall clock in `timeZone` (an IANA
 * name such as Asia/Shanghai), or UTC without one; null when it is not a time.
 */
export function epochClock(seconds: number | string, timeZone?: string): WallClock | null {
  const n = typeof seconds === 'number' ? seconds : Number(seconds);
  if (!Number.isFinite(n) || (typeof seconds === 'string' && seconds.trim() === '')) return null;
  const d = new Date(Math.floor(n) * 1000);
  if (Number.isNaN(d.getTime())) return null;
  if (timeZone === undefined) {
    const iso = d.toISOString();
    return { date: iso.slice(0, 10), time: iso.slice(11, 19), timestamp: iso.slice(0, 19) };
  }
  const part: Record<string, string> = {};
  for (const p of zoneFormat(timeZone).formatToParts(d)) part[p.type] = p.value;
  const date = `${part['year']}-${part['month']}-${part['day']}`;
  const time = `${part['hour']}:${part['minute']}:${part['second']}`;
  return { date, time, timestamp: `${date}T${time}` };
}

/** Whether the runtime knows `name` as a time zone. */
export function isTimeZone(name: string): boolean {
  try {
    zoneFormat(name);
    return true;
  } catch {
    return false;
  }
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    // en-CA writes numbers plainly; h23 keeps midnight 00, not 24.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    zoneFormats.set(timeZone, f);
  }
  return f;
}

// ── messages ────────────────────────────────────────────────────────────────

// Messages are built by the shared helpers of common.ts, re-exported for the structured readers.
export { newMessage, trimBody, type MessageInit } from './common.js';

/**
 * Messages that name a platform reply target get a quote of that message when it is in the
 * transcript (the platform shows the quoted message above the reply). Targets outside the
 * export keep their `platformReplyId` and no quote.
 */
export function quoteReplies(messages: Message[]): Message[] {
  const byPlatformId = new Map<string, Message>();
  for (const m of messages) if (m.platformId !== null && !byPlatformId.has(m.platformId)) byPlatformId.set(m.platformId, m);
  return messages.map((m) => {
    if (m.quote !== null || m.platformReplyId === null || m.kind === 'system') return m;
    const target = byPlatformId.get(m.platformReplyId);
    if (!target || target === m) return m;
    return { ...m, quote: { speaker: target.speaker, text: target.raw, messageId: target.id } };
  });
}

// ── transcripts ─────────────────────────────────────────────────────────────

/** The day of the first dated message. */
export function firstDate(messages: readonly Message[]): string | null {
  for (const m of messages) if (m.timestamp) return m.timestamp.slice(0, 10);
  return null;
}

export function structuredTranscript(
  file: string,
  format: string,
  title: string | null,
  meta: Record<string, unknown>,
  messages: Message[],
): Transcript {
  return { file, format, date: firstDate(messages), title, meta, encoding: 'utf-8', messages };
}

/** `林小雨_utf8.csv` → `林小雨`: MemoTrace names its exports after the chat. */
export function fileStem(file: string, suffix?: RegExp): string {
  const base = basename(file, extname(file));
  return suffix ? base.replace(suffix, '') : base;
}

/** First `n` characters of the text, for detection. */
export function head(text: string, n = 64 * 1024): string {
  return text.length > n ? text.slice(0, n) : text;
}

/**
 * The latest earlier message by `speaker` (any speaker when "") whose body is `text`: where a
 * quote names no message id, the quoted text and name usually find it.
 */
export function findQuoted(earlier: readonly Message[], speaker: string, text: string): string | null {
  const want = text.trim();
  if (want === '') return null;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const m = earlier[i]!;
    if ((speaker === '' || m.speaker === speaker) && m.raw.trim() === want) return m.id;
  }
  return null;
}
