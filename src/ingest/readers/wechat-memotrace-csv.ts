/**
 * `wechat-memotrace-csv`: the CSV export of WeChatMsg/MemoTrace (留痕), `<chat>_utf8.csv`:
 * a header `localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,
 * Remark,NickName,Sender`, then one record per message (fields quoted when they hold commas,
 * quotes or line breaks). `StrContent` of type-49 messages is `<msg><appmsg>` XML when the
 * database kept it there; a quote-reply (SubType 57) then carries its `<refermsg>`.
 *
 * Earlier WeChatMsg releases wrote the same table through pandas, with its row index as an
 * unnamed first column: `,localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,
 * StrTime` (no names: a message is 我 when `IsSender` is 1), and before that seven columns with
 * Chinese names, `,用户名,消息内容,发送时间,发送状态,消息类型,isSend,msgId`. Without a name
 * column, a group message received names its sender the way the phone database does, as a
 * `wxid_…:` line in front of the text.
 */
import type { Diagnostic, Message } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { error } from './common.js';
import { parseCsv } from './csv.js';
import { fileStem, findQuoted, head, newMessage, structuredTranscript, wallClock } from './structured.js';
import { linkText, parseAppMsg, wechatType } from './wechat.js';

const FORMAT = 'wechat-memotrace-csv';
const KIND_RULE = `reader/${FORMAT}-type`;
const COLUMNS = ['localId', 'TalkerId', 'Type', 'SubType', 'IsSender', 'CreateTime', 'Status', 'StrContent', 'StrTime', 'Remark', 'NickName', 'Sender'];
const REQUIRED = ['Type', 'StrContent', 'StrTime'];
/** The seven-column export's Chinese names for the same fields. */
const ALIASES: Record<string, string> = { 用户名: 'TalkerId', 消息内容: 'StrContent', 发送时间: 'StrTime', 发送状态: 'Status', 消息类型: 'Type', isSend: 'IsSender', msgId: 'localId' };
/** `wxid_abc123:\n` (or a chatroom member id) in front of a received group message. */
const SENDER_PREFIX = /^([A-Za-z][\w-]{4,}):\n/;
const HEADER_EXPECTED = `a header \`${COLUMNS.join(',')}\``;
const RECORD_EXPECTED = `${COLUMNS.length} comma-separated fields (${COLUMNS.join(',')})`;

function headerOf(line: string): string[] {
  return line.split(',').map((f) => canonical(f.trim().replace(/^"(.*)"$/, '$1')));
}

function canonical(name: string): string {
  return ALIASES[name] ?? name;
}

/** A system notice's text without the client's markup (`<![CDATA[…]]>`, the recall link). */
function systemText(s: string): string {
  return s
    .replace(/<!\[CDATA\[/g, '')
    .replace(/\]\]>/g, '')
    .replace(/<a [^>]*>[^<]*<\/a>/g, '')
    .replace(/<[^>]+>/g, '')
    .trim();
}

