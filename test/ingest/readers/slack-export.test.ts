import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs, readTranscriptFile } from '../../../src/ingest/index.js';
import { createSlackExportReader, richText, slackExport, slackText } from '../../../src/ingest/readers/slack-export.js';
import { removeTemps, tempDir, writeFiles } from '../../build/helpers.js';
import { fixture } from '../helpers.js';

const DAY = 'slack-export/export/payments/2024-03-12.json';

describe('slack-export reader', () => {
  const file = fixture(DAY);
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads a day file as a transcript of its channel, one message per object with its line', () => {
    expect(transcript).toMatchObject({ format: 'slack-export', date: '2024-03-12', title: 'payments' });
    expect(msgs.map((m) => [m.line, m.speaker, m.platformId])).toEqual([
      [2, '', '1710206040.000100'],
      [9, '林小雨', '1710206102.000200'],
      [27, 'Zhao Yiming', '1710206200.000300'],
      [42, '陈默', '1710206225.000400'],
      [63, 'Quentin Marsh', '1710206350.000500'],
      [88, 'Quentin Marsh', '1710206580.000700'],
    ]);
    // `ts` is epoch seconds (01:15:02 UTC), shown on the clock users.json's members have set
    expect(msgs[1]).toMatchObject({ time: '09:15:02', timestamp: '2024-03-12T09:15:02' });
  });

  it('shows times in the time zone most members have set, else in UTC', () => {
    const text = readFileSync(file, 'utf8');
    const users = (zones: (string | null)[]) =>
      JSON.stringify(zones.map((tz, i) => ({ id: `U${i}`, real_name: `member ${i}`, ...(tz === null ? {} : { tz }) })));
    const timeOf = (usersJson: string | null) =>
      createSlackExportReader(() => usersJson).read(text, join('ws', 'payments', '2024-03-12.json')).transcript.messages[1]!.timestamp;
    expect(timeOf(users(['Asia/Shanghai', 'Europe/London', 'Asia/Shanghai', null]))).toBe('2024-03-12T09:15:02');
    // London is on winter time in March: UTC
    expect(timeOf(users(['Europe/London', 'Europe/London', 'Asia/Shanghai']))).toBe('2024-03-12T01:15:02');
    // the day before, in New York; an unknown zone name counts for nothing
    expect(timeOf(users(['America/New_York', 'Mars/Olympus_Mons', 'Mars/Olympus_Mons']))).toBe('2024-03-11T21:15:02');
    // a tie is broken by name, so every run shows the same clock
    expect(timeOf(users(['Asia/Tokyo', 'Asia/Shanghai']))).toBe('2024-03-12T09:15:02');
    expect(timeOf(users([null]))).toBe('2024-03-12T01:15:02');
    expect(timeOf(null)).toBe('2024-03-12T01:15:02');
  });

  it('names speakers and mentions through users.json, and falls back to user_profile', () => {
    expect(msgs[1]!.raw).toBe("Is split settlement real-time at @Zhao Yiming's bank? 分账是实时到账吗？");
    expect(msgs[5]!.raw).toBe('Thanks @林小雨, that clears it up.');
    // U09QM is not in users.json: the message's own user_profile names them
    expect(msgs[4]!.speaker).toBe('Quentin Marsh');
  });

  it('keeps a multi-line thread reply, with thread_ts as its reply target', () => {
    expect(msgs[2]).toMatchObject({
      raw: 'Usually T+1.\nReal-time split depends on the channel: channel list (https://example.invalid/channels) &amp; the reserve rules',
      platformReplyId: '1710206102.000200',
    });
    // a thread's first message has thread_ts == ts: it replies to nothing
    expect(msgs[1]!.platformReplyId).toBeNull();
  });

  it('makes join messages system lines and an image upload without text an image', () => {
    expect(msgs[0]).toMatchObject({ kind: 'system', kindRule: 'reader/slack-export-type', raw: '@Zhao Yiming has joined the channel' });
    expect(msgs[3]).toMatchObject({ kind: 'image', kindRule: 'reader/slack-export-type', raw: 'settlement-flow.png' });
  });

  it('reports a message without ts and a broken record, and reads the rest', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 76, severity: 'error', message: 'message has no valid `ts` (null)' }),
      expect.objectContaining({ file, line: 86, severity: 'error', message: 'message 7 (from line 82) is not valid JSON: Expected double-quoted property name' }),
    ]);
  });

  it('reads users.json beside the channel folder through the function it is given, once', () => {
    const asked: string[] = [];
    const reader = createSlackExportReader((path) => {
      asked.push(path);
      return null;
    });
    const text = readFileSync(file, 'utf8');
    const r = reader.read(text, join('ws', 'payments', '2024-03-12.json'));
    reader.read(text, join('ws', 'payments', '2024-03-13.json'));
    expect(asked).toEqual([join('ws', 'users.json')]);
    // without users.json, speakers with no user_profile are their ids, and it says so
    expect(r.transcript.messages[0]!.raw).toBe('@U02ZYM has joined the channel');
    expect(r.diagnostics.at(-1)).toMatchObject({ severity: 'warning', line: 1, message: expect.stringMatching(/^users U01LXY, U02ZYM are named by their ids: no users\.json at ws[\\/]users\.json$/) });
  });

  it('renders Slack markup as the client shows it', () => {
    const names = new Map([['U1', '林小雨']]);
    expect(slackText('<@U1> <@U2|bob> <#C1|payments> <!here> <https://x.invalid/a|docs> <mailto:a@b.invalid|a@b.invalid> <https://y.invalid>', names)).toBe(
      '@林小雨 @bob #payments @here docs (https://x.invalid/a) a@b.invalid https://y.invalid',
    );
  });
});

