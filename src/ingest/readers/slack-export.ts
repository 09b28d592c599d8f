/**
 * `slack-export`: one day of one channel from a Slack workspace export folder
 * (`channels.json`, `users.json`, `<channel>/<YYYY-MM-DD>.json`). A day file is an array of
 * `{type: "message", subtype, user, text, ts, thread_ts, user_profile: {real_name,
 * display_name}, files}`; `ts` is the message's id and its epoch time, `thread_ts` the thread's
 * first message. Users are named through `../users.json` when it is there, so `<@U123>`
 * mentions and speakers read the same.
 *
 * `ts` is epoch time, and the export does not say which clock the channel reads. Times are
 * shown in the time zone most users in `users.json` have set (`tz`), as the people in the
 * chat saw them; without one, in UTC.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic, Message, MessageKind } from '../../model.js';
import type { Reader, ReadResult } from '../reader.js';
import { error, fileNameDate, warning } from './common.js';
import { isRecord, readJsonRecords } from './json-scan.js';
import { epochClock, firstDate, head, isTimeZone, newMessage } from './structured.js';

const FORMAT = 'slack-export';
const KIND_RULE = `reader/${FORMAT}-type`;
const EXPECTED = 'a Slack message `{"type": "message", "user": "U…", "text": "…", "ts": "1700000000.000100"}`';
const FILE_EXPECTED = 'a Slack export day file: a JSON array of messages';

/** Subtypes Slack posts itself: joins, leaves, topic and name changes, pins. */
const SYSTEM_SUBTYPE =
  /^(?:channel|group)_(?:join|leave|topic|purpose|name|archive|unarchive|convert_to_private|convert_to_public)$|^(?:pinned|unpinned)_item$|^bot_(?:add|remove)$/;

/** Reads a file beside the transcript, or null when it is not there. */
export type ReadSibling = (path: string) => string | null;

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The name shown for a user record (`users.json` entry or a message's `user_profile`). */
function nameOf(u: Record<string, unknown>): string {
  const profile = isRecord(u['profile']) ? u['profile'] : {};
  return str(u['real_name']) || str(profile['real_name']) || str(u['display_name']) || str(profile['display_name']) || str(u['name']);
}

interface Users {
  names: Map<string, string>;
  /** The time zone most users have set, or undefined (UTC). */
  timeZone: string | undefined;
  /** Problem reading users.json, reported once per transcript. */
  problem: Diagnostic | null;
  found: boolean;
}

function loadUsers(path: string, read: ReadSibling): Users {
  const text = read(path);
  if (text === null) return { names: new Map(), timeZone: undefined, problem: null, found: false };
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { names: new Map(), timeZone: undefined, found: false, problem: warning(path, 1, `users.json is not valid JSON (${(e as Error).message}); speakers are user ids`, 'a JSON array of Slack users') };
  }
  const names = new Map<string, string>();
  const zones = new Map<string, number>();
  if (Array.isArray(data)) {
    for (const u of data) {
      if (!isRecord(u) || typeof u['id'] !== 'string') continue;
      names.set(u['id'], nameOf(u) || u['id']);
      const tz = str(u['tz']);
      if (tz !== '' && u['is_bot'] !== true && u['deleted'] !== true && isTimeZone(tz)) zones.set(tz, (zones.get(tz) ?? 0) + 1);
    }
  }
  // The most common zone; a tie goes to the first name in code-point order, for the same output on every run.
  const timeZone = [...zones].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return { names, timeZone, problem: null, found: true };
}

/**
 * Slack's markup as the client shows it: `<@U1>`/`<@U1|name>` → `@name`, `<#C1|general>` →
 * `#general`, `<!here>` → `@here`, `<url|label>` → `label (url)`. Entities stay escaped (the
 * normaliser decodes them).
 */
/**
 * The text of a message whose `text` is empty, as bots and integrations post: the
 * `attachments` (pretext, title, text, fields, else the fallback) and the `blocks`
 * (section and header text, rich-text elements), in order.
 */
export function richText(r: Record<string, unknown>): string {
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && v.trim() !== '') out.push(v);
  };
  for (const a of Array.isArray(r['attachments']) ? r['attachments'].filter(isRecord) : []) {
    const before = out.length;
    push(a['pretext']);
    push(a['title']);
    push(a['text']);
    for (const f of Array.isArray(a['fields']) ? a['fields'].filter(isRecord) : []) push([f['title'], f['value']].filter((x) => typeof x === 'string' && x !== '').join(': '));
    if (out.length === before) push(a['fallback']);
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (isRecord(node['text'])) push(node['text']['text']);
    else if (node['type'] === 'text' || node['type'] === 'link') push(node['text'] ?? node['url']);
    if (Array.isArray(node['fields'])) node['fields'].forEach((f) => isRecord(f) && push(f['text']));
    if (Array.isArray(node['elements'])) {
      // One rich-text section reads as one line.
      const inline = node['elements'].every((e) => isRecord(e) && (e['type'] === 'text' || e['type'] === 'link' || e['type'] === 'emoji' || e['type'] === 'user'));
      if (inline) push(node['elements'].map((e) => (isRecord(e) ? str(e['text'] ?? e['url'] ?? (e['type'] === 'user' ? `<@${str(e['user_id'])}>` : '')) : '')).join(''));
      else node['elements'].forEach(walk);
    }
  };
  walk(r['blocks']);
  return out.join('\n');
}

