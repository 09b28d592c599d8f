/**
 * `telegram-json`: a single chat exported by Telegram Desktop as JSON (`result.json`):
 * `{name, type, id, messages: [{id, type: "message" | "service", date, from, from_id, text,
 * reply_to_message_id, photo, media_type, sticker_emoji, file, actor, action, members, …}]}`.
 * `text` is a string or an array of strings and entity objects `{type, text}`; `date` is
 * local time. Service messages (joins, pins, title changes) are the chat's system lines.
 * Some exports give only `date_unixtime` (epoch seconds): read in UTC, as the export says
 * nothing of the zone. A forwarded message keeps its origin (`forwarded_from`) in front of
 * its text, so nobody reads a forwarded news item as the sender's own words.
 *
 * "Export Telegram data" writes the whole account instead: `{about, personal_information,
 * contacts, …, chats: {about, list: [chat, …]}, left_chats: {about, list}}`, each chat in the
 * single-chat shape. Each becomes its own transcript, `result.json#chat-<id>`.
 */
import type { Diagnostic, Message, MessageKind, Transcript } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { error } from './common.js';
import { isRecord, memberValue, readArrayRecords, readJsonRecords, scanArray, scanObject, scanTop, type JsonMember, type JsonRecord } from './json-scan.js';
import { epochClock, head, lineAt, lineStarts, newMessage, quoteReplies, structuredTranscript, wallClock } from './structured.js';

const FORMAT = 'telegram-json';
const KIND_RULE = `reader/${FORMAT}-type`;
const EXPECTED = 'a Telegram message `{"id": 1, "type": "message", "date": "YYYY-MM-DDTHH:MM:SS", "from": …, "text": …}`';
const EXPORT_EXPECTED = 'a Telegram Desktop chat export `{"name": …, "type": …, "id": …, "messages": [ … ]}` or account export `{"about": …, "chats": {"list": [ … ]}}`';

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** `text` as shown: plain strings and the text of each entity (bold, link, mention …). */
export function flattenText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return null;
  return v.map((part) => (typeof part === 'string' ? part : isRecord(part) ? str(part['text']) : '')).join('');
}

/** The kind a media message carries, when it has no caption. */
function mediaKind(r: Record<string, unknown>): MessageKind | null {
  const media = str(r['media_type']);
  if (r['photo'] !== undefined) return 'image';
  if (media === 'sticker') return 'sticker';
  if (media === 'voice_message' || media === 'audio_file') return 'voice';
  if (media === 'video_file' || media === 'video_message' || media === 'animation') return 'video';
  if (r['file'] !== undefined) return 'file';
  return null;
}

/** `林小雨 invited 赵一鸣` from `{actor, action: "invite_members", members}`. */
function serviceText(r: Record<string, unknown>): string {
  const actor = str(r['actor']);
  const action = str(r['action']).replace(/_/g, ' ');
  const members = Array.isArray(r['members']) ? r['members'].map(str).filter((s) => s !== '') : [];
  const title = str(r['title']);
  let s = [actor, action].filter((x) => x !== '').join(' ');
  if (members.length > 0) s += `: ${members.join(', ')}`;
  if (title !== '') s += ` "${title}"`;
  return s;
}

