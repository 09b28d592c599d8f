/**
 * `irc`: channel logs, one event per line, as in the Ubuntu IRC logs (and the Kummerfeld et al.
 * disentanglement corpus built from them):
 *   `[HH:MM] <nick> text`             a message (`[HH:MM:SS]` too; text may be empty)
 *   `[HH:MM]  * nick does something`  an action (/me)
 *   `[HH:MM] -nick:#channel- text`    a notice
 *   `=== nick [~u@host]  has joined #channel`, `=== a is now known as b`   system lines
 * and the dated variant `#channel YYYY-MM-DD [HH:MM:SS] <nick> text` (same events after the
 * time). Benchmarks identify a message by its line, so every non-blank line is exactly one
 * message, in order — a line that does not parse too (reported, and kept as speakerless text).
 */
import type { Diagnostic, Message } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { addDays, calendarDate, clockTime, error, fileNameDate, headLines, isBlank } from './common.js';
import { newMessage, structuredTranscript, type MessageInit } from './structured.js';

const FORMAT = 'irc';
const KIND_RULE = `reader/${FORMAT}-type`;
const TIMED = /^\[(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\](.*)$/;
const DATED = /^(?:(\S+)[ \t]+)?(\d{4})-(\d{1,2})-(\d{1,2})[ \t]+\[(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\](.*)$/;
const SAY = /^[ \t]*<([^>]+)> ?(.*)$/;
const ACTION = /^[ \t]*\*[ \t]+(\S+)(?:[ \t](.*))?$/;
const NOTICE = /^[ \t]*-([^\s:-][^\s:]*?)(?::\S+)?-(?:[ \t](.*))?$/;
const SYSTEM = /^[ \t]*(?:={3}|\*{3}|-!-)[ \t]?(.*)$/;
/** Looks like a time stamp that did not parse: `[1O:00]`, `[10:00 <a>`. */
const TIME_LIKE = /^\[\d/;
const EXPECTED = '`[HH:MM] <nick> text`, `[HH:MM]  * nick action`, `=== system line` or `#channel YYYY-MM-DD [HH:MM:SS] <nick> text`';

/** What follows the time stamp: who said what, or a system event. */
function event(rest: string): Pick<MessageInit, 'speaker' | 'raw' | 'kind' | 'kindRule'> {
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
      const rest = t ? t[t.length - 1]! : null;
      if (rest !== null && SAY.test(rest)) {
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
    let day = fileNameDate(file);
    let prevTime: string | null = null;
    let channel: string | null = null;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (isBlank(line)) continue;
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
        add({ time, timestamp: day ? `${day}T${time}` : null, ...event(t[4]!) });
        continue;
      }
      const s = /^={3}[ \t]?(.*)$/.exec(line);
      if (s) {
        add({ raw: s[1]!, kind: 'system', kindRule: KIND_RULE });
        continue;
      }
      diagnostics.push(
        error(file, n, TIME_LIKE.test(line) ? 'malformed time stamp' : 'line is neither a time-stamped event nor a `===` system line', EXPECTED),
      );
      add({ raw: line });
    }
    const transcript = structuredTranscript(file, FORMAT, channel, {}, messages);
    return { transcript: { ...transcript, date: fileNameDate(file) ?? transcript.date }, diagnostics };
  },
};
