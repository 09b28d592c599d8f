import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cocolianAnon } from '../../src/ingest/readers/cocolian-anon.js';
import { cocolianSource } from '../../src/ingest/readers/cocolian-source.js';
import { cocolianSourceMerged } from '../../src/ingest/readers/cocolian-source-merged.js';
import { fixture } from './helpers.js';

const text = (rel: string) => readFileSync(fixture(rel), 'utf8').replace(/\r\n?/g, '\n');

describe('cocolian-source reader', () => {
  const file = 'transcripts/2019-04-02-chat.markdown';
  const { transcript, diagnostics } = cocolianSource.read(text('source/2019-04-02-chat.markdown'), file);
  const msgs = transcript.messages;

  it('reads the front matter', () => {
    expect(diagnostics).toEqual([]);
    expect(transcript.file).toBe(file);
    expect(transcript.format).toBe('cocolian-source');
    expect(transcript.date).toBe('2019-04-02');
    expect(transcript.title).toBe('2019-04-02-WeChat');
    expect(transcript.meta).toMatchObject({ layout: 'source', lines: 6, tag: ['chat'], date: '2019-04-02 12:00:00' });
  });

  it('gives every header a message with id, line, time, timestamp and speaker', () => {
    expect(msgs.map((m) => [m.id, m.line, m.time, m.speaker])).toEqual([
      ['m1', 9, '09:01:05', '林小雨-某某支付-产品-杭州'],
      ['m2', 13, '09:02:40', '赵一鸣-示例银行-架构-北京'],
      ['m3', 20, '09:03:12', ''],
      ['m4', 24, '09:04:00', 'Quentin-演示科技-研发-深圳'],
      ['m5', 26, '09:05:30', '陈默-测试钱包-风控-上海'],
      ['m6', 30, '09:06:00', '我'],
    ]);
    expect(msgs[0]!.timestamp).toBe('2019-04-02T09:01:05');
  });

  it('keeps multi-line bodies, inner blank lines and raw entities; trims the edges', () => {
    expect(msgs[0]!.raw).toBe('请问大家，聚合支付的分账一般是实时到账吗？');
    expect(msgs[1]!.raw).toBe('一般是T+1结算\n实时分账要看通道是否支持\n\n还要看备付金的要求');
    expect(msgs[2]!.raw).toBe('[强]');
    expect(msgs[3]!.raw).toBe('');
    expect(msgs[4]!.raw).toContain('&amp;amp; 要单独签约');
    expect(msgs[4]!.raw.endsWith(' ')).toBe(false);
    expect(msgs[5]!.raw).toMatch(/^!\[2019-04-02 09:06:00\]\(http/);
  });

  it('fills the normaliser fields with defaults', () => {
    expect(msgs[1]).toMatchObject({
      profile: null,
      text: msgs[1]!.raw,
      kind: 'text',
      kindRule: null,
      mentions: [],
      quote: null,
      platformId: null,
      platformReplyId: null,
      duplicateOf: null,
    });
  });

  it('reads a file with CRLF line ends once decoded', () => {
    const r = cocolianSource.read(text('source/2019-04-03-chat.markdown'), 'b.markdown');
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript.messages.map((m) => m.line)).toEqual([8, 12, 17]);
    expect(r.transcript.messages[1]!.raw).toBe('[微信支付退款规则\n说明](http://example.invalid/refund)');
  });

  it('takes the date from the file name when the front matter has none', () => {
    const r = cocolianSource.read('> 08:00:00  林小雨-某某支付-产品-杭州\n早\n', 'x/2020-01-31-chat.markdown');
    expect(r.transcript.date).toBe('2020-01-31');
    expect(r.transcript.messages[0]!.timestamp).toBe('2020-01-31T08:00:00');
    expect(r.transcript.messages[0]!.raw).toBe('早');
  });

  it('leaves the timestamp null when no date is known', () => {
    const r = cocolianSource.read('> 8:00:00  林小雨\n早\n', 'chat.markdown');
    expect(r.transcript.date).toBeNull();
    expect(r.transcript.messages[0]).toMatchObject({ time: '08:00:00', timestamp: null });
  });

  it('reports a header that does not parse and reads the rest', () => {
    const r = cocolianSource.read(text('bad/2019-04-07-chat.markdown'), 'bad.markdown');
    expect(r.transcript.messages.map((m) => [m.line, m.time, m.raw])).toEqual([
      [10, '15:00:00', '清分和清算有什么区别？'],
      [18, '15:02:00', '清分算每家该得多少，清算是实际划款'],
      [26, '15:04:00', '明白了'],
    ]);
    expect(r.transcript.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'bad.markdown', line: 8, severity: 'warning', expected: '`> HH:MM:SS  Speaker`' }),
      expect.objectContaining({ file: 'bad.markdown', line: 14, severity: 'error', expected: '`> HH:MM:SS  Speaker`' }),
      expect.objectContaining({ file: 'bad.markdown', line: 22, severity: 'error', expected: '`> HH:MM:SS  Speaker`' }),
    ]);
    expect(r.diagnostics[2]!.message).toContain('12:61:00');
  });

  it('reports malformed YAML front matter at its line and still reads the messages', () => {
    const r = cocolianSource.read(text('bad/2019-04-05-chat.markdown'), 'bad/2019-04-05-chat.markdown');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ file: 'bad/2019-04-05-chat.markdown', line: 3 });
    expect(errors[0]!.message).toMatch(/^malformed front matter/);
    expect(errors[0]!.expected).toContain('`---`');
    expect(r.transcript.messages).toHaveLength(2);
    // the front matter is lost, so the date comes from the file name
    expect(r.transcript.messages[1]!.timestamp).toBe('2019-04-05T10:01:30');
  });

  it('reports an unterminated front matter at line 1 and still reads the messages', () => {
    const r = cocolianSource.read(text('bad/2019-04-06-chat.markdown'), 'bad/2019-04-06-chat.markdown');
    expect(r.diagnostics).toEqual([
      {
        file: 'bad/2019-04-06-chat.markdown',
        line: 1,
        severity: 'error',
        message: 'front matter is not closed',
        source: 'ingest',
        expected: 'a `---` line closing the front matter opened at line 1',
      },
    ]);
    expect(r.transcript.messages.map((m) => [m.line, m.raw])).toEqual([
      [5, '条码支付的限额是多少？'],
      [9, '看风险等级，静态码每天500'],
    ]);
  });

  it('warns on a front matter date that is not a date', () => {
    const r = cocolianSource.read('---\ndate: soon\n---\n> 08:00:00  A\nx\n', '2021-02-03-chat.markdown');
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'warning' })]);
    expect(r.transcript.date).toBe('2021-02-03');
  });
});

