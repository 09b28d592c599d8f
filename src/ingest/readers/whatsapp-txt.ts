/**
 * `whatsapp-txt`: WhatsApp's "Export chat" text. Two layouts:
 *   iOS      `[12/03/2024, 09:15:02] Name: text`  (bracketed, seconds)
 *   Android  `12/03/2024, 09:15 - Name: text`     (dash, no seconds)
 * with the phone's date order (`D/M/Y`, `M/D/YY`, `Y/M/D`, separators `/ . -`) and clock
 * (`21:05`, `9:05 PM` often with a narrow no-break space before `PM`, `9:05 p. m.`, or the
 * half-day word before the hour: `下午9:05`, `오후 9:05`; Korean dates are `2024. 3. 12.`). A line without a
 * header continues the message before it. A header without `Name: ` is a system line
 * (created group, added, left, security notices); so is an iOS line whose text starts with
 * U+200E and is no media. Media without the file: `<Media omitted>`, `image omitted` …,
 * and the same in the phone's language (`<Medien ausgeschlossen>`, `<Multimedia omitido>`,
 * `<附件：…-PHOTO-….jpg>`), which would otherwise stay as text.
 */
import type { Diagnostic, Message, MessageKind } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { calendarDate, clockTime, error, headLines, isBlank, warning } from './common.js';
import { fileStem, newMessage, structuredTranscript, trimBody, type MessageInit } from './structured.js';

const FORMAT = 'whatsapp-txt';
const KIND_RULE = `reader/${FORMAT}-type`;

