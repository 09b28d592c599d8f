/**
 * `cocolian-anon`: anonymised day logs, one message per line and no speaker:
 * `H:MM:SS<TAB>text`, `HH:MM:SS  text`, either possibly indented. A line without a time
 * continues the message before it.
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

const LINE = /^[ \t]*(\d{1,2}):(\d{2}):(\d{2})(?:[ \t]+(.*))?$/;

const EXPECTED = '`HH:MM:SS  text` or `H:MM:SS<TAB>text`';

export const cocolianAnon: Reader = {
  format: 'cocolian-anon',
  describe: 'cocolian-anon (one message per line: `HH:MM:SS  text` or `H:MM:SS<TAB>text`, no speaker)',

  detect(text) {
    const lines = headLines(text);
    const { start, front } = skipFrontMatter(lines);
    let timed = 0;
    let other = 0;
    let startsTimed: boolean | null = null;
    for (let i = start; i < lines.length && timed + other < 400; i++) {
      const line = lines[i]!;
      if (/^>[ \t]*\d/.test(line)) return 0; // cocolian-source headers
      if (LINE.test(line)) timed++;
      else if (!isBlank(line)) other++;
      else continue;
      startsTimed ??= timed === 1;
    }
    if (timed === 0) return 0;
    // Curated write-ups paste a chat log under their summary; an anon day starts with its
    // first message.
    if (!startsTimed) return 0.3;
    const share = timed / (timed + other);
    if (share < 0.5) return share * 0.6;
    // capped below 0.95 so a reader for a format with speakers (IRC `12:00:01 <nick>`) can win
    return 0.4 + 0.4 * share + (front.length > 0 ? 0.1 : 0);
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const fm = readFrontMatter(lines, file, (l) => LINE.test(l));
    const diagnostics: Diagnostic[] = [...fm.diagnostics];
    const date = transcriptDate(fm, file, diagnostics);
    const messages = new MessageCollector();
    for (let i = fm.bodyStart; i < lines.length; i++) {
      const line = lines[i]!;
      const n = i + 1;
      const m = LINE.exec(line);
      if (m) {
        const time = clockTime(m[1]!, m[2]!, m[3]!);
        if (time) {
          messages.open(n, time, date ? `${date}T${time}` : null, '', m[4] ?? '');
        } else {
          diagnostics.push(error(file, n, `message line has an invalid time \`${m[1]}:${m[2]}:${m[3]}\``, EXPECTED));
          messages.skip();
        }
        continue;
      }
      messages.bodyLine(line, n, file, diagnostics, 'message line', EXPECTED);
    }
    return { transcript: transcript(file, this.format, fm, date, messages.finish()), diagnostics };
  },
};
