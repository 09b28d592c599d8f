import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { fixture } from '../helpers.js';

describe('discord-json reader', () => {
  const file = fixture('discord-json/split-settlement.json');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads the channel and every message with its line, local time, speaker and id', () => {
    expect(transcript).toMatchObject({
      format: 'discord-json',
      date: '2024-03-12',
      title: 'split-settlement',
      meta: { guild: 'Payments Builders', channelName: 'split-settlement', channelCategory: 'Help' },
    });
    expect(msgs.map((m) => [m.line, m.timestamp, m.speaker, m.platformId])).toEqual([
      [21, '2024-03-12T09:14:00', '', '1217000000000000001'],
      [45, '2024-03-12T09:15:02', '林小雨', '1217000000000000002'],
      [69, '2024-03-12T09:16:40', 'Zhao Yiming', '1217000000000000003'],
      [93, '2024-03-12T09:18:00', '林小雨', '1217000000000000004'],
      [122, '2024-03-12T09:18:30', '陈默', '1217000000000000005'],
      [153, '2024-03-12T09:18:45', '陈默', '1217000000000000006'],
      [216, '2024-03-12T09:21:00', 'Quentin Marsh', '1217000000000000009'],
      [245, '2024-03-12T09:22:00', '', '1217000000000000010'],
      [274, '2024-03-12T09:23:00', 'Quentin Marsh', '1217000000000000011'],
    ]);
  });

  it('keeps a multi-line message', () => {
    expect(msgs[2]!.raw).toBe('Usually T+1 settlement.\nReal-time split depends on the channel.');
  });

  it('turns reference.messageId into platformReplyId and quotes the message replied to', () => {
    expect(msgs[3]).toMatchObject({
      raw: 'T+1 是工作日还是自然日？',
      platformReplyId: '1217000000000000003',
      quote: { speaker: 'Zhao Yiming', text: msgs[2]!.raw, messageId: 'm3' },
    });
    expect(msgs[6]).toMatchObject({ platformReplyId: '1216999999999999999', quote: null });
  });

  it('makes Discord’s own notices system lines and sets image and sticker kinds', () => {
    expect(msgs[0]).toMatchObject({ kind: 'system', kindRule: 'reader/discord-json-type', raw: 'Quentin Marsh Joined the server.' });
    // a pin notice refers to the pinned message; that is not a reply
    expect(msgs[7]).toMatchObject({ kind: 'system', raw: '林小雨 Pinned a message.', platformReplyId: null, quote: null });
    expect(msgs[4]).toMatchObject({ kind: 'image', kindRule: 'reader/discord-json-type', raw: 'settlement-flow.png' });
    expect(msgs[5]).toMatchObject({ kind: 'sticker', raw: 'thumbs up' });
    expect(msgs[1]).toMatchObject({ kind: 'text', kindRule: null });
  });

  it('reports a bad timestamp and a record with an unclosed array, and reads the messages after them', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 184, severity: 'error', message: 'message has no valid `timestamp` ("last Tuesday")' }),
      expect.objectContaining({ file, line: 208, severity: 'error', message: expect.stringMatching(/^message 8 \(from line 208\) is not valid JSON: Unexpected token '}'$/) }),
    ]);
    expect(msgs.at(-1)!.raw).toBe('Thanks, that clears it up.');
  });
});
