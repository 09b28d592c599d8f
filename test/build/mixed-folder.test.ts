/**
 * One folder holding the exports people really have, side by side: every kind chatkb
 * reads (and the variants of each), in their encodings, with the notes, contact lists and
 * settings that sit beside them. It must build without an error, read each file as its own
 * format, and give no entry that a misread file made up.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode } from '../../src/ingest/decode.js';
import { readZipMember } from '../../src/ingest/zip.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli, removeTemps, tempDir } from './helpers.js';

afterAll(removeTemps);

const MIXED = join(PACKAGE_ROOT, 'test', 'fixtures', 'mixed');

/** Each transcript (file, or chat of a file) and the format it is in. */
const KINDS: [string, string][] = [
  ['anon/2024-04-04-wechat1.markdown', 'cocolian-anon'],
  ['discord/Payments Builders - help [1200000000000000300].json', 'discord-json'],
  ['irc/#payments.2024-04-23.log', 'irc'],
  ['irc/dircproxy/#payments.log', 'irc'],
  ['irc/hexchat/2024-04-27-payments.log', 'irc'],
  ['irc/irssi/2024-04-26.log', 'irc'],
  ['irc/limnoria/#payments.2024-04-24.log', 'irc'],
  ['irc/weechat/irc.libera.#payments.weechatlog', 'irc'],
  ['prodarch/2024-04-01-chat.markdown', 'cocolian-source'],
  ['prodarch/2024-04-merged.markdown', 'cocolian-source-merged'],
  ['slack-ops-export.zip!/ops/2024-04-18.json', 'slack-export'],
  ['slack/payments/2024-04-17.json', 'slack-export'],
  ['telegram/ChatExport_2024-04-14/result.json', 'telegram-json'],
  ['telegram/account/result.json#chat-1987650102', 'telegram-json'],
  ['telegram/account/result.json#chat-5550102', 'telegram-json'],
  ['wechat/chatlog/清算群.json', 'wechat-chatlog-json'],
  ['wechat/gbk/收单群.txt', 'wechat-memotrace-txt'],
  ['wechat/hook/2024-04-12.json', 'wechat-chatlog-json'],
  ['wechat/hook/received.jsonl', 'wechat-chatlog-json'],
  ['wechat/old/结算群.csv', 'wechat-memotrace-csv'],
  ['wechat/old9/差错群.csv', 'wechat-memotrace-csv'],
  ['wechat/对账群_utf8.csv', 'wechat-memotrace-csv'],
  ['wechat/风控群_chat.txt#2024-04-11', 'wechat-memotrace-ai-txt'],
  ['whatsapp/WhatsApp Chat - 跨境支付.txt', 'whatsapp-txt'],
  ['whatsapp/WhatsApp Chat mit Ops.txt', 'whatsapp-txt'],
  ['whatsapp/zh/WhatsApp 聊天 - 收单.txt', 'whatsapp-txt'],
];

/** Files beside the chats that are no transcripts (README.md and Slack's lists are not even read). */
const NOT_TRANSCRIPTS = ['notes.txt', 'telegram/export-settings.json', 'wechat/contacts.csv'];

interface ExtractJson {
  transcripts: { file: string; format: string; encoding: string; messages: { id: string; raw: string }[]; exchanges: { question: string[]; faq: boolean }[] }[];
  diagnostics: { file: string; severity: string; message: string }[];
}

describe('a folder mixing every kind of export', () => {
  const dir = tempDir();
  cpSync(MIXED, join(dir, 'chats'), { recursive: true });
  const root = join(dir, 'chats');
  const rel = (f: string) => f.slice(root.length + 1).replace(/\\/g, '/');

  it('holds at least 20 kinds of export', () => {
    expect(new Set(KINDS.map(([f]) => f.replace(/#(?:chat-[^/]+|\d{4}-\d{2}-\d{2})$/, ''))).size).toBeGreaterThanOrEqual(20);
  });

  it('reads each file as its own format, in its own encoding, and skips the rest with one warning each', async () => {
    const r = await cli('extract', '--json', root);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as ExtractJson;
    expect(json.transcripts.map((t) => [rel(t.file), t.format])).toEqual(KINDS);
    expect(json.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(json.diagnostics.map((d) => [rel(d.file), d.message])).toEqual(NOT_TRANSCRIPTS.map((f) => [f, 'skipped: not a chat transcript']));
    const encodings = new Map(json.transcripts.map((t) => [rel(t.file), t.encoding]));
    expect(encodings.get('wechat/gbk/收单群.txt')).toBe('gb18030');
    expect(encodings.get('whatsapp/zh/WhatsApp 聊天 - 收单.txt')).toBe('utf-16le');
  });

  it('finds the one question each chat asks, and no other', async () => {
    const json = JSON.parse((await cli('extract', '--json', root)).stdout) as ExtractJson;
    for (const t of json.transcripts) {
      const asked = t.exchanges.filter((e) => e.faq).map((e) => t.messages.find((m) => m.id === e.question[0])!.raw);
      const expected = rel(t.file).startsWith('anon/') || rel(t.file).endsWith('merged.markdown') ? 2 : 1;
      expect(asked, rel(t.file)).toHaveLength(expected);
      // every question is one a person wrote in that very file, as its text decodes
      const path = rel(t.file).replace(/#(?:chat-[^/]+|\d{4}-\d{2}-\d{2})$/, '');
      const bytes = path.includes('!/') ? readZipMember(join(root, path)) : readFileSync(join(root, path));
      const text = decode(bytes, path).text;
      for (const q of asked) {
        expect(/[?？]/.test(q), q).toBe(true);
        expect(text, q).toContain(q.split('\n')[0]);
      }
    }
  });

  it('builds without an error, one entry per question', async () => {
    const out = join(dir, 'kb');
    const r = await cli('build', root, '--out', out, '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { diagnostics: { severity: string }[]; changes: { path: string; change: string }[] };
    expect(summary.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const entries = summary.changes.filter((c) => /^faq\/[^/]+\/[^/]+\.md$/.test(c.path.replace(/\\/g, '/')) && !c.path.endsWith('README.md'));
    expect(entries).toHaveLength(28);
    const again = await cli('build', root, '--out', out, '--check', '--quiet');
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
