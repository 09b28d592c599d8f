import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { wechatMemotraceAiTxt } from '../../../src/ingest/readers/wechat-memotrace-ai-txt.js';
import { fixture } from '../helpers.js';

describe('wechat-memotrace-ai-txt reader', () => {
  // written as MemoTrace's AiTxtExporter writes it: a name only when the side changes, each
  // message its text and one space
  const file = fixture('wechat-memotrace-ai-txt/支付产品交流群_chat.txt');
  const { transcripts, diagnostics } = readTranscriptFile(file);

  it('makes each day a transcript of its own, named after the chat', () => {
    expect(diagnostics).toEqual([]);
    expect(transcripts.map((t) => [t.file, t.format, t.date, t.title])).toEqual([
      [`${file}#2024-03-12`, 'wechat-memotrace-ai-txt', '2024-03-12', '支付产品交流群'],
      [`${file}#2024-03-13`, 'wechat-memotrace-ai-txt', '2024-03-13', '支付产品交流群'],
    ]);
  });

  it('cuts turns into messages at the exporter’s spaces, keeps a message’s own lines and English spaces', () => {
    expect(transcripts[0]!.messages.map((m) => [m.line, m.time, m.timestamp, m.speaker, m.raw])).toEqual([
      [5, '', null, '林小雨-某某支付-产品-杭州', '请问大家，只支持原路退回吗？'],
      [5, '', null, '林小雨-某某支付-产品-杭州', '用户的卡注销了怎么办'],
      [6, '', null, '我', '可以走非原路退款。'],
      [6, '', null, '我', '退到本人名下其他卡，要做身份核验\n记得留存凭证'],
      [8, '', null, '赵一鸣-示例银行-架构-北京', '明白了，谢谢'],
    ]);
    expect(transcripts[1]!.messages[1]!.raw).toBe('一般说 inflow / outflow，也有 credit / debit 的说法');
  });

  it('gives a day that opens on the same side the speaker of the turn it carries on', () => {
    expect(transcripts[1]!.messages[0]).toMatchObject({ line: 11, speaker: '赵一鸣-示例银行-架构-北京', raw: '入账、出账英文怎么说？' });
  });

  it('warns of text before the first day line and of a day that does not exist', () => {
    const r = wechatMemotraceAiTxt.read(`stray\n${'*'.repeat(20)}2024-02-30${'*'.repeat(20)}\n\n林小雨:你好 \n`, 'x_chat.txt');
    expect(r.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [1, 'warning', 'text before the first day line is ignored'],
      [2, 'warning', 'no such day `2024-02-30`; its messages are left out'],
    ]);
  });
});
