/**
 * `wechat-memotrace-ai-txt`: the "AI" TXT of WeChatMsg/MemoTrace (留痕), `<chat>_chat.txt`,
 * written to train a chatbot on one's own replies. Per day a line `********************
 * YYYY-MM-DD********************`; then text messages only, without times, as speaker turns:
 * a turn opens on a line `Name:` when the sender side changes (me / the others) and each
 * message of it is its text followed by one space, on the same line. Phone numbers, e-mail
 * addresses and ids come masked (`[phone xxx]`).
 *
 * What the file cannot say, the transcript does not invent: messages have no time, and a
 * turn names only its first sender (and a day that opens on the same side as the day before
 * names none: that turn carries on), since the exporter tells "me" from "the others" and no
 * more. A turn is cut into messages where a space follows a sentence end or sits between
 * two Chinese characters (Chinese is written without spaces, so there the space is the
 * exporter's). Each day is a transcript of its own, `<file>#YYYY-MM-DD`, so every entry
 * keeps its day.
 */
import type { Diagnostic, Message, Transcript } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { calendarDate, headLines, isBlank, warning } from './common.js';
import { fileStem, newMessage } from './structured.js';

const FORMAT = 'wechat-memotrace-ai-txt';
const DAY = /^\*{20}(\d{4})-(\d{2})-(\d{2})\*{20}$/;
/** `林小雨-某某支付-产品-杭州:请问…`: a name without sentence punctuation, then `:`. */
const TURN = /^([^\s:：，。？！,?!][^:：，。？！,?!]{0,47}):(.*)$/;
const EXPECTED = 'a day line `********************YYYY-MM-DD********************`, then `Name:text` turns';
const CUT = /(?<=[。？！?!…~]) +(?=\S)|(?<=\p{Script=Han}) (?=\p{Script=Han})/u;

interface Turn {
  line: number;
  speaker: string;
  lines: string[];
}

export const wechatMemotraceAiTxt: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (WeChatMsg/MemoTrace AI TXT: \`****…YYYY-MM-DD…****\` day lines, then \`Name:text\` turns without times)`,

  detect(text) {
    const lines = headLines(text).filter((l) => !isBlank(l));
    const days = lines.filter((l) => DAY.test(l)).length;
    if (days === 0 || !DAY.test(lines[0] ?? '')) return 0;
    return lines.some((l) => TURN.test(l)) ? 0.95 : 0.5;
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const diagnostics: Diagnostic[] = [];
    const days: { date: string; line: number; turns: Turn[] }[] = [];
    let turn: Turn | null = null;
    let warned = false;
    let lastSpeaker = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.replace(/\s+$/, '');
      const n = i + 1;
      const day = DAY.exec(line);
      if (day) {
        const date = calendarDate(day[1]!, day[2]!, day[3]!);
        turn = null;
        if (date) days.push({ date, line: n, turns: [] });
        else diagnostics.push(warning(file, n, `no such day \`${line.replace(/\*/g, '')}\`; its messages are left out`, EXPECTED));
        continue;
      }
      const current = days.at(-1);
      if (!current) {
        if (!isBlank(line) && !warned) {
          diagnostics.push(warning(file, n, 'text before the first day line is ignored', EXPECTED));
          warned = true;
        }
        continue;
      }
      if (isBlank(line)) continue;
      const m = TURN.exec(line);
      // A new turn opens on a `Name:` line; a line without one carries on the turn (a message
      // of several lines, or the same side's first message of a new day).
      if (m && !/^https?$/i.test(m[1]!)) {
        turn = { line: n, speaker: m[1]!.trim(), lines: [m[2]!] };
        current.turns.push(turn);
      } else if (turn) {
        turn.lines.push(line);
      } else {
        // the exporter names a side only when it changes: a day opening without a name
        // carries on the last turn of the day before
        turn = { line: n, speaker: lastSpeaker, lines: [line] };
        current.turns.push(turn);
      }
      lastSpeaker = turn.speaker;
    }
    const transcripts: Transcript[] = days.map(({ date, turns }) => {
      const messages: Message[] = [];
      for (const t of turns) {
        for (const raw of t.lines.join('\n').trim().split(CUT)) {
          if (raw.trim() === '') continue;
          messages.push(newMessage(messages.length + 1, { line: t.line, time: '', timestamp: null, speaker: t.speaker, raw: raw.trim() }));
        }
      }
      return { file: `${file}#${date}`, format: FORMAT, date, title: fileStem(file, /_chat$/), meta: {}, encoding: 'utf-8', messages };
    });
    if (transcripts.length === 0) {
      return { transcript: { file, format: FORMAT, date: null, title: fileStem(file, /_chat$/), meta: {}, encoding: 'utf-8', messages: [] }, diagnostics };
    }
    const [first, ...more] = transcripts;
    return { transcript: first!, diagnostics, more };
  },
};
