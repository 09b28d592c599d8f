import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { wechatMemotraceCsv } from '../../../src/ingest/readers/wechat-memotrace-csv.js';
import { fixture } from '../helpers.js';

const HEADER = 'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender';

describe('wechat-memotrace-csv reader', () => {
  // the fixture is as MemoTrace writes it: UTF-8 with BOM, CRLF records, LF inside fields
  const file = fixture('wechat-memotrace-csv/支付产品交流群_utf8.csv');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('detects and reads the export, named after the chat', () => {
    expect(transcript).toMatchObject({ format: 'wechat-memotrace-csv', date: '2024-03-12', title: '支付产品交流群', encoding: 'utf-8' });
    expect(msgs.map((m) => [m.id, m.line, m.time, m.speaker, m.platformId])).toEqual([
      ['m1', 2, '09:14:00', '', '7:1'],
      ['m2', 3, '09:15:02', '林小雨-某某支付-产品-杭州', '7:2'],
      ['m3', 4, '09:16:40', '赵一鸣-示例银行-架构-北京', '7:3'],
      ['m4', 7, '09:17:05', '陈默-测试钱包-风控-上海', '7:4'],
      ['m5', 8, '09:17:20', '陈默-测试钱包-风控-上海', '7:5'],
      ['m6', 9, '09:18:00', '林小雨-某某支付-产品-杭州', '7:6'],
      ['m7', 13, '09:19:10', 'Quentin-演示科技-研发-深圳', '7:7'],
      ['m8', 16, '09:22:00', '赵一鸣-示例银行-架构-北京', '7:10'],
      ['m9', 18, '09:23:00', 'Quentin-演示科技-研发-深圳', '7:11'],
    ]);
    expect(msgs[1]!.timestamp).toBe('2024-03-12T09:15:02');
  });

  it('keeps a quoted field with commas, line breaks and doubled quotes as one message', () => {
    expect(msgs[2]!.raw).toBe('一般是T+1结算，\n实时分账要看通道是否支持,\n他说"分账"要单独备案');
    expect(msgs[2]!.kind).toBe('text');
  });

  it('reads a quote-reply (type 49, SubType 57) from its <refermsg>', () => {
    expect(msgs[5]).toMatchObject({
      raw: 'T+1是指工作日还是自然日？',
      quote: { speaker: '赵一鸣-示例银行-架构-北京', text: msgs[2]!.raw, messageId: 'm3' },
      platformReplyId: '7301234567890123456',
      kind: 'text',
      kindRule: null,
    });
  });

  it('sets the kinds the type carries: system, image, sticker, link', () => {
    const kinds = msgs.map((m) => [m.kind, m.kindRule]);
    expect(kinds[0]).toEqual(['system', 'reader/wechat-memotrace-csv-type']);
    expect(kinds[3]).toEqual(['image', 'reader/wechat-memotrace-csv-type']);
    expect(kinds[4]).toEqual(['sticker', 'reader/wechat-memotrace-csv-type']);
    expect(kinds[7]).toEqual(['link', 'reader/wechat-memotrace-csv-type']);
    expect(msgs[0]!.raw).toBe('"林小雨-某某支付-产品-杭州"邀请"Quentin-演示科技-研发-深圳"加入了群聊');
    expect(msgs[3]!.raw).toBe('[图片]');
    expect(msgs[7]!.raw).toBe('[分账退款接口说明](https://example.invalid/split-refund?a=1&b=2)');
  });

  it('reports malformed records by line and reads the rest', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 14, severity: 'error', message: 'record has 8 field(s), the header has 12', expected: expect.stringContaining(HEADER) }),
      expect.objectContaining({ file, line: 15, severity: 'error', message: '`Type` is `文本`, not a number' }),
    ]);
    expect(msgs.at(-1)!.raw).toBe('Thanks, that clears it up.');
  });

  it('reports a bad StrTime and a header without the needed columns', () => {
    const bad = wechatMemotraceCsv.read(`${HEADER}\n1,7,1,0,0,0,2,早,2024-02-30 09:00:00,林小雨,小雨,wxid_a\n2,7,1,0,0,0,2,好,2024-03-01 09:00:00,林小雨,小雨,wxid_a\n`, 'a.csv');
    expect(bad.diagnostics).toEqual([expect.objectContaining({ line: 2, message: '`StrTime` is `2024-02-30 09:00:00`, not a date and time' })]);
    expect(bad.transcript.messages.map((m) => m.raw)).toEqual(['好']);
    const noCols = wechatMemotraceCsv.read('localId,TalkerId,Type\n1,7,1\n', 'b.csv');
    expect(noCols.diagnostics[0]).toMatchObject({ line: 1, message: 'header has no `StrContent`, `StrTime` column' });
  });

  it('reads the flattened quote some WeChatMsg builds write', () => {
    const text = `${HEADER}\n1,7,49,57,0,0,2,T+1是工作日吗<br/>引用：一般是T+1结算,2024-03-12 09:18:00,林小雨,小雨,wxid_a\n`;
    const m = wechatMemotraceCsv.read(text, 'c.csv').transcript.messages[0]!;
    expect(m.raw).toBe('T+1是工作日吗');
    expect(m.quote).toEqual({ speaker: '', text: '一般是T+1结算', messageId: null });
  });

  it('reads the nine-column pandas export (an index column first, no names): 我 when IsSender is 1, else the wxid line in front of the text', () => {
    const r = readTranscriptFile(fixture('wechat-memotrace-csv/pandas-nine/支付产品交流群.csv'));
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript).toMatchObject({ format: 'wechat-memotrace-csv', title: '支付产品交流群' });
    expect(r.transcript!.messages.map((m) => [m.line, m.time, m.speaker, m.kind, m.platformId, m.raw])).toEqual([
      [2, '09:15:02', 'wxid_lxy001', 'text', '7:1', '入账、出账英文怎么说？'],
      [4, '09:16:40', 'wxid_zym002', 'text', '7:2', '一般说 inflow / outflow'],
      [6, '09:17:10', '我', 'text', '7:3', '记账里也有 credit, debit 的说法'],
      [7, '09:17:30', 'wxid_chm003', 'sticker', '7:4', '[动画表情]'],
    ]);
  });

  it('reads the seven-column export with Chinese column names (CRLF, as Windows pandas wrote it)', () => {
    const r = readTranscriptFile(fixture('wechat-memotrace-csv/seven-column/支付产品交流群.csv'));
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript!.messages.map((m) => [m.line, m.time, m.speaker, m.kind, m.platformId, m.raw])).toEqual([
      [2, '15:17:47', 'wxid_lxy001', 'text', '43210987654@chatroom:101', '请问大家，只支持原路退回吗？卡注销了怎么退？'],
      [4, '15:19:02', 'wxid_zym002', 'text', '43210987654@chatroom:102', '卡注销可以走非原路退款，\n退到本人名下其他卡，要做身份核验'],
      [7, '15:20:30', '我', 'text', '43210987654@chatroom:103', '明白了，谢谢'],
      [8, '15:21:00', 'wxid_chm003', 'image', '43210987654@chatroom:104', '[图片]'],
      [10, '15:22:00', '', 'system', '43210987654@chatroom:105', '"赵一鸣"邀请"Quentin"加入了群聊'],
    ]);
    expect(r.transcript!.date).toBe('2020-10-06');
  });

  it('says which column a header of the old shape lacks', () => {
    const r = wechatMemotraceCsv.read(',用户名,消息内容,消息类型,isSend\n0,x,你好,1,0\n', 'a.csv');
    expect(r.diagnostics[0]).toMatchObject({ line: 1, message: 'header has no `StrTime` column' });
  });
});
