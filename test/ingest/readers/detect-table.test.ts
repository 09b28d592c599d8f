import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/ingest/decode.js';
import { DETECT_THRESHOLD, detectFormat } from '../../../src/ingest/detect.js';
import { readers } from '../../../src/ingest/readers/index.js';
import { fixture } from '../helpers.js';

/** Every transcript fixture and the format it is in. */
const FIXTURES: [string, string][] = [
  ['source/2019-04-02-chat.markdown', 'cocolian-source'],
  ['source/2019-04-03-chat.markdown', 'cocolian-source'],
  ['merged/2019-05-03-merged.markdown', 'cocolian-source-merged'],
  ['merged/2019-06-20-merged.markdown', 'cocolian-source-merged'],
  ['anon/2019-07-01-wechat1.markdown', 'cocolian-anon'],
  ['wechat-memotrace-csv/支付产品交流群_utf8.csv', 'wechat-memotrace-csv'],
  ['wechat-memotrace-csv/seven-column/支付产品交流群.csv', 'wechat-memotrace-csv'],
  ['wechat-memotrace-csv/pandas-nine/支付产品交流群.csv', 'wechat-memotrace-csv'],
  ['wechat-memotrace-txt/支付产品交流群.txt', 'wechat-memotrace-txt'],
  ['wechat-memotrace-ai-txt/支付产品交流群_chat.txt', 'wechat-memotrace-ai-txt'],
  ['wechat-chatlog-json/webhook-body.json', 'wechat-chatlog-json'],
  ['wechat-chatlog-json/webhook-bodies.jsonl', 'wechat-chatlog-json'],
  ['wechat-chatlog-json/chatlog.json', 'wechat-chatlog-json'],
  ['telegram-json/result.json', 'telegram-json'],
  ['telegram-json/account/result.json', 'telegram-json'],
  ['slack-export/export/payments/2024-03-12.json', 'slack-export'],
  ['discord-json/split-settlement.json', 'discord-json'],
  ['whatsapp-txt/WhatsApp Chat - 支付产品交流群.txt', 'whatsapp-txt'],
  ['whatsapp-txt/WhatsApp Chat with Payments Ops.txt', 'whatsapp-txt'],
  ['irc/2024-03-12_09.raw.txt', 'irc'],
  ['irc/2024-03-12-dated.log', 'irc'],
];

const text = (rel: string) => decode(readFileSync(fixture(rel)), rel).text;

describe('format detection over all fixtures', () => {
  it.each(FIXTURES)('%s is %s and no other reader is sure of it', (rel, format) => {
    const t = text(rel);
    expect(detectFormat(t, rel)).toEqual({ format, confidence: expect.any(Number) });
    const others = readers.filter((r) => r.format !== format).map((r) => [r.format, r.detect(t, rel)] as const);
    expect(others.filter(([, c]) => c >= DETECT_THRESHOLD)).toEqual([]);
  });

  it('covers every registered reader', () => {
    const covered = new Set(FIXTURES.map(([, f]) => f));
    expect(readers.map((r) => r.format).filter((f) => !covered.has(f))).toEqual([]);
  });

  it('does not take the Slack export’s users.json or channels.json for a day of messages', () => {
    for (const rel of ['slack-export/export/users.json', 'slack-export/export/channels.json']) {
      expect(detectFormat(text(rel), rel)).toBeNull();
    }
  });

  it('does not take JSON of another shape, or CSV with other columns, for a chat export', () => {
    expect(detectFormat('[{"id": 1, "name": "x"}]', 'a.json')).toBeNull();
    expect(detectFormat('{"messages": [{"id": 1, "body": "x"}]}', 'b.json')).toBeNull();
    expect(detectFormat('id,name,amount\n1,林小雨,100\n', 'c.csv')).toBeNull();
  });
});
