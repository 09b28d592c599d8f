/**
 * `irc`: channel logs, one event per line, as in the Ubuntu IRC logs (and the Kummerfeld et al.
 * disentanglement corpus built from them):
 *   `[HH:MM] <nick> text`             a message (`[HH:MM:SS]` too; text may be empty)
 *   `[HH:MM]  * nick does something`  an action (/me)
 *   `[HH:MM] -nick:#channel- text`    a notice
 *   `=== nick [~u@host]  has joined #channel`, `=== a is now known as b`   system lines
 * and the dated variant `#channel YYYY-MM-DD [HH:MM:SS] <nick> text` (same events after the
 * time). Other loggers write the same events after other stamps:
 *   `2024-03-12T09:15:02  <nick> text`          Limnoria/Supybot (ISO)
 *   `2024-03-12 09:15:02\tnick\ttext`           WeeChat (tab-separated; `-->`, `<--`, `--` system)
 *   `[2024-03-12 09:15:02] <nick> text`         ZNC with dates
 *   `09:15 <@nick> text`, `09:15 -!- …`          irssi (bare clock, mode prefix on the nick)
 *   `Mar 12 09:15:02 <nick>\ttext`               HexChat (the year from the file name)
 *   `@1710234902 <nick!user@host> text`         dircproxy with relative times (epoch seconds, read in UTC)
 * Benchmarks identify a message by its line, so every non-blank line is exactly one
 * message, in order — a line that does not parse too (reported, and kept as speakerless
 * text). A file of which most lines do not parse is no IRC log: it is refused, not read
 * into junk, even when `--format irc` asks for it.
 */
import type { Diagnostic, Message } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { addDays, calendarDate, clockTime, error, fileNameDate, headLines, isBlank } from './common.js';
import { epochClock, newMessage, structuredTranscript, type MessageInit } from './structured.js';
import { basename } from 'node:path';

