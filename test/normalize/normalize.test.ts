import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/normalize/index.js';
import { rules, transcript, type RawMessage } from './helpers.js';

const SEP = ' - - - - - - - - - - - - - - - ';

const DAY: RawMessage[] = [
  ['09:03:48', '白小枫', '【早报】 2019年3月4日 星期一 ———— 【今日头条】 1、某银行上线新系统 2、某机构获批牌照 &amp;#160; 【周边资讯】 1、某地出台新规'],
  ['09:06:36', 'A&B工作室-电商-成都', '[强]'],
  ['09:30:07', '林小雨-某某支付-产品-杭州', '请问退款只能原路退回吗？&amp;amp;有没有别的办法'],
  ['09:31:00', '周海涛_云帆科技_产品_深圳', '@林小雨-某某支付-产品-杭州?电商的话不只原路，用户注销了就退不回去'],
  ['09:32:10', '陈一帆-星河金服-架构师-上海', `「 林小雨-某某支付-产品-杭州: 请问退款只能原路退回吗？&amp;amp;有没有别的办法 」${SEP}可以退到账户余额`],
  ['09:33:00', '林小雨-某某支付-产品-杭州', '@A&amp;amp;B工作室-电商-成都 你们怎么做的'],
  ['09:34:00', '程小月_群管理', '签到'],
  ['09:34:00', '林小雨-某某支付-产品-杭州', '签到'],
  ['09:35:00', '陈一帆-星河金服-架构师-上海', '![2019-03-04 09:35:00](http://static.example.org/img/201903/20190304_093500.png)'],
  ['09:36:00', '周海涛_云帆科技_产品_深圳', ''],
  ['09:37:00', '周海涛_云帆科技_产品_深圳', '对账\u3000文件\u00a0几点出？'],
  ['09:37:00', '周海涛_云帆科技_产品_深圳', '对账\u3000文件\u00a0几点出？'],
];

describe('normalize', () => {
  const input = transcript(DAY);
  const snapshot = JSON.stringify(input);
  const out = normalize(input, rules());
  const m = (n: number) => out.messages[n - 1]!;

  it('returns a new transcript and leaves the input as it was', () => {
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(out).not.toBe(input);
    expect(out.messages).toHaveLength(DAY.length);
    expect(out.messages.map((x) => x.id)).toEqual(input.messages.map((x) => x.id));
    expect(out.messages.map((x) => x.raw)).toEqual(input.messages.map((x) => x.raw));
  });

  it('decodes entities and folds spaces in the text', () => {
    expect(m(3).text).toBe('请问退款只能原路退回吗？&有没有别的办法');
    expect(m(11).text).toBe('对账 文件 几点出？');
  });

  it('sets kinds with the rule that decided them', () => {
    expect(out.messages.map((x) => x.kind)).toEqual([
      'news', 'emoji', 'text', 'text', 'text', 'text', 'checkin', 'checkin', 'image', 'empty', 'text', 'text',
    ]);
    expect(m(1).kindRule).toBe('noise/news-digest');
    expect(m(3).kindRule).toBeNull();
  });

  it('fills speaker profiles', () => {
    expect(m(3).profile).toEqual({ display: '林小雨-某某支付-产品-杭州', name: '林小雨', org: '某某支付', role: '产品', city: '杭州' });
    expect(m(7).profile).toMatchObject({ name: '程小月', role: '群管理' });
  });

  it('resolves a mention, drops the lossy ? and gives offsets into the text', () => {
    expect(m(4).text).toBe('@林小雨-某某支付-产品-杭州电商的话不只原路，用户注销了就退不回去');
    expect(m(4).mentions).toEqual([
      { raw: '@林小雨-某某支付-产品-杭州?', name: '林小雨-某某支付-产品-杭州', speaker: '林小雨-某某支付-产品-杭州', start: 0, end: 15 },
    ]);
  });

  it('matches an entity-escaped mention against a plain header', () => {
    expect(m(6).mentions[0]).toMatchObject({ name: 'A&B工作室-电商-成都', speaker: 'A&B工作室-电商-成都' });
  });

  it('splits a quote-reply and points the quote at the quoted message', () => {
    expect(m(5).quote).toEqual({ speaker: '林小雨-某某支付-产品-杭州', text: '请问退款只能原路退回吗？&有没有别的办法', messageId: 'm3' });
    expect(m(5).text).toBe('可以退到账户余额');
    expect(m(5).mentions).toEqual([]);
  });

  it('marks a same-second copy by the same speaker, not two people checking in together', () => {
    expect(out.messages.map((x) => x.duplicateOf)).toEqual([
      null, null, null, null, null, null, null, null, null, null, null, 'm11',
    ]);
  });
});

describe('normalize with a reader that knows message types', () => {
  it('keeps a kind the reader set from the platform, and classifies the rest', async () => {
    const { transcript, rules: loadRules } = await import('./helpers.js');
    const t = transcript([
      ['09:00:01', '林小雨-某某支付-产品-杭州', '签到'],
      ['09:00:02', '周海涛_云帆科技_产品_深圳', '签到'],
    ]);
    t.messages[0] = { ...t.messages[0]!, kind: 'system', kindRule: 'reader/telegram-service' };
    const out = normalize(t, loadRules());
    expect(out.messages[0]).toMatchObject({ kind: 'system', kindRule: 'reader/telegram-service' });
    expect(out.messages[1]).toMatchObject({ kind: 'checkin', kindRule: 'noise/checkin' });
  });
});
