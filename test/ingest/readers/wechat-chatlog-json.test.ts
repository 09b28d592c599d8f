import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { wechatChatlogJson } from '../../../src/ingest/readers/wechat-chatlog-json.js';
import { fixture } from '../helpers.js';

describe('wechat-chatlog-json reader', () => {
  const file = fixture('wechat-chatlog-json/chatlog.json');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads each message with the line its object starts on and its seq', () => {
    expect(transcript).toMatchObject({ format: 'wechat-chatlog-json', date: '2024-03-12', title: '支付产品交流群', meta: { talker: '43210987654@chatroom', isChatRoom: true } });
    expect(msgs.map((m) => [m.line, m.time, m.speaker, m.platformId])).toEqual([
      [2, '09:14:00', '', '1710206040000'],
      [15, '09:15:02', '林小雨-某某支付-产品-杭州', '1710206102000'],
      [28, '09:16:40', '赵一鸣-示例银行-架构-北京', '1710206200000'],
      [41, '09:17:05', '陈默-测试钱包-风控-上海', '1710206225000'],
      [57, '09:17:20', '陈默-测试钱包-风控-上海', '1710206240000'],
      [70, '09:18:00', '林小雨-某某支付-产品-杭州', '1710206280000'],
      [98, '09:19:10', 'Quentin-演示科技-研发-深圳', '1710206350000'],
      [127, '09:22:00', '赵一鸣-示例银行-架构-北京', '1710206520000'],
      [144, '09:23:00', 'Quentin-演示科技-研发-深圳', '1710206580000'],
    ]);
    // the wall clock as written, not converted to UTC
    expect(msgs[1]!.timestamp).toBe('2024-03-12T09:15:02');
  });

  it('keeps a multi-line message', () => {
    expect(msgs[2]!.raw).toBe('一般是T+1结算\n实时分账要看通道是否支持');
  });

  it('resolves a quote (type 49/57) to the referred message by its time and sender', () => {
    expect(msgs[5]).toMatchObject({
      raw: 'T+1是指工作日还是自然日？',
      quote: { speaker: '赵一鸣-示例银行-架构-北京', text: '一般是T+1结算\n实时分账要看通道是否支持', messageId: 'm3' },
      platformReplyId: '1710206200000',
    });
  });

  it('sets system, image, sticker and link kinds from the type', () => {
    expect(msgs.map((m) => m.kind)).toEqual(['system', 'text', 'text', 'image', 'sticker', 'text', 'text', 'link', 'text']);
    expect(msgs[0]).toMatchObject({ kindRule: 'reader/wechat-chatlog-json-type', raw: '"林小雨-某某支付-产品-杭州"邀请"Quentin-演示科技-研发-深圳"加入了群聊' });
    expect(msgs[7]!.raw).toBe('[分账退款接口说明](https://example.invalid/split-refund)');
    expect(msgs[1]!.kindRule).toBeNull();
  });

  it('reports a record without `time` and one with a JSON syntax error, and reads the rest', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 111, severity: 'error', message: 'message has no valid `time` (null)' }),
      expect.objectContaining({ file, line: 122, severity: 'error', message: "message 9 (from line 119) is not valid JSON: Expected ',' or '}' after property value" }),
    ]);
  });

  it('reads the same export written on one line', () => {
    const good = (JSON.parse(readFileSync(file, 'utf8').replace(/"time": "2024-03-12T09:21:00\+08:00"\n/, '"time": "2024-03-12T09:21:00+08:00",\n')) as unknown[]).filter(
      (r) => (r as { time?: string }).time !== undefined,
    );
    const r = wechatChatlogJson.read(JSON.stringify(good), 'one-line.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript.messages).toHaveLength(10);
    expect(r.transcript.messages.every((m) => m.line === 1)).toBe(true);
    expect(r.transcript.messages[5]!.quote?.messageId).toBe('m3');
  });

  it('uses the refer seq when chatlog gives one, and leaves an unknown target unresolved', () => {
    const base = { talker: 'r@chatroom', talkerName: '群', isChatRoom: true, isSelf: false, subType: 0 };
    const records = [
      { ...base, seq: 11, time: '2024-03-12T09:00:00+08:00', sender: 'a', senderName: '林小雨', type: 1, content: '早' },
      { ...base, seq: 12, time: '2024-03-12T09:01:00+08:00', sender: 'b', senderName: '赵一鸣', type: 49, subType: 57, content: '早安', contents: { refer: { seq: 11, sender: 'a', senderName: '林小雨', type: 1, content: '早' } } },
      { ...base, seq: 13, time: '2024-03-12T09:02:00+08:00', sender: 'b', senderName: '赵一鸣', type: 49, subType: 57, content: '?', contents: { refer: { seq: 0, time: '2024-03-01T09:00:00+08:00', sender: 'c', senderName: '陈默', type: 3, content: '' } } },
    ];
    const msgs2 = wechatChatlogJson.read(JSON.stringify(records, null, 2), 'x.json').transcript.messages;
    expect(msgs2[1]).toMatchObject({ platformReplyId: '11', quote: { speaker: '林小雨', text: '早', messageId: 'm1' } });
    expect(msgs2[2]).toMatchObject({ platformReplyId: null, quote: { speaker: '陈默', text: '[图片]', messageId: null } });
  });

  it('reads a saved webhook body, and a file of bodies one per line, each message once', () => {
    const one = readTranscriptFile(fixture('wechat-chatlog-json/webhook-body.json'));
    expect(one.diagnostics).toEqual([]);
    expect(one.transcript).toMatchObject({ format: 'wechat-chatlog-json', title: '支付产品交流群' });
    expect(one.transcript!.messages.map((m) => [m.line, m.speaker, m.platformId])).toEqual([
      [1, '林小雨-某某支付-产品-杭州', '1710206102000'],
      [1, '赵一鸣-示例银行-架构-北京', '1710206200000'],
    ]);
    const many = readTranscriptFile(fixture('wechat-chatlog-json/webhook-bodies.jsonl'));
    expect(many.diagnostics).toEqual([]);
    // the second body repeats the answer: it is read once; the quote-reply finds it
    expect(many.transcript!.messages.map((m) => [m.line, m.platformId, m.quote?.messageId ?? null])).toEqual([
      [1, '1710206102000', null],
      [1, '1710206200000', null],
      [2, '1710206280000', 'm2'],
    ]);
  });

  it('reports a broken webhook body by its line and reads the others', () => {
    const good = '{"keyword":"","lastTime":"2024-03-12 09:15:03","length":1,"messages":[{"seq":1,"time":"2024-03-12T09:15:02+08:00","talker":"t","sender":"s","senderName":"林小雨","type":1,"content":"结算周期是T+1吗？"}],"sender":"","talker":"t"}';
    const r = wechatChatlogJson.read(`${good}\n{"keyword":"","lastTime":"x","messages":[{"seq":2,\n`, 'hook.jsonl');
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'error', message: expect.stringMatching(/^webhook body is not valid JSON/) })]);
    expect(r.transcript.messages).toHaveLength(1);
  });
});