/** `12/03/2024`, `3.12.24`, `2024-03-12`, Korean `2024. 3. 12.` */
const DATE = String.raw`(\d{1,4})[/.-] ?(\d{1,2})[/.-] ?(\d{1,4})\.?`;
/** `09:15`, `9:15:02 PM`, `9:15 p. m.`, and the Chinese and Korean half-day words before the hour. */
const TIME = String.raw`(?:(上午|下午|凌晨|早上|中午|晚上|오전|오후)[ \u202f\u00a0]?)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[ \u202f\u00a0]?([AaPp])\.?[ \u202f\u00a0]?[Mm]\.?)?`;
const IOS = new RegExp(String.raw`^\u200e?\[${DATE},?[ \u202f\u00a0]${TIME}\][ \u202f\u00a0](.*)$`);
const ANDROID = new RegExp(String.raw`^\u200e?${DATE},?[ \u202f\u00a0]${TIME}[ \u202f\u00a0]-[ \u202f\u00a0](.*)$`);
/** Meant as a header even when it does not parse. */
const HEADER_LIKE = /^\u200e?\[?\d{1,4}[/.-] ?\d{1,2}[/.-] ?\d{1,4}\.?,?[ \u202f\u00a0](?:\S{2}[ \u202f\u00a0]?)?\d{1,2}[:.]\d{2}/;
/** `Name: text`; a name with quotes is a system line's text (`changed the subject to "a: b"`). */
const SPEAKER = /^([^:"“”\n]{1,80}?): ([\s\S]*)$/;
const EXPECTED = '`[DD/MM/YYYY, HH:MM:SS] Name: text` or `DD/MM/YYYY, HH:MM - Name: text`';

/** "attached" in the languages phones export in, before an attachment's file name. */
const ATTACHED = String.raw`(?:attached|附件|附檔|Anhang|adjunto|anexo|allegato|bijlage|pièce jointe)\s*[:：]\s*`;
const attached = (kind: string) => new RegExp(String.raw`^<${ATTACHED}[^>]*-${kind}-[^>]*>$`, 'i');

const MEDIA: [RegExp, MessageKind][] = [
  [/^<Media omitted>$/i, 'image'],
  // Android's placeholder for media left out, localized.
  [/^<(?:Medien ausgeschlossen|Multimedia omitido|Médias omis|Media omessi|Media weggelaten|Mídia oculta|Arquivo de mídia oculto|省略影音内容|媒体已省略)>$/i, 'image'],
  [/^image omitted$/i, 'image'],
  [/^sticker omitted$/i, 'sticker'],
  [/^GIF omitted$/i, 'sticker'],
  [/^video omitted$/i, 'video'],
  [/^audio omitted$/i, 'voice'],
  [/document omitted$/i, 'file'],
  [attached('PHOTO'), 'image'],
  [attached('STICKER'), 'sticker'],
  [attached('(?:VIDEO|GIF)'), 'video'],
  [attached('AUDIO'), 'voice'],
  [new RegExp(String.raw`^<${ATTACHED}[^>]*>$`, 'i'), 'file'],
  [/^IMG-\d{8}-WA\d+\.\w+ \(file attached\)$/i, 'image'],
  [/^STK-\d{8}-WA\d+\.\w+ \(file attached\)$/i, 'sticker'],
  [/^.+ \(file attached\)$/i, 'file'],
];

interface Header {
  a: string;
  b: string;
  c: string;
  h: string;
  m: string;
  s: string | undefined;
  ampm: string | undefined;
  /** 上午/下午 …, 오전/오후 before the hour. */
  halfDay: string | undefined;
  rest: string;
}

const MORNING = new Set(['上午', '凌晨', '早上', '오전']);

function header(line: string): Header | null {
  const m = IOS.exec(line) ?? ANDROID.exec(line);
  if (!m) return null;
  return { a: m[1]!, b: m[2]!, c: m[3]!, halfDay: m[4], h: m[5]!, m: m[6]!, s: m[7], ampm: m[8], rest: m[9]! };
}

type Order = 'dmy' | 'mdy' | 'ymd';

/** The phone's date order, from the dates themselves: a day above 12 settles it. */
function dateOrder(headers: Header[]): Order {
  if (headers.some((x) => x.a.length === 4)) return 'ymd';
  if (headers.some((x) => Number(x.a) > 12)) return 'dmy';
  if (headers.some((x) => Number(x.b) > 12)) return 'mdy';
  // all days ≤ 12: US phones (`9:15 PM`) write M/D; most others D/M, including the 12-hour
  // clocks of Spain, India and Australia (`p. m.`, `pm`)
  return headers.some((x) => x.ampm !== undefined && x.ampm === x.ampm.toUpperCase()) ? 'mdy' : 'dmy';
}

function dateOf(x: Header, order: Order): string | null {
  const year = (y: string) => (y.length <= 2 ? String(2000 + Number(y)) : y);
  if (order === 'ymd') return calendarDate(x.a, x.b, x.c);
  if (order === 'dmy') return calendarDate(year(x.c), x.b, x.a);
  return calendarDate(year(x.c), x.a, x.b);
}

function timeOf(x: Header): string | null {
  let h = Number(x.h);
  if (x.halfDay !== undefined) {
    if (h > 12) return clockTime(String(h), x.m, x.s ?? '0');
    if (x.halfDay === '中午') h = h >= 11 ? h : h + 12;
    else h = (h % 12) + (MORNING.has(x.halfDay) ? 0 : 12);
  } else if (x.ampm !== undefined) {
    if (h < 1 || h > 12) return null;
    const pm = x.ampm.toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  return clockTime(String(h), x.m, x.s ?? '0');
}

export const whatsappTxt: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (WhatsApp export: ${EXPECTED})`,

  detect(text) {
    const lines = headLines(text);
    let headers = 0;
    let other = 0;
    let firstIsHeader: boolean | null = null;
    for (const line of lines) {
      if (isBlank(line)) continue;
      const isHeader = header(line) !== null;
      firstIsHeader ??= isHeader;
      if (isHeader) headers++;
      else other++;
    }
    if (headers === 0 || !firstIsHeader) return 0;
    return headers / (headers + other) >= 0.3 ? 0.9 : 0.4;
  },

  read(text, file): ReadResult {
    const lines = text.split('\n');
    const diagnostics: Diagnostic[] = [];
    const parsed = lines.map(header);
    const order = dateOrder(parsed.filter((x): x is Header => x !== null));
    const messages: Message[] = [];
    let open: { init: Omit<MessageInit, 'raw'>; body: string[] } | null = null;
    let skipping = false;
    let warned = false;

    const close = () => {
      if (!open) return;
      const o = open;
      open = null;
      messages.push(finish(messages.length + 1, o.init, o.body));
    };

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const n = i + 1;
      const x = parsed[i];
      if (x) {
        close();
        const date = dateOf(x, order);
        const time = timeOf(x);
        if (!date || !time) {
          diagnostics.push(error(file, n, `message header has an invalid ${date ? 'time' : 'date'}`, EXPECTED));
          skipping = true;
          continue;
        }
        skipping = false;
        const ios = line.replace(/^\u200e/, '').startsWith('[');
        const who = SPEAKER.exec(x.rest);
        const base = { line: n, time, timestamp: `${date}T${time}` };
        // iOS writes its notices under the group's name, the text led by U+200E
        const iosNotice = ios && who !== null && who[2]!.startsWith('\u200e') && !isMedia(who[2]!);
        if (who && !iosNotice) {
          open = { init: { ...base, speaker: who[1]!.replace(/^\u200e/, '').trim() }, body: [who[2]!] };
        } else {
          const body = who ? who[2]! : x.rest;
          open = { init: { ...base, kind: 'system', kindRule: KIND_RULE }, body: [body] };
        }
        continue;
      }
      if (HEADER_LIKE.test(line)) {
        close();
        diagnostics.push(error(file, n, 'malformed message header', EXPECTED));
        skipping = true;
        continue;
      }
      if (open) open.body.push(line);
      else if (!skipping && !warned && !isBlank(line)) {
        diagnostics.push(warning(file, n, 'text before the first message header is ignored', EXPECTED));
        warned = true;
      }
    }
    close();
    const chat = /^WhatsApp Chat (?:with|-) (.+)$/i.exec(fileStem(file));
    return { transcript: structuredTranscript(file, FORMAT, chat ? chat[1]! : null, { dateOrder: order }, messages), diagnostics };
  },
};

function isMedia(body: string): boolean {
  return mediaKind(body) !== null;
}

function mediaKind(body: string): MessageKind | null {
  const t = body.replace(/[\u200e\u200f]/g, '').trim();
  return MEDIA.find(([re]) => re.test(t))?.[1] ?? null;
}

function finish(position: number, init: Omit<MessageInit, 'raw'>, body: string[]): Message {
  const raw = trimBody(body.join('\n').replace(/^\u200e/, ''));
  if (init.kind === 'system') return newMessage(position, { ...init, raw });
  const kind = raw.includes('\n') ? null : mediaKind(raw);
  return newMessage(position, { ...init, raw: kind ? raw.replace(/[\u200e\u200f]/g, '') : raw, kind: kind ?? 'text', kindRule: kind ? KIND_RULE : null });
}