describe('cocolian-source-merged reader', () => {
  it('reads dated headers under day headings', () => {
    const { transcript, diagnostics } = cocolianSourceMerged.read(text('merged/2019-05-03-merged.markdown'), 'm.markdown');
    expect(diagnostics).toEqual([]);
    expect(transcript.format).toBe('cocolian-source-merged');
    expect(transcript.date).toBe('2019-05-01');
    expect(transcript.messages.map((m) => [m.id, m.line, m.time, m.timestamp, m.speaker, m.raw])).toEqual([
      ['m1', 9, '22:10:00', '2019-05-01T22:10:00', '林小雨-某某支付-产品-杭州', '断直连以后，备付金怎么走？'],
      ['m2', 13, '23:59:30', '2019-05-01T23:59:30', '赵一鸣-示例银行-架构-北京', '走集中存管户\n人行统一管理'],
      ['m3', 19, '00:00:10', '2019-05-02T00:00:10', '陈默-测试钱包-风控-上海', '明白了，谢谢'],
      ['m4', 23, '08:30:00', '2019-05-02T08:30:00', '', ''],
      ['m5', 26, '08:00:00', '2019-05-03T08:00:00', '范小舟-演示科技-架构-南京', '[早报] 今日支付行业新闻'],
    ]);
  });

  it('rolls the day over when undated times go backwards, ending on the file date', () => {
    const { transcript, diagnostics } = cocolianSourceMerged.read(text('merged/2019-06-20-merged.markdown'), 'old.markdown');
    expect(diagnostics).toEqual([]);
    expect(transcript.messages.map((m) => [m.time, m.timestamp])).toEqual([
      ['21:00:00', '2019-06-18T21:00:00'],
      ['23:15:20', '2019-06-18T23:15:20'],
      ['08:05:00', '2019-06-19T08:05:00'],
      ['08:05:00', '2019-06-19T08:05:00'],
      ['07:59:59', '2019-06-20T07:59:59'],
    ]);
    expect(transcript.date).toBe('2019-06-18');
  });

  it('rolls over from a day heading for undated headers', () => {
    const src = '## 2019-12-31\n> 23:00:00  A\nx\n> 01:00:00  B\ny\n';
    const { transcript } = cocolianSourceMerged.read(src, 'm.markdown');
    expect(transcript.messages.map((m) => m.timestamp)).toEqual(['2019-12-31T23:00:00', '2020-01-01T01:00:00']);
  });

  it('reports bad headers and headings with the expected form', () => {
    const src = '## 2019-02-30\n> 2019-02-27 25:00:00  A\nx\n> 2019-02-27 10:00:00  B\ny\n';
    const { transcript, diagnostics } = cocolianSourceMerged.read(src, 'm.markdown');
    expect(diagnostics.map((d) => [d.line, d.severity, d.expected])).toEqual([
      [1, 'error', '`## YYYY-MM-DD`'],
      [2, 'error', '`> YYYY-MM-DD HH:MM:SS  Speaker` or `> HH:MM:SS  Speaker`'],
    ]);
    expect(transcript.messages.map((m) => [m.line, m.raw])).toEqual([[4, 'y']]);
  });
});

