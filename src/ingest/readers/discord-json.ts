/**
 * `discord-json`: a channel exported by DiscordChatExporter as JSON:
 * `{guild: {id, name}, channel: {id, name, category, topic}, messages: [{id, type, timestamp,
 * content, author: {id, name, nickname}, attachments, stickers, reference: {messageId}}]}`.
 * `type` is `Default` or `Reply` for what people write; the other types (`GuildMemberJoin`,
 * `ChannelPinnedMessage`, `ThreadCreated` …) are Discord's system notices.
 */
import type { Diagnostic, Message, MessageKind } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { error } from './common.js';
import { isRecord, memberValue, readJsonRecords } from './json-scan.js';
import { head, newMessage, quoteReplies, structuredTranscript, wallClock } from './structured.js';

const FORMAT = 'discord-json';
const KIND_RULE = `reader/${FORMAT}-type`;
const EXPECTED = 'a DiscordChatExporter message `{"id": "…", "type": "Default", "timestamp": "…", "content": "…", "author": {…}}`';
const EXPORT_EXPECTED = 'a DiscordChatExporter export `{"guild": {…}, "channel": {…}, "messages": [ … ]}`';

/**
 * Types of what people write; every other type (`GuildMemberJoin`, `ChannelPinnedMessage`,
 * `ThreadCreated`, `RecipientAdd`, `Call` …, and numbers for types the exporter has no name for)
 * is a notice Discord itself posts.
 */
const SPOKEN = new Set(['Default', 'Reply', 'ChatInputCommand', 'ContextMenuCommand', 'ThreadStarterMessage']);
const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|bmp|heic)$/i;

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

export const discordJson: Reader = {
  format: FORMAT,
  describe: `${FORMAT} (DiscordChatExporter JSON: \`{guild, channel, messages: [{id, type, timestamp, content, author}]}\`)`,

  detect(text) {
    const h = head(text);
    if (!/^\s*\{/.test(h)) return 0;
    const shape = /"guild"\s*:/.test(h) && /"channel"\s*:/.test(h) && /"messages"\s*:\s*\[/.test(h);
    if (!shape) return 0;
    return /"author"\s*:/.test(h) || /"timestamp"\s*:/.test(h) ? 0.95 : 0.75;
  },

  read(text, file): ReadResult {
    const { records, members, diagnostics: found } = readJsonRecords(text, file, 'messages', EXPORT_EXPECTED);
    const diagnostics: Diagnostic[] = [...found];
    const messages: Message[] = [];
    for (const { value: r, line } of records) {
      const clock = typeof r['timestamp'] === 'string' ? wallClock(r['timestamp']) : null;
      if (!clock) {
        diagnostics.push(error(file, line, `message has no valid \`timestamp\` (${JSON.stringify(r['timestamp'] ?? null)})`, EXPECTED));
        continue;
      }
      if (r['content'] !== undefined && typeof r['content'] !== 'string') {
        diagnostics.push(error(file, line, '`content` is not a string', EXPECTED));
        continue;
      }
      const author = isRecord(r['author']) ? r['author'] : {};
      const name = str(author['nickname']) || str(author['name']);
      const content = str(r['content']);
      const type = str(r['type']) || 'Default';
      const reference = isRecord(r['reference']) ? r['reference'] : null;
      const base = {
        line,
        time: clock.time,
        timestamp: clock.timestamp,
        platformId: str(r['id']) || null,
        platformReplyId: reference ? str(reference['messageId']) || null : null,
      };
      if (!SPOKEN.has(type)) {
        const what = content.trim() !== '' ? content : type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
        // a notice's reference is what it is about (the pinned message), not a reply target
        const notice = { ...base, platformReplyId: null };
        messages.push(newMessage(messages.length + 1, { ...notice, raw: [name, what].filter((s) => s !== '').join(' '), kind: 'system', kindRule: KIND_RULE }));
        continue;
      }
      let kind: MessageKind | null = null;
      let raw = content;
      if (content.trim() === '') {
        const attachments = list(r['attachments']);
        const stickers = list(r['stickers']);
        if (attachments.length > 0) {
          const names = attachments.map((a) => str(a['fileName']) || str(a['url']));
          kind = names.every((n) => IMAGE_FILE.test(n)) ? 'image' : 'file';
          raw = names.join('\n');
        } else if (stickers.length > 0) {
          kind = 'sticker';
          raw = stickers.map((s) => str(s['name'])).join(' ');
        }
      }
      // a bot's post is kept as written, but is nobody's answer
      if (kind === null && author['isBot'] === true) kind = 'bot';
      messages.push(newMessage(messages.length + 1, { ...base, speaker: name, raw, kind: kind ?? 'text', kindRule: kind ? KIND_RULE : null }));
    }
    const guild = memberValue(text, members, 'guild');
    const channel = memberValue(text, members, 'channel');
    const meta: Record<string, unknown> = {};
    if (isRecord(guild)) meta['guild'] = str(guild['name']);
    if (isRecord(channel)) {
      for (const key of ['name', 'category', 'topic']) if (typeof channel[key] === 'string') meta[`channel${key[0]!.toUpperCase()}${key.slice(1)}`] = channel[key];
    }
    const title = isRecord(channel) && typeof channel['name'] === 'string' ? channel['name'] : null;
    return { transcript: structuredTranscript(file, FORMAT, title, meta, quoteReplies(messages)), diagnostics };
  },
};