export function slackText(text: string, names: ReadonlyMap<string, string>, unnamed?: Set<string>): string {
  return text.replace(/<([^<>\n]+)>/g, (whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? '' : inner.slice(bar + 1);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      const name = names.get(id);
      if (name === undefined && !label) unnamed?.add(id);
      return `@${name ?? (label || id)}`;
    }
    if (target.startsWith('#')) return `#${label || target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label || '@team';
    if (target.startsWith('!date^')) return label;
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    if (/^(?:https?|mailto|ftp|tel):/i.test(target)) return label && label !== target.replace(/^mailto:/, '') ? `${label} (${target})` : label || target;
    return whole;
  });
}

/** A Slack reader that names users through `users.json`, read with `read` (tests pass their own). */
export function createSlackExportReader(read: ReadSibling = readIfExists): Reader {
  const cache = new Map<string, Users>();
  const usersFor = (file: string): { path: string; users: Users } => {
    const path = join(dirname(dirname(file)), 'users.json');
    let users = cache.get(path);
    if (!users) {
      users = loadUsers(path, read);
      cache.set(path, users);
    }
    return { path, users };
  };

  return {
    format: FORMAT,
    describe: `${FORMAT} (a Slack export day file \`<channel>/YYYY-MM-DD.json\`: an array of \`{type, user, text, ts}\`)`,

    detect(text, file) {
      const h = head(text);
      if (!/^\s*\[/.test(h)) return 0;
      if (!/"ts"\s*:\s*"\d+\.\d+"/.test(h)) return 0;
      const typed = /"type"\s*:\s*"message"/.test(h);
      const named = /(?:^|[\\/])\d{4}-\d{2}-\d{2}\.json$/.test(file);
      if (typed && named) return 0.95;
      return typed ? 0.85 : 0.6;
    },

    read(text, file): ReadResult {
      const { records, diagnostics: found } = readJsonRecords(text, file, null, FILE_EXPECTED);
      const diagnostics: Diagnostic[] = [...found];
      const { path: usersPath, users } = usersFor(file);
      if (users.problem) diagnostics.push({ ...users.problem, file: usersPath });
      const messages: Message[] = [];
      /** Users named only by their id: no users.json entry, no profile. */
      const unnamed = new Set<string>();
      for (const { value: r, line } of records) {
        const ts = str(r['ts']);
        const clock = ts === '' ? null : epochClock(ts, users.timeZone);
        if (!clock) {
          diagnostics.push(error(file, line, `message has no valid \`ts\` (${JSON.stringify(r['ts'] ?? null)})`, EXPECTED));
          continue;
        }
        if (r['text'] !== undefined && typeof r['text'] !== 'string') {
          diagnostics.push(error(file, line, '`text` is not a string', EXPECTED));
          continue;
        }
        const subtype = str(r['subtype']);
        const threadTs = str(r['thread_ts']);
        const base = {
          line,
          time: clock.time,
          timestamp: clock.timestamp,
          platformId: ts,
          platformReplyId: threadTs !== '' && threadTs !== ts ? threadTs : null,
        };
        const raw = slackText(str(r['text']) || richText(r), users.names, unnamed);
        if (SYSTEM_SUBTYPE.test(subtype)) {
          messages.push(newMessage(messages.length + 1, { ...base, raw, kind: 'system', kindRule: KIND_RULE }));
          continue;
        }
        const user = str(r['user']);
        const profile = isRecord(r['user_profile']) ? nameOf(r['user_profile']) : '';
        let speaker = users.names.get(user) || profile || str(r['username']);
        if (speaker === '' && user !== '') {
          speaker = user;
          unnamed.add(user);
        }
        let kind: MessageKind | null = null;
        let body = raw;
        const files = Array.isArray(r['files']) ? r['files'].filter(isRecord) : [];
        if (raw.trim() === '' && files.length > 0) {
          kind = files.every((f) => str(f['mimetype']).startsWith('image/')) ? 'image' : 'file';
          body = files.map((f) => str(f['title']) || str(f['name'])).join('\n');
        } else if (subtype === 'bot_message' || (r['bot_id'] !== undefined && user === '')) {
          // an integration's post (alerts, digests): kept as written, but nobody's answer
          kind = 'bot';
        }
        messages.push(newMessage(messages.length + 1, { ...base, speaker, raw: body, kind: kind ?? 'text', kindRule: kind ? KIND_RULE : null }));
      }
      if (unnamed.size > 0 && !users.found) {
        const ids = [...unnamed].sort().join(', ');
        diagnostics.push(warning(file, 1, `users ${ids} are named by their ids: no users.json at ${usersPath}`, 'users.json in the export folder, beside the channel folder'));
      }
      const date = fileNameDate(file) ?? firstDate(messages);
      const channel = basename(dirname(file));
      const title = channel === '' || channel === '.' || channel === '..' ? null : channel;
      const transcript = { file, format: FORMAT, date, title, meta: {}, encoding: 'utf-8', messages };
      return { transcript, diagnostics };
    },
  };
}

export const slackExport: Reader = createSlackExportReader();