describe('cocolian-anon reader', () => {
  const { transcript, diagnostics } = cocolianAnon.read(text('anon/2019-07-01-wechat1.markdown'), 'anon.markdown');

  it('reads every line variant, with continuation lines and empty messages', () => {
    expect(diagnostics).toEqual([]);
    expect(transcript.date).toBe('2019-07-01');
    expect(transcript.title).toBe('聊天记录2019-07-01未整理版');
    expect(transcript.messages.map((m) => [m.id, m.line, m.time, m.timestamp, m.speaker, m.raw])).toEqual([
      ['m1', 10, '09:05:11', '2019-07-01T09:05:11', '', '请问有人做过跨境收单吗？'],
      ['m2', 11, '09:06:40', '2019-07-01T09:06:40', '', '@XXX?做过，需要外管局备案'],
      ['m3', 12, '10:01:02', '2019-07-01T10:01:02', '', '境外商户的结算币种怎么定？'],
      ['m4', 13, '10:01:30', '2019-07-01T10:01:30', '', '一般按合同约定\n通常是美元或港币'],
      ['m5', 15, '10:02:00', '2019-07-01T10:02:00', '', ''],
      ['m6', 16, '10:03:15', '2019-07-01T10:03:15', '', '好的，谢谢 &amp;#160;'],
    ]);
  });

  it('reports an out-of-range time and keeps the other lines', () => {
    const r = cocolianAnon.read('前言\n10:00:00  a\n10:75:00  b\n  c\n10:01:00\td\n', 'x.markdown');
    expect(r.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [1, 'warning'],
      [3, 'error'],
    ]);
    expect(r.diagnostics[1]!.expected).toBe('`HH:MM:SS  text` or `H:MM:SS<TAB>text`');
    expect(r.transcript.messages.map((m) => m.raw)).toEqual(['a', 'd']);
  });
});
