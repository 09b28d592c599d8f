/**
 * `wechat-chatlog-json`: the JSON of sjzar/chatlog (`/api/v1/chatlog?format=json`), an array
 * of `{seq, time, talker, talkerName, isChatRoom, sender, senderName, isSelf, type, subType,
 * content, contents}`. `seq` is the message's id (timestamp + sequence). A quote-reply is
 * type 49 subType 57: `content` is the reply and `contents.refer` the quoted message
 * (`{seq, time, sender, senderName, type, content}`; chatlog leaves its `seq` 0, so the
 * quoted message is found by its time and sender).
 */
import type { Diagnostic, Message, Quote } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { error } from './common.js';
import { isRecord, readJsonRecords } from './json-scan.js';
import { findQuoted, head, newMessage, structuredTranscript, wallClock } from './structured.js';
import { linkText, wechatType } from './wechat.js';

const FORMAT = 'wechat-chatlog-json';
const KIND_RULE = `reader/${FORMAT}-type`;
const EXPECTED = 'a chatlog message `{"seq": …, "time": "YYYY-MM-DDTHH:MM:SS+08:00", "sender": …, "type": 1, "content": …}`';

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function idOf(v: unknown): string | null {
  if (typeof v === 'number' && v !== 0) return String(v);
  if (typeof v === 'string' && v.trim() !== '' && v.trim() !== '0') return v.trim();
  return null;
}

function epoch(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

export const wechatChatlogJson: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (sjzar/chatlog JSON: an array of \`{seq, time, talker, sender, senderName, type, content}\`)`,

  detect(text) {
    const h = head(text);
    if (!/^\s*\[/.test(h)) return 0;
    const seq = /"seq"\s*:/.test(h);
    const talker = /"talker"\s*:/.test(h);
    if (!seq || !talker) return 0;
    return /"(?:senderName|isChatRoom|isSelf)"\s*:/.test(h) ? 0.95 : 0.8;
  },

  read(text, file): ReadResult {
    const { records, diagnostics: found } = readJsonRecords(text, file, null, EXPECTED);
    const diagnostics: Diagnostic[] = [...found];
    const messages: Message[] = [];
    /** Epoch second and sender id of each message, for finding quoted messages. */
    const keys: { at: number | null; sender: string }[] = [];
    let title: string | null = null;
    const meta: Record<string, unknown> = {};

    for (const { value: r, line } of records) {
      const clock = typeof r['time'] === 'string' ? wallClock(r['time']) : null;
      if (!clock) {
        diagnostics.push(error(file, line, `message has no valid \`time\` (${JSON.stringify(r['time'] ?? null)})`, EXPECTED));
        continue;
      }
      if (typeof r['type'] !== 'number') {
        diagnostics.push(error(file, line, 'message has no numeric `type`', EXPECTED));
        continue;
      }
      if (title === null && (r['talkerName'] || r['talker'])) {
        title = str(r['talkerName']) || str(r['talker']);
        meta['talker'] = str(r['talker']);
        if (typeof r['isChatRoom'] === 'boolean') meta['isChatRoom'] = r['isChatRoom'];
      }
      const type = r['type'];
      const subType = typeof r['subType'] === 'number' ? r['subType'] : 0;
      const { kind, label } = wechatType(type, subType);
      const contents = isRecord(r['contents']) ? r['contents'] : {};
      const content = str(r['content']);
      const system = kind === 'system';
      const speaker = system ? '' : str(r['senderName']) || (r['isSelf'] === true ? '我' : '') || str(r['sender']);
      let raw = content;
      let quote: Quote | null = null;
      let platformReplyId: string | null = null;
      if (type === 49 && subType === 57) {
        const refer = isRecord(contents['refer']) ? contents['refer'] : null;
        if (refer) {
          const who = str(refer['senderName']) || str(refer['sender']);
          const referType = typeof refer['type'] === 'number' ? refer['type'] : 1;
          const quoted = str(refer['content']) || wechatType(referType, 0).label;
          const target = findReferred(refer, messages, keys) ?? findQuoted(messages, who, quoted);
          const targetMessage = target ? messages.find((m) => m.id === target) : undefined;
          quote = { speaker: who, text: quoted, messageId: target };
          platformReplyId = targetMessage?.platformId ?? idOf(refer['seq']) ?? idOf(refer['svrid']);
        }
      } else if (type === 49 && kind === 'link') {
        raw = linkText(str(contents['title']), str(contents['url'])) || content || label;
      } else if (type === 49 && kind === 'file') {
        raw = str(contents['title']) || content || label;
      } else if (raw === '') {
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
          platformId: idOf(r['seq']),
          platformReplyId,
        }),
      );
      keys.push({ at: epoch(r['time']), sender: str(r['sender']) });
    }
    return { transcript: structuredTranscript(file, FORMAT, title, meta, messages), diagnostics };
  },
};

/** The quoted message by its id, else by its creation second and sender. */
function findReferred(refer: Record<string, unknown>, messages: Message[], keys: { at: number | null; sender: string }[]): string | null {
  const id = idOf(refer['seq']) ?? idOf(refer['svrid']);
  if (id !== null) {
    const m = messages.find((x) => x.platformId === id);
    if (m) return m.id;
  }
  const at = epoch(refer['time']);
  if (at === null) return null;
  const sender = str(refer['sender']);
  const name = str(refer['senderName']);
  for (let i = messages.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    if (k.at !== at) continue;
    if ((sender !== '' && k.sender === sender) || (name !== '' && messages[i]!.speaker === name)) return messages[i]!.id;
  }
  return null;
}
