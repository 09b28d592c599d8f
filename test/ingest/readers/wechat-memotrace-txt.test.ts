import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { wechatMemotraceTxt } from '../../../src/ingest/readers/wechat-memotrace-txt.js';
import { fixture } from '../helpers.js';

describe('wechat-memotrace-txt reader', () => {
  const file = fixture('wechat-memotrace-txt/支付产品交流群.txt');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads a header per message with its line, time and speaker', () => {
    expect(transcript).toMatchObject({ format: 'wechat-memotrace-txt', date: '2024-03-12', title: '支付产品交流群' });
    expect(msgs.map((m) => [m.line, m.time, m.speaker, m.kind])).toEqual([
      [1, '09:14:00', '', 'system'],
      [3, '09:15:02', '林小雨-某某支付-产品-杭州', 'text'],
      [6, '09:16:40', '赵一鸣-示例银行-架构-北京', 'text'],
      [12, '09:17:05', '陈默-测试钱包-风控-上海', 'image'],
      [15, '09:17:20', '陈默-测试钱包-风控-上海', 'sticker'],
      [18, '09:18:00', '林小雨-某某支付-产品-杭州', 'text'],
      [25, '09:19:10', 'Quentin-演示科技-研发-深圳', 'text'],
      [31, '09:21:00', '赵一鸣-示例银行-架构-北京', 'text'],
      [35, '09:22:00', '林小雨-某某支付-产品-杭州', 'link'],
      [42, '09:23:00', '', 'system'],
      [44, '09:24:00', 'Quentin-演示科技-研发-深圳', 'text'],
    ]);
    expect(msgs.every((m) => m.platformId === null)).toBe(true);
  });

  it('keeps multi-line bodies with their inner blank line', () => {
    expect(msgs[2]!.raw).toBe('一般是T+1结算\n实时分账要看通道是否支持\n\n还要看备付金的要求');
  });

  it('splits `引用:Name:text` off the reply into a quote and finds the quoted message', () => {
    expect(msgs[5]!.raw).toBe('T+1是指工作日还是自然日？');
    expect(msgs[5]!.quote).toEqual({ speaker: '赵一鸣-示例银行-架构-北京', text: msgs[2]!.raw, messageId: 'm3' });
    // `引用:未知`: the exporter could not find the quoted message
    expect(msgs[7]).toMatchObject({ raw: '支持，但要先从分账方回退资金。', quote: null });
  });

  it('takes a header with no body for a system notice', () => {
    expect(msgs[0]).toMatchObject({ raw: '"林小雨-某某支付-产品-杭州"邀请"Quentin-演示科技-研发-深圳"加入了群聊', kindRule: 'reader/wechat-memotrace-txt-type' });
    expect(msgs[9]!.raw).toBe('"赵一鸣-示例银行-架构-北京"撤回了一条消息');
  });

  it('marks the exporter’s media labels and link cards', () => {
    expect(msgs[3]).toMatchObject({ raw: '[图片]', kindRule: 'reader/wechat-memotrace-txt-type' });
    expect(msgs[8]!.raw.split('\n')[0]).toBe('[链接]:title:分账退款接口说明');
    expect(msgs[1]!.kindRule).toBeNull();
  });

  it('reports a malformed header and drops its body', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 28, severity: 'error', expected: '`YYYY-MM-DD HH:MM:SS Name` after a blank line' }),
    ]);
    expect(diagnostics[0]!.message).toMatch(/^malformed message header `2024-03-12 9:20/);
    expect(msgs.some((m) => m.raw.includes('时间只有时和分'))).toBe(false);
  });

  it('does not take a pasted time stamp inside a body for a header', () => {
    const r = wechatMemotraceTxt.read('2024-03-12 09:00:00 林小雨\n会议改到\n2024-03-13 10:00:00 开始\n', 'x.txt');
    expect(r.transcript.messages).toHaveLength(1);
    expect(r.transcript.messages[0]!.raw).toBe('会议改到\n2024-03-13 10:00:00 开始');
  });

  it('is detected when long bodies make headers rare, and not for an application log', () => {
    const body = Array.from({ length: 12 }, (_, i) => `第${i + 1}点：分账规则说明`).join('\n');
    const long = ['09:00:00', '09:05:00', '09:10:00'].map((t) => `2024-03-12 ${t} 林小雨\n${body}\n`).join('\n');
    expect(wechatMemotraceTxt.detect(long, 'x.txt')).toBeGreaterThanOrEqual(0.5);
    const log = Array.from({ length: 20 }, (_, i) => `2024-03-12 09:00:${String(i).padStart(2, '0')} INFO settle batch ${i}`).join('\n');
    expect(wechatMemotraceTxt.detect(log, 'app.log')).toBeLessThan(0.5);
  });
});
