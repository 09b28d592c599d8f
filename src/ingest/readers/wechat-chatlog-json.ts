/**
 * `wechat-chatlog-json`: the JSON of sjzar/chatlog (`/api/v1/chatlog?format=json`), an array
 * of `{seq, time, talker, talkerName, isChatRoom, sender, senderName, isSelf, type, subType,
 * content, contents}`. `seq` is the message's id (timestamp + sequence). A quote-reply is
 * type 49 subType 57: `content` is the reply and `contents.refer` the quoted message
 * (`{seq, time, sender, senderName, type, content}`; chatlog leaves its `seq` 0, so the
 * quoted message is found by its time and sender).
 *
 * chatlog's webhook posts the new messages wrapped: `{"keyword": …, "lastTime": "YYYY-MM-DD
 * HH:MM:SS", "length": n, "messages": [ … ], "sender": …, "talker": …}`, compact, one body
 * per request. A receiver that saves the bodies gives a file of one such object, or one per
 * line (JSON Lines); either is read, each message once (by its `seq`).
 */
import type { Diagnostic, Message, Quote } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { error } from './common.js';
import { isRecord, readJsonRecords, type JsonRecord } from './json-scan.js';
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
  describe: `${FORMAT} (sjzar/chatlog JSON: an array of \`{seq, time, talker, sender, senderName, type, content}\`, or its webhook bodies \`{keyword, lastTime, length, messages: [ … ]}\`)`,

  detect(text) {
    const h = head(text);
    if (/^\s*\{/.test(h)) {
      // the webhook's wrapper: Go writes its keys in order, the messages after `length`
      return /^\s*\{\s*"keyword"\s*:[^\n]*"lastTime"\s*:[^\n]*"messages"\s*:\s*\[\s*(?:\]|\{\s*"seq"\s*:)/.test(h) ? 0.95 : 0;
    }
    if (!/^\s*\[/.test(h)) return 0;
    const seq = /"seq"\s*:/.test(h);
    const talker = /"talker"\s*:/.test(h);
    if (!seq || !talker) return 0;
    return /"(?:senderName|isChatRoom|isSelf)"\s*:/.test(h) ? 0.95 : 0.8;
  },

  read(text, file): ReadResult {
    const { records, diagnostics: found } = /^\s*\{/.test(text) ? webhookRecords(text, file) : readJsonRecords(text, file, null, EXPECTED);
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

function isWholeObject(line: string): boolean {
  try {
    return isRecord(JSON.parse(line));
  } catch {
    return false;
  }
}

/**
 * The messages of saved webhook bodies: one wrapper object, or one per line. Bodies are
 * compact JSON, so a message's line is its body's; a message two bodies both carry is read once.
 */
function webhookRecords(text: string, file: string): { records: JsonRecord[]; diagnostics: Diagnostic[] } {
  const expected = 'a chatlog webhook body `{"keyword": …, "lastTime": …, "length": …, "messages": [ … ]}`';
  const lines = text.split('\n');
  const bodies = lines.filter((l) => l.trim() !== '');
  if (bodies.length <= 1 || !isWholeObject(bodies[0]!)) {
    const one = readJsonRecords(text, file, 'messages', expected);
    return { records: one.records, diagnostics: one.diagnostics };
  }
  const records: JsonRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    let body: unknown;
    try {
      body = JSON.parse(l);
    } catch (e) {
      diagnostics.push(error(file, i + 1, `webhook body is not valid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, expected));
      return;
    }
    const messages = isRecord(body) ? body['messages'] : undefined;
    if (!Array.isArray(messages)) {
      diagnostics.push(error(file, i + 1, 'webhook body has no `messages` array', expected));
      return;
    }
    for (const m of messages) {
      if (!isRecord(m)) {
        diagnostics.push(error(file, i + 1, 'a message of the webhook body is not a JSON object', EXPECTED));
        continue;
      }
      const seq = idOf(m['seq']);
      if (seq !== null) {
        if (seen.has(seq)) continue;
        seen.add(seq);
      }
      records.push({ value: m, line: i + 1 });
    }
  });
  return { records, diagnostics };
}

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
