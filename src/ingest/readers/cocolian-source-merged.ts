/**
 * `cocolian-source-merged`: many days of one group in one file (`tag: [merged]`).
 * Newer files head each day `## YYYY-MM-DD` and date every header
 * (`> YYYY-MM-DD HH:MM:SS  Name`); older ones use plain `> HH:MM:SS  Name` headers and
 * show a new day only by the time going backwards.
 */
import type { Diagnostic } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import {
  addDays,
  calendarDate,
  clockTime,
  error,
  headLines,
  MessageCollector,
  readFrontMatter,
  skipFrontMatter,
  transcript,
  transcriptDate,
} from './common.js';
import { DATED_HEADER, DAY_HEADING, HEADER_LIKE, SOURCE_HEADER } from './cocolian-source.js';

const DATED = /^>[ \t]*(\d{4})-(\d{1,2})-(\d{1,2})[ \t]+(\d{1,2}):(\d{2}):(\d{2})(?:[ \t]+(.*))?$/;
const HEADING = /^##[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})[ \t]*$/;
const HEADING_LIKE = /^##[ \t]*\d{4}[-/.年]/;

const EXPECTED = '`> YYYY-MM-DD HH:MM:SS  Speaker` or `> HH:MM:SS  Speaker`';

export const cocolianSourceMerged: Reader = {
  format: 'cocolian-source-merged',
  describe: 'cocolian-source-merged (`## YYYY-MM-DD` days and `> YYYY-MM-DD HH:MM:SS  Speaker` headers)',

  detect(text, file) {
    const lines = headLines(text);
    const { start, front } = skipFrontMatter(lines);
    let dated = 0;
    let headings = 0;
    let plain = 0;
    for (let i = start; i < lines.length; i++) {
      const line = lines[i]!;
      if (DATED_HEADER.test(line)) dated++;
      else if (DAY_HEADING.test(line)) headings++;
      else if (SOURCE_HEADER.test(line)) plain++;
    }
    if (dated > 0) return 0.95;
    if (plain === 0) return 0;
    if (headings > 0) return 0.9;
    if (front.some((l) => /^tag\s*:.*\bmerged\b/.test(l))) return 0.9;
    if (/merged/i.test(file)) return 0.85;
    return 0;
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const fm = readFrontMatter(lines, file, (l) => HEADER_LIKE.test(l) || HEADING.test(l));
    const diagnostics: Diagnostic[] = [...fm.diagnostics];
    const fileDate = transcriptDate(fm, file, diagnostics);
    const messages = new MessageCollector();

    let day: string | null = null; // day of the latest heading or message, once known
    let prevTime: string | null = null;
    let sawDate = false;
    // messages read before any date is known, with the rollovers counted so far
    let rollovers = 0;
    const floating: { index: number; rollovers: number }[] = [];

    for (let i = fm.bodyStart; i < lines.length; i++) {
      const line = lines[i]!;
      const n = i + 1;
      const first = line.charCodeAt(0);
      if (first === 0x23 /* # */ && HEADING_LIKE.test(line)) {
        const h = HEADING.exec(line);
        const date = h ? calendarDate(h[1]!, h[2]!, h[3]!) : null;
        if (date) {
          day = date;
          sawDate = true;
          prevTime = null;
        } else {
          diagnostics.push(error(file, n, 'malformed day heading', '`## YYYY-MM-DD`'));
        }
        continue;
      }
      if (first === 0x3e /* > */) {
        const d = DATED.exec(line);
        if (d) {
          const date = calendarDate(d[1]!, d[2]!, d[3]!);
          const time = clockTime(d[4]!, d[5]!, d[6]!);
          if (date && time) {
            day = date;
            sawDate = true;
            prevTime = time;
            messages.open(n, time, `${date}T${time}`, (d[7] ?? '').trimEnd());
          } else {
            diagnostics.push(error(file, n, 'message header has an invalid date or time', EXPECTED));
            messages.skip();
          }
          continue;
        }
        const m = SOURCE_HEADER.exec(line);
        if (m) {
          const time = clockTime(m[1]!, m[2]!, m[3]!);
          if (!time) {
            diagnostics.push(error(file, n, `message header has an invalid time \`${m[1]}:${m[2]}:${m[3]}\``, EXPECTED));
            messages.skip();
            continue;
          }
          if (prevTime !== null && time < prevTime) {
            if (day) day = addDays(day, 1);
            else rollovers++;
          }
          prevTime = time;
          if (!day) floating.push({ index: messages.nextIndex, rollovers });
          messages.open(n, time, day ? `${day}T${time}` : null, (m[4] ?? '').trimEnd());
          continue;
        }
        if (HEADER_LIKE.test(line)) {
          diagnostics.push(error(file, n, 'malformed message header', EXPECTED));
          messages.skip();
          continue;
        }
      }
      messages.bodyLine(line, n, file, diagnostics, 'message header', EXPECTED);
    }

    const list = messages.finish();
    // With no date anywhere in the body, anchor the last day at the file's date: the one
    // merged file that kept its dates is named and dated after its last day.
    if (!sawDate && fileDate && floating.length > 0) {
      for (const f of floating) {
        const msg = list[f.index]!;
        msg.timestamp = `${addDays(fileDate, f.rollovers - rollovers)}T${msg.time}`;
      }
    }
    const firstDay = list.find((m) => m.timestamp !== null)?.timestamp?.slice(0, 10) ?? fileDate;
    return { transcript: transcript(file, this.format, fm, firstDay, list), diagnostics };
  },
};