describe('slack-export: what bots post and what a workspace export holds', () => {
  afterAll(removeTemps);

  it('reads the text of attachments and blocks when `text` is empty', () => {
    expect(
      richText({
        attachments: [{ pretext: '每日对账', title: '差错 3 笔', text: '请清算组处理', fields: [{ title: '渠道', value: '网联' }] }, { fallback: '只有 fallback' }],
      }),
    ).toBe('每日对账\n差错 3 笔\n请清算组处理\n渠道: 网联\n只有 fallback');
    expect(
      richText({
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: '清算告警' } },
          { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: '退款接口 ' }, { type: 'link', url: 'https://status.example.com' }] }] },
        ],
      }),
    ).toBe('清算告警\n退款接口 https://status.example.com');
  });

  it('marks an integration’s post as a bot message, which the pipeline keeps but never takes for an answer', () => {
    const day = JSON.stringify([
      { type: 'message', user: 'U1', text: '对账文件几点到？', ts: '1710206102.000100', user_profile: { real_name: '林小雨' } },
      { type: 'message', subtype: 'bot_message', bot_id: 'B1', username: 'recon-bot', text: '', ts: '1710206110.000200', attachments: [{ fallback: '对账文件已生成' }] },
    ]);
    const r = slackExport.read(day, 'payments/2024-03-12.json');
    expect(r.transcript.messages.map((m) => [m.kind, m.speaker, m.raw])).toEqual([
      ['text', '林小雨', '对账文件几点到？'],
      ['bot', 'recon-bot', '对账文件已生成'],
    ]);
  });

  it("leaves a workspace export's dms.json, groups.json and mpims.json out of the transcripts", () => {
    const dir = tempDir();
    writeFiles(dir, {
      'users.json': '[]',
      'channels.json': '[]',
      'dms.json': '[]',
      'groups.json': '[]',
      'mpims.json': '[]',
      'payments/2024-03-12.json': '[]',
    });
    expect(expandInputs([dir]).files.map((f) => f.slice(dir.length + 1).replace(/\\/g, '/'))).toEqual(['payments/2024-03-12.json']);
  });
});

