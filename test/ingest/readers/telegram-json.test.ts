import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { flattenText, telegramJson } from '../../../src/ingest/readers/telegram-json.js';
import { fixture } from '../helpers.js';

describe('telegram-json reader', () => {
  const file = fixture('telegram-json/result.json');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads the chat name, type and id and every message with its line and id', () => {
    expect(transcript).toMatchObject({
      format: 'telegram-json',
      date: '2024-03-12',
      title: 'Payments Product Chat 支付产品交流群',
      meta: { type: 'private_supergroup', id: 1234567890 },
    });
    expect(msgs.map((m) => [m.line, m.time, m.speaker, m.platformId])).toEqual([
      [6, '09:14:00', '', '1234567890:1'],
      [20, '09:15:02', 'Lin Xiaoyu 林小雨', '1234567890:2'],
      [35, '09:16:40', 'Zhao Yiming 赵一鸣', '1234567890:3'],
      [78, '09:18:00', 'Lin Xiaoyu 林小雨', '1234567890:4'],
      [94, '09:18:30', 'Chen Mo', '1234567890:5'],
      [107, '09:18:45', 'Chen Mo', '1234567890:6'],
      [145, '09:21:00', 'Quentin Marsh', '1234567890:9'],
      [161, '09:22:00', '', '1234567890:10'],
      [173, '09:23:00', 'Quentin Marsh', '1234567890:11'],
    ]);
  });

  it('flattens text entities into one multi-line text', () => {
    expect(msgs[2]!.raw).toBe('Usually T+1 settlement.\nReal-time split depends on the https://example.invalid/channels channel.');
    expect(flattenText(['a ', { type: 'bold', text: 'b' }, { type: 'mention' }])).toBe('a b');
    expect(flattenText(42)).toBeNull();
  });

  it('turns reply_to_message_id into platformReplyId and quotes the replied message', () => {
    expect(msgs[3]).toMatchObject({ platformReplyId: '1234567890:3', quote: { speaker: 'Zhao Yiming 赵一鸣', text: msgs[2]!.raw, messageId: 'm3' } });
    // the replied message is outside the export: the id stays, there is nothing to quote
    expect(msgs[6]).toMatchObject({ platformReplyId: '1234567890:999', quote: null });
  });

  it('makes service messages system lines with their actor and action', () => {
    expect(msgs[0]).toMatchObject({ kind: 'system', kindRule: 'reader/service', raw: 'Lin Xiaoyu 林小雨 invite members: Quentin Marsh' });
    expect(msgs[7]).toMatchObject({ kind: 'system', kindRule: 'reader/service', raw: 'Lin Xiaoyu 林小雨 pin message' });
  });

  it('sets image and sticker kinds for media without a caption', () => {
    expect(msgs[4]).toMatchObject({ kind: 'image', kindRule: 'reader/telegram-json-type', raw: '' });
    expect(msgs[5]).toMatchObject({ kind: 'sticker', kindRule: 'reader/telegram-json-type', raw: '👍' });
    const captioned = telegramJson.read(
      JSON.stringify({ name: 'c', messages: [{ id: 1, type: 'message', date: '2024-03-12T09:00:00', from: 'A', photo: 'p.jpg', text: '这张对账单怎么看？' }] }),
      'r.json',
    );
    expect(captioned.transcript.messages[0]).toMatchObject({ kind: 'text', kindRule: null, raw: '这张对账单怎么看？' });
  });

  it('reports a bad date and a broken record by line and reads the rest', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 123, severity: 'error', message: 'message has no valid `date` or `date_unixtime` ("yesterday")' }),
      expect.objectContaining({ file, line: 143, severity: 'error', message: expect.stringMatching(/^message 8 \(from line 138\) is not valid JSON/) }),
    ]);
  });

  it('reads a message with only date_unixtime (UTC), and keeps where a forwarded message came from', () => {
    const text = JSON.stringify(
      {
        name: 'Ops',
        type: 'private_group',
        id: 42,
        messages: [
          { id: 1, type: 'message', date_unixtime: '1710234840', from: '林小雨', from_id: 'user1', text: '清算文件今天几点到？' },
          { id: 2, type: 'message', date_unixtime: '1710234900', from: '赵一鸣', from_id: 'user2', forwarded_from: '支付行业观察', text: [{ type: 'bold', text: '央行' }, '发布新规'] },
        ],
      },
      null,
      1,
    );
    const r = telegramJson.read(text, 'result.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript.messages.map((m) => [m.timestamp, m.raw])).toEqual([
      ['2024-03-12T09:14:00', '清算文件今天几点到？'],
      ['2024-03-12T09:15:00', '[转发自 支付行业观察] 央行发布新规'],
    ]);
  });

  it('reads a whole-account export: every chat and left chat is its own transcript, its ids kept apart', () => {
    const account = fixture('telegram-json/account/result.json');
    const r = readTranscriptFile(account);
    expect(r.diagnostics).toEqual([]);
    expect(r.transcripts.map((t) => [t.file, t.title, t.date, t.meta['type']])).toEqual([
      [`${account}#chat-1987650001`, '支付产品交流群', '2024-03-12', 'private_supergroup'],
      [`${account}#chat-5550002`, 'Zhao Yiming', '2024-03-13', 'personal_chat'],
      [`${account}#chat-1987650002`, '清算行业观察', '2024-02-01', 'public_channel'],
    ]);
    const [group, personal] = r.transcripts;
    // both chats number their messages from 1: the chat's id keeps them apart
    expect(group!.messages.map((m) => m.platformId)).toEqual(['1987650001:1', '1987650001:2']);
    expect(personal!.messages.map((m) => m.platformId)).toEqual(['5550002:1', '5550002:2']);
    // lines are those of the account file; replies find their message within their own chat
    expect(group!.messages.map((m) => m.line)).toEqual([36, 51]);
    expect(group!.messages[1]).toMatchObject({ platformReplyId: '1987650001:1', quote: { messageId: 'm1' } });
    expect(personal!.messages[0]!.raw).toBe('入账、出账英文怎么说？看到 inflow 这个字段');
    expect(r.transcripts[2]!.messages[0]).toMatchObject({ kind: 'system', raw: '清算行业观察 create channel "清算行业观察"' });
  });

  it('reports a chat of an account export without messages by line and reads the others', () => {
    const text = JSON.stringify(
      {
        about: 'x',
        chats: {
          about: 'y',
          list: [
            { name: 'broken', id: 1 },
            { name: 'ok', id: 2, messages: [{ id: 1, type: 'message', date: '2024-03-12T09:00:00', from: 'A', text: '结算周期是T+1吗？' }] },
          ],
        },
      },
      null,
      1,
    );
    const r = telegramJson.read(text, 'result.json');
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 6, severity: 'error', message: 'chat 1 of the account export has no `messages` array' })]);
    expect(r.transcript.title).toBe('ok');
    expect(r.more).toEqual([]);
  });

  it('says what it expected of an object that is neither a chat nor an account export', () => {
    const r = telegramJson.read('{"about": "x", "contacts": {"list": []}}', 'result.json');
    expect(r.diagnostics[0]).toMatchObject({ line: 1, message: 'no `messages` array', expected: expect.stringContaining('"messages"') });
  });
});