const FORMAT = 'irc';
const KIND_RULE = `reader/${FORMAT}-type`;
const TIMED = /^\[(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\](.*)$/;
const DATED = /^(?:(\S+)[ \t]+)?(\d{4})-(\d{1,2})-(\d{1,2})[ \t]+\[(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\](.*)$/;
const SAY = /^[ \t]*<[@+%~&!]?([^>]+)>[ \t]?(.*)$/;
const ISO = /^\[?(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?[ \t]+(.*)$/;
const BARE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?[ \t]+(.*)$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const HEXCHAT = /^([A-Za-z]{3}) +(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})[ \t]+(.*)$/;
/** dircproxy's relative-time log: `@<epoch> <nick!user@host> text`, `@<epoch> -nick- notice`. */
const DIRCPROXY = /^@(\d{9,11}) (.*)$/;
/**
 * What an event looks like after a bare clock (irssi): a nick, an action or a system mark.
 * Not `name<TAB>text`: that after a bare clock is another export (cocolian-anon).
 */
const EVENT_LIKE = /^[ \t]*(?:<[^>]+>|\*[ \t]|-!-|={3}|\*{3}|-->|<--)/;
/** WeeChat's prefixes for joins, parts and other notices. */
const WEECHAT_SYSTEM = new Set(['-->', '<--', '--', '-!-', '===', '***']);
/** Below this share of parsed lines a file is not an IRC log. */
const MIN_PARSED = 0.5;
const ACTION = /^[ \t]*\*[ \t]+(\S+)(?:[ \t](.*))?$/;
const NOTICE = /^[ \t]*-([^\s:-][^\s:]*?)(?::\S+)?-(?:[ \t](.*))?$/;
const SYSTEM = /^[ \t]*(?:={3}|\*{3}|-!-)[ \t]?(.*)$/;
/** Looks like a time stamp that did not parse: `[1O:00]`, `[10:00 <a>`. */
const TIME_LIKE = /^\[\d/;
const EXPECTED = '`[HH:MM] <nick> text`, `[HH:MM]  * nick action`, `=== system line` or `#channel YYYY-MM-DD [HH:MM:SS] <nick> text`';

/** What follows the time stamp: who said what, or a system event. */
function event(rest: string): Pick<MessageInit, 'speaker' | 'raw' | 'kind' | 'kindRule'> {
  const tab = rest.indexOf('\t');
  if (tab > 0 && !rest.trimStart().startsWith('<')) {
    // WeeChat: `nick<TAB>text`, `--><TAB>nick has joined`, ` *<TAB>nick waves`
    const who = rest.slice(0, tab).trim();
    const text = rest.slice(tab + 1);
    if (WEECHAT_SYSTEM.has(who)) return { raw: text.trim(), kind: 'system', kindRule: KIND_RULE };
    if (who === '*') {
      const [nick = '', ...words] = text.trim().split(/\s+/);
      return { speaker: nick, raw: words.join(' ') };
    }
    return { speaker: who.replace(/^[@+%~&!]/, ''), raw: text };
  }
  let m = SAY.exec(rest);
  if (m) return { speaker: m[1]!, raw: m[2]! };
  m = ACTION.exec(rest);
  if (m) return { speaker: m[1]!, raw: m[2] ?? '' };
  m = SYSTEM.exec(rest);
  if (m) return { raw: m[1]!, kind: 'system', kindRule: KIND_RULE };
  m = NOTICE.exec(rest);
  if (m) return { speaker: m[1]!, raw: m[2] ?? '' };
  // a time-stamped line of another kind (topic, mode change): the logger's own event
  return { raw: rest.trim(), kind: 'system', kindRule: KIND_RULE };
}

/** The log's day from its file name: at the start (`2024-03-12.log`) or after the channel (`#payments.2024-03-12.log`). */
function logDate(file: string): string | null {
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(basename(file));
  return fileNameDate(file) ?? (m ? calendarDate(m[1]!, m[2]!, m[3]!) : null);
}

interface Stamp {
  /** `YYYY-MM-DD`, or null when the stamp has no date (or no year). */
  date: string | null;
  /** The day without a year (HexChat): month and day. */
  monthDay?: [string, string];
  h: string;
  m: string;
  s: string | undefined;
  rest: string;
}

/** The other loggers' stamps; null when the line has none. A bare clock counts only before an event. */
function otherStamp(line: string): Stamp | null {
  let m = DIRCPROXY.exec(line);
  if (m) {
    const clock = epochClock(m[1]!);
    if (clock) {
      const [h = '', mi = '', sec = ''] = clock.time.split(':');
      // the nick is logged with its user and host, as the server sent it
      return { date: clock.date, h, m: mi, s: sec, rest: m[2]!.replace(/^([<-][^!\s>-]+)![^\s>-]+([>-])/, '$1$2') };
    }
  }
  m = ISO.exec(line);
  if (m) return { date: calendarDate(m[1]!, m[2]!, m[3]!), h: m[4]!, m: m[5]!, s: m[6], rest: m[7]! };
  m = HEXCHAT.exec(line);
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  if (m && month >= 0) return { date: null, monthDay: [String(month + 1), m[2]!], h: m[3]!, m: m[4]!, s: m[5], rest: m[6]! };
  m = BARE.exec(line);
  if (m && EVENT_LIKE.test(m[4]!)) return { date: null, h: m[1]!, m: m[2]!, s: m[3], rest: m[4]! };
  return null;
}

export const irc: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (${EXPECTED})`,

  detect(text) {
    const lines = headLines(text);
    let talk = 0;
    let known = 0;
    let other = 0;
    for (const line of lines.slice(0, 2000)) {
      if (isBlank(line)) continue;
      const t = TIMED.exec(line) ?? DATED.exec(line);
      const rest = t ? t[t.length - 1]! : (otherStamp(line)?.rest ?? null);
      if (rest !== null && (SAY.test(rest) || /^[^\t<]{1,40}\t/.test(rest))) {
        talk++;
        known++;
      } else if (rest !== null || /^={3} /.test(line)) known++;
      else other++;
    }
    if (talk < 2) return 0;
    const share = known / (known + other);
    return share >= 0.6 ? 0.9 : share >= 0.3 ? 0.5 : 0.2;
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const diagnostics: Diagnostic[] = [];
    const messages: Message[] = [];
    // undated lines take the file name's day, moving on a day each time the clock goes back
    let day = logDate(file);
    let prevTime: string | null = null;
    let channel: string | null = null;
    let parsed = 0;
    let lineCount = 0;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (isBlank(line)) continue;
      lineCount++;
      const n = i + 1;
      const add = (init: Omit<MessageInit, 'line'>) => messages.push(newMessage(messages.length + 1, { line: n, ...init }));

      const d = DATED.exec(line);
      if (d) {
        const date = calendarDate(d[2]!, d[3]!, d[4]!);
        const time = clockTime(d[5]!, d[6]!, d[7] ?? '0');
        if (!date || !time) {
          diagnostics.push(error(file, n, `invalid ${date ? 'time' : 'date'} in \`${line.slice(0, 40)}\``, EXPECTED));
          add({ raw: line });
          continue;
        }
        channel ??= d[1] ?? null;
        day = date;
        prevTime = time;
        parsed++;
        add({ time, timestamp: `${date}T${time}`, ...event(d[8]!) });
        continue;
      }
      const t = TIMED.exec(line);
      if (t) {
        const time = clockTime(t[1]!, t[2]!, t[3] ?? '0');
        if (!time) {
          diagnostics.push(error(file, n, `invalid time \`[${t[1]}:${t[2]}${t[3] ? `:${t[3]}` : ''}]\``, EXPECTED));
          add({ raw: line });
          continue;
        }
        if (day !== null && prevTime !== null && time < prevTime) day = addDays(day, 1);
        prevTime = time;
        parsed++;
        add({ time, timestamp: day ? `${day}T${time}` : null, ...event(t[4]!) });
        continue;
      }
      const o = otherStamp(line);
      if (o) {
        const year = day?.slice(0, 4) ?? null;
        const date = o.date ?? (o.monthDay && year ? calendarDate(year, o.monthDay[0], o.monthDay[1]) : null);
        const time = clockTime(o.h, o.m, o.s ?? '0');
        if (!time) {
          diagnostics.push(error(file, n, `invalid time in \`${line.slice(0, 40)}\``, EXPECTED));
          add({ raw: line });
          continue;
        }
        if (date) day = date;
        else if (day !== null && prevTime !== null && time < prevTime) day = addDays(day, 1);
        prevTime = time;
        parsed++;
        add({ time, timestamp: day ? `${day}T${time}` : null, ...event(o.rest) });
        continue;
      }
      const s = /^={3}[ \t]?(.*)$/.exec(line);
      if (s) {
        parsed++;
        add({ raw: s[1]!, kind: 'system', kindRule: KIND_RULE });
        continue;
      }
      diagnostics.push(
        error(file, n, TIME_LIKE.test(line) ? 'malformed time stamp' : 'line is neither a time-stamped event nor a `===` system line', EXPECTED),
      );
      add({ raw: line });
    }
    if (lineCount > 0 && parsed < lineCount * MIN_PARSED) {
      const refused = `only ${parsed} of ${lineCount} lines are IRC events: not an IRC log`;
      return { transcript: { ...structuredTranscript(file, FORMAT, channel, {}, []), date: logDate(file) }, diagnostics: [error(file, 1, refused, EXPECTED)] };
    }
    const transcript = structuredTranscript(file, FORMAT, channel, {}, messages);
    return { transcript: { ...transcript, date: logDate(file) ?? transcript.date }, diagnostics };
  },
};