export const wechatMemotraceCsv: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (WeChatMsg/MemoTrace CSV: header \`localId,TalkerId,Type,SubType,IsSender,CreateTime,…\`)`,

  detect(text) {
    const first = head(text, 4096).split('\n').find((l) => l.trim() !== '');
    if (first === undefined) return 0;
    const cols = headerOf(first);
    if (COLUMNS.every((c, i) => cols[i] === c)) return 0.95;
    if (['IsSender', 'StrContent', 'StrTime', 'TalkerId'].every((c) => cols.includes(c))) return 0.9;
    if (['IsSender', 'StrContent', 'StrTime', 'Type'].every((c) => cols.includes(c))) return 0.85;
    return 0;
  },

  read(text, file): ReadResult {
    const diagnostics: Diagnostic[] = [];
    const { records, problems } = parseCsv(text);
    for (const p of problems) diagnostics.push(error(file, p.line, p.message, p.expected));
    const messages: Message[] = [];
    const title = fileStem(file, /_utf8$/);
    const done = (): ReadResult => ({ transcript: structuredTranscript(file, FORMAT, title, {}, messages), diagnostics });

    const header = records[0];
    if (!header) return done();
    const col = new Map(header.fields.map((f, i) => [canonical(f.trim()), i]));
    const named = ['Remark', 'NickName', 'Sender'].some((c) => col.has(c));
    const missing = REQUIRED.filter((c) => !col.has(c));
    if (missing.length > 0) {
      diagnostics.push(error(file, header.line, `header has no ${missing.map((c) => `\`${c}\``).join(', ')} column`, HEADER_EXPECTED));
      return done();
    }
    const get = (fields: string[], name: string): string => {
      const i = col.get(name);
      return i === undefined ? '' : (fields[i] ?? '');
    };

    for (const { fields, line } of records.slice(1)) {
      if (fields.length !== header.fields.length) {
        diagnostics.push(error(file, line, `record has ${fields.length} field(s), the header has ${header.fields.length}`, RECORD_EXPECTED));
        continue;
      }
      const typeText = get(fields, 'Type').trim();
      if (!/^\d+$/.test(typeText)) {
        diagnostics.push(error(file, line, `\`Type\` is \`${typeText}\`, not a number`, 'a WeChat message type (1 text, 3 image, 47 sticker, 49 app, 10000 system …)'));
        continue;
      }
      const strTime = get(fields, 'StrTime');
      const clock = wallClock(strTime);
      if (!clock) {
        diagnostics.push(error(file, line, `\`StrTime\` is \`${strTime}\`, not a date and time`, '`StrTime` as `YYYY-MM-DD HH:MM:SS`'));
        continue;
      }
      const type = Number(typeText);
      const subType = Number(get(fields, 'SubType').trim()) || 0;
      const { kind, label } = wechatType(type, subType);
      let content = get(fields, 'StrContent').replace(/\r\n?/g, '\n');
      const system = kind === 'system';
      let speaker = system ? '' : (get(fields, 'Remark') || get(fields, 'NickName') || get(fields, 'Sender')).trim();
      const localId = get(fields, 'localId').trim();
      const talker = get(fields, 'TalkerId').trim();
      let raw = content;
      if (!named && !system) {
        const prefix = SENDER_PREFIX.exec(content);
        if (get(fields, 'IsSender').trim() === '1') speaker = '我';
        else if (prefix) {
          speaker = prefix[1]!;
          content = content.slice(prefix[0].length);
          raw = content;
        } else speaker = get(fields, 'TalkerId').trim();
      }
      let quote: Message['quote'] = null;
      let platformReplyId: string | null = null;
      if (system) {
        raw = systemText(content);
      } else if (type === 49) {
        const app = parseAppMsg(content);
        if (subType === 57) {
          if (app) {
            raw = app.title;
            if (app.refer) {
              const who = app.refer.displayName;
              quote = { speaker: who, text: app.refer.content, messageId: findQuoted(messages, who, app.refer.content) };
              platformReplyId = app.refer.svrid;
            }
          } else {
            // some WeChatMsg builds flatten the quote into `reply<br/>引用：quoted`
            const cut = content.search(/<br\/?>\s*引用[:：]/);
            if (cut !== -1) {
              raw = content.slice(0, cut);
              const quoted = content.slice(cut).replace(/^<br\/?>\s*引用[:：]/, '');
              quote = { speaker: '', text: quoted, messageId: findQuoted(messages, '', quoted) };
            }
          }
        } else {
          raw = app ? linkText(app.title, app.url) || label : content.startsWith('<') ? label : content || label;
        }
      } else if (type !== 1 && (content === '' || content.trimStart().startsWith('<'))) {
        raw = label;
      }
      messages.push(
        newMessage(messages.length + 1, {
          line,
          time: clock.time,
          timestamp: clock.timestamp,
          speaker,
          raw,
          kind: kind ?? 'text',
          kindRule: kind ? KIND_RULE : null,
          quote,
          // local ids count per database file, not per chat: the chat's id keeps two exports apart
          platformId: localId === '' ? null : talker === '' ? localId : `${talker}:${localId}`,
          platformReplyId,
        }),
      );
    }
    return done();
  },
};
