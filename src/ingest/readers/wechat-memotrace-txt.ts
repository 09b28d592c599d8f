/**
 * `wechat-memotrace-txt`: the TXT export of WeChatMsg/MemoTrace (留痕), as its `TxtExporter`
 * writes it: per message a header `YYYY-MM-DD HH:MM:SS Name`, the body, a blank line.
 * Media are the exporter's labels (`[图片]`, `[表情包]`, `[语音]`, `[视频]`, `[文件]`,
 * `[链接]:title:…`); a quote-reply is the reply, then `引用:Name:quoted text` (`引用:未知` when
 * the quoted message was not found); a system notice (joins, recalls) is a header line
 * `YYYY-MM-DD HH:MM:SS notice` with no body, which is how it is told from a message.
 */
import type { Diagnostic, Message, MessageKind } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { calendarDate, clockTime, error, headLines, isBlank, warning } from './common.js';
import { fileStem, findQuoted, newMessage, structuredTranscript, trimBody } from './structured.js';

const FORMAT = 'wechat-memotrace-txt';
const KIND_RULE = `reader/${FORMAT}-type`;
const HEADER = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: (.*))?$/;
/** Meant as a header (after a blank line), even when it does not parse. */
const HEADER_LIKE = /^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{1,2}/;
const QUOTE_LINE = /^引用[:：]/;
const EXPECTED = '`YYYY-MM-DD HH:MM:SS Name` after a blank line';

/** The exporter's one-line labels for messages without text. */
const LABELS: [RegExp, MessageKind][] = [
  [/^\[图片\]$/, 'image'],
  [/^\[表情包\]$/, 'sticker'],
  [/^\[语音\]$/, 'voice'],
  [/^\[视频\]$/, 'video'],
  [/^\[文件\]$/, 'file'],
  [/^\[(?:链接|音乐分享)\]/, 'link'],
];

interface Open {
  line: number;
  date: string;
  time: string;
  rest: string;
  body: string[];
}

export const wechatMemotraceTxt: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (WeChatMsg/MemoTrace TXT: \`YYYY-MM-DD HH:MM:SS Name\`, the text, a blank line)`,

  detect(text) {
    const lines = headLines(text);
    let headers = 0;
    let other = 0;
    let firstIsHeader: boolean | null = null;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (isBlank(line)) continue;
      const isHeader = HEADER.test(line) && (i === 0 || isBlank(lines[i - 1]!));
      firstIsHeader ??= isHeader;
      if (isHeader) headers++;
      else other++;
    }
    if (headers === 0 || !firstIsHeader) return 0;
    const share = headers / (headers + other);
    // bodies are mostly one line: a header for every two or three lines; a header after a
    // blank line, again and again, is this layout even when bodies run long
    if (share >= 0.2) return 0.85;
    return headers >= 3 ? 0.6 : 0.3;
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const diagnostics: Diagnostic[] = [];
    const messages: Message[] = [];
    let open: Open | null = null;
    let skipping = false;
    let warned = false;

    const close = () => {
      if (!open) return;
      const o = open;
      open = null;
      messages.push(toMessage(o, messages));
    };

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const n = i + 1;
      const atStart = i === 0 || isBlank(lines[i - 1]!);
      if (atStart && HEADER_LIKE.test(line)) {
        const m = HEADER.exec(line);
        const date = m ? calendarDate(m[1]!, m[2]!, m[3]!) : null;
        const time = m ? clockTime(m[4]!, m[5]!, m[6]!) : null;
        close();
        if (m && date && time) {
          open = { line: n, date, time, rest: (m[7] ?? '').trimEnd(), body: [] };
          skipping = false;
        } else {
          diagnostics.push(error(file, n, `malformed message header \`${line.slice(0, 40)}\``, EXPECTED));
          skipping = true;
        }
        continue;
      }
      if (open) open.body.push(line);
      else if (!skipping && !warned && !isBlank(line)) {
        diagnostics.push(warning(file, n, 'text before the first message header is ignored', EXPECTED));
        warned = true;
      }
    }
    close();
    return { transcript: structuredTranscript(file, FORMAT, fileStem(file), {}, messages), diagnostics };
  },
};

function toMessage(o: Open, earlier: Message[]): Message {
  const position = earlier.length + 1;
  const base = { line: o.line, time: o.time, timestamp: `${o.date}T${o.time}` };
  const body = trimBody(o.body.join('\n'));
  if (body === '') {
    // only system notices are written without a body
    return newMessage(position, { ...base, raw: o.rest, kind: 'system', kindRule: KIND_RULE });
  }
  const bodyLines = body.split('\n');
  let q = -1;
  for (let k = bodyLines.length - 1; k > 0; k--) {
    if (QUOTE_LINE.test(bodyLines[k]!)) {
      q = k;
      break;
    }
  }
  if (q !== -1) {
    const raw = bodyLines.slice(0, q).join('\n');
    const quoted = [bodyLines[q]!.replace(QUOTE_LINE, ''), ...bodyLines.slice(q + 1)].join('\n');
    const sep = quoted.search(/[:：]/);
    const quote =
      sep === -1
        ? null // `引用:未知`: the exporter did not find the quoted message
        : { speaker: quoted.slice(0, sep), text: quoted.slice(sep + 1), messageId: null as string | null };
    if (quote) quote.messageId = findQuoted(earlier, quote.speaker, quote.text);
    return newMessage(position, { ...base, speaker: o.rest, raw, quote });
  }
  const label = LABELS.find(([re]) => re.test(bodyLines[0]!.trim()));
  const kind = label && (bodyLines.length === 1 || label[1] === 'link') ? label[1] : null;
  const raw = kind === 'link' ? bodyLines.map((l) => l.trim()).join('\n') : body;
  return newMessage(position, { ...base, speaker: o.rest, raw, kind: kind ?? 'text', kindRule: kind ? KIND_RULE : null });
}
