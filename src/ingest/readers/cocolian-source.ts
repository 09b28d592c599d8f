/**
 * `cocolian-source`: one group's day as published on doc.cocolian.cn. Jekyll front matter,
 * then a header `> HH:MM:SS  Display name  ` per message, a line of spaces, the body.
 */
import type { Diagnostic } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import {
  clockTime,
  error,
  headLines,
  isBlank,
  MessageCollector,
  readFrontMatter,
  skipFrontMatter,
  transcript,
  transcriptDate,
} from './common.js';

export const SOURCE_HEADER = /^>[ \t]*(\d{1,2}):(\d{2}):(\d{2})(?:[ \t]+(.*))?$/;
/** A line meant as a header, even when it does not parse (`> 9:3  Name`). */
export const HEADER_LIKE = /^>[ \t]*\d{1,4}[:：-]/;
/** Markers of the many-days variant; the merged reader takes those files. */
export const DATED_HEADER = /^>[ \t]*\d{4}-\d{1,2}-\d{1,2}[ \t]+\d{1,2}:\d{2}:\d{2}/;
export const DAY_HEADING = /^##[ \t]+\d{4}-\d{1,2}-\d{1,2}[ \t]*$/;

const EXPECTED = '`> HH:MM:SS  Speaker`';

export const cocolianSource: Reader = {
  format: 'cocolian-source',
  describe: 'cocolian-source (Jekyll front matter, then `> HH:MM:SS  Speaker` headers)',

  detect(text, file) {
    const lines = headLines(text);
    const { start, front } = skipFrontMatter(lines);
    let headers = 0;
    let other = 0;
    for (let i = start; i < lines.length; i++) {
      const line = lines[i]!;
      if (DATED_HEADER.test(line) || DAY_HEADING.test(line)) return 0.3;
      if (SOURCE_HEADER.test(line)) headers++;
      else if (!isBlank(line)) other++;
    }
    const layoutSource = front.some((l) => /^layout\s*:\s*source\s*$/.test(l));
    // a day with no messages is still a day: the corpus has front-matter-only files
    if (headers === 0) return layoutSource && other === 0 ? 0.6 : 0;
    if (front.some((l) => /^tag\s*:.*\bmerged\b/.test(l)) || /merged/i.test(file)) return 0.3;
    // bodies are usually one line per header; a file of prose with one stray `>` line is not a transcript
    const share = headers / (headers + other);
    let score = share >= 0.2 ? 0.7 : 0.3 + share * 2;
    if (layoutSource) score += 0.2;
    return Math.min(score, 0.9);
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const fm = readFrontMatter(lines, file, (l) => HEADER_LIKE.test(l));
    const diagnostics: Diagnostic[] = [...fm.diagnostics];
    const date = transcriptDate(fm, file, diagnostics);
    const messages = new MessageCollector();
    for (let i = fm.bodyStart; i < lines.length; i++) {
      const line = lines[i]!;
      const n = i + 1;
      if (line.charCodeAt(0) === 0x3e /* > */) {
        const m = SOURCE_HEADER.exec(line);
        if (m) {
          const time = clockTime(m[1]!, m[2]!, m[3]!);
          if (time) {
            messages.open(n, time, date ? `${date}T${time}` : null, (m[4] ?? '').trimEnd());
          } else {
            diagnostics.push(error(file, n, `message header has an invalid time \`${m[1]}:${m[2]}:${m[3]}\``, EXPECTED));
            messages.skip();
          }
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
    return { transcript: transcript(file, this.format, fm, date, messages.finish()), diagnostics };
  },
};