export const telegramJson: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (Telegram Desktop \`result.json\`: one chat \`{name, type, id, messages: [{id, type, date, from, text}]}\` or the whole account \`{about, chats: {list: [chat, …]}}\`)`,

  detect(text) {
    const h = head(text);
    if (!/^\s*\{/.test(h)) return 0;
    // A whole-account export opens with its `about` and the account's details; the chats
    // may start far beyond the head, after the contacts.
    if (/^\s*\{\s*"about"\s*:/.test(h) && /"(?:personal_information|chats|left_chats|frequent_contacts)"\s*:\s*\{/.test(h)) return 0.9;
    if (/"chats"\s*:\s*\{\s*"about"\s*:[^\n]*\n?\s*"list"\s*:\s*\[/.test(h)) return 0.9;
    if (!/"messages"\s*:\s*\[/.test(h)) return 0;
    const dated = /"date"\s*:\s*"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"/.test(h);
    const typed = /"type"\s*:\s*"(?:message|service)"/.test(h);
    if (dated && typed) return 0.95;
    return dated || /"from_id"\s*:/.test(h) ? 0.7 : 0;
  },

  read(text, file): ReadResult {
    const top = scanTop(text);
    const chats = top.kind === 'object' ? accountChats(text, top.members) : null;
    if (chats === null) {
      const { records, members, diagnostics } = readJsonRecords(text, file, 'messages', EXPORT_EXPECTED);
      const chat = (key: string) => memberValue(text, members, key);
      return { transcript: readChat(records, file, chat, diagnostics), diagnostics };
    }
    // A whole-account export: each chat of `chats.list` (and `left_chats.list`) is a transcript.
    const starts = lineStarts(text);
    const lineOf = (offset: number) => lineAt(starts, offset);
    const diagnostics: Diagnostic[] = [];
    const transcripts: Transcript[] = [];
    chats.forEach(({ start, members }, i) => {
      const chat = (key: string) => memberValue(text, members, key);
      const id = str(chat('id'));
      const part = `${file}#chat-${id !== '' ? id : String(i + 1)}`;
      const messagesAt = members.find((m) => m.key === 'messages');
      if (!messagesAt || text[messagesAt.start] !== '[') {
        diagnostics.push(error(file, lineOf(messagesAt?.start ?? start), `chat ${i + 1} of the account export has no \`messages\` array`, EXPORT_EXPECTED));
        return;
      }
      const read = readArrayRecords(text, file, messagesAt.start, EXPECTED, lineOf);
      diagnostics.push(...read.diagnostics);
      transcripts.push(readChat(read.records, part, chat, diagnostics));
    });
    if (transcripts.length === 0) {
      return { transcript: structuredTranscript(file, FORMAT, null, {}, []), diagnostics };
    }
    const [first, ...more] = transcripts;
    return { transcript: first!, diagnostics, more };
  },
};

/** The members of each chat object of an account export, or null when `text` is a single chat. */
function accountChats(text: string, members: readonly JsonMember[]): { start: number; members: JsonMember[] }[] | null {
  if (members.some((m) => m.key === 'messages')) return null;
  const lists: { start: number; members: JsonMember[] }[] = [];
  let found = false;
  for (const key of ['chats', 'left_chats']) {
    const holder = members.find((m) => m.key === key);
    if (!holder || text[holder.start] !== '{') continue;
    const list = scanObject(text, holder.start).members.find((m) => m.key === 'list');
    if (!list || text[list.start] !== '[') continue;
    found = true;
    for (const el of scanArray(text, list.start).elements) {
      if (text[el.start] === '{') lists.push({ start: el.start, members: scanObject(text, el.start).members });
    }
  }
  return found ? lists : null;
}

/** One chat's messages → its transcript; problems go to `diagnostics`. */
function readChat(records: readonly JsonRecord[], file: string, chat: (key: string) => unknown, diagnostics: Diagnostic[]): Transcript {
  const messages: Message[] = [];
  const chatId = str(chat('id'));
  // Telegram numbers messages per chat: the chat's id keeps two chats' message 5 apart.
  const idOf = (v: unknown): string | null => {
    const id = v === undefined ? '' : str(v);
    if (id === '') return null;
    return chatId !== '' ? `${chatId}:${id}` : id;
  };
  for (const { value: r, line } of records) {
    const clock =
      typeof r['date'] === 'string'
        ? wallClock(r['date'])
        : typeof r['date_unixtime'] === 'string' || typeof r['date_unixtime'] === 'number'
          ? epochClock(r['date_unixtime'])
          : null;
    if (!clock) {
      diagnostics.push(error(file, line, `message has no valid \`date\` or \`date_unixtime\` (${JSON.stringify(r['date'] ?? r['date_unixtime'] ?? null)})`, EXPECTED));
      continue;
    }
    const flat = r['text'] === undefined ? '' : flattenText(r['text']);
    if (flat === null) {
      diagnostics.push(error(file, line, '`text` is neither a string nor an array of strings and entities', EXPECTED));
      continue;
    }
    const base = {
      line,
      time: clock.time,
      timestamp: clock.timestamp,
      platformId: idOf(r['id']),
      platformReplyId: idOf(r['reply_to_message_id']),
    };
    if (r['type'] === 'service') {
      messages.push(
        newMessage(messages.length + 1, { ...base, raw: flat.trim() !== '' ? flat : serviceText(r), kind: 'system', kindRule: 'reader/service' }),
      );
      continue;
    }
    const speaker = str(r['from']) || str(r['from_id']);
    const kind = flat.trim() === '' ? mediaKind(r) : null;
    const origin = str(r['forwarded_from']);
    const raw = kind === 'sticker' ? str(r['sticker_emoji']) : origin !== '' && flat !== '' ? `[转发自 ${origin}] ${flat}` : flat;
    messages.push(newMessage(messages.length + 1, { ...base, speaker, raw, kind: kind ?? 'text', kindRule: kind ? KIND_RULE : null }));
  }
  const meta: Record<string, unknown> = {};
  for (const key of ['type', 'id']) {
    const v = chat(key);
    if (v !== undefined) meta[key] = v;
  }
  const name = chat('name');
  const title = typeof name === 'string' ? name : null;
  return structuredTranscript(file, FORMAT, title, meta, quoteReplies(messages));
}
