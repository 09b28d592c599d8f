import { describe, expect, it } from 'vitest';
import {
  findQuoted,
  quoteSplits,
  resolveQuote,
  splitQuoteMarkup,
  type QuoteContext,
  type QuoteTarget,
} from '../../src/normalize/quotes.js';

const SEP = ' - - - - - - - - - - - - - - - ';

describe('splitQuoteMarkup', () => {
  it('splits the spaced and the compact forms', () => {
    expect(splitQuoteMarkup(`「 林小雨-某某支付-产品-杭州: 退款能退到余额吗？ 」${SEP}可以，看渠道`)).toEqual({
      inner: ' 林小雨-某某支付-产品-杭州: 退款能退到余额吗？ ',
      reply: '可以，看渠道',
    });
    expect(splitQuoteMarkup('「周海涛_云帆科技_产品_深圳：代扣要签约吗」 - - - - 要的')).toEqual({
      inner: '周海涛_云帆科技_产品_深圳：代扣要签约吗',
      reply: '要的',
    });
  });

  it('takes any number of dashes (two or more) and an empty reply', () => {
    expect(splitQuoteMarkup('「 王小明: 在吗 」 - - 在')?.reply).toBe('在');
    expect(splitQuoteMarkup(`「 王小明: 在吗 」${SEP}`)?.reply).toBe('');
  });

  it('keeps quoted text with newlines and with its own 「」', () => {
    const m = splitQuoteMarkup(`「 王小明: 第一行\n没有「提现」这个说法 」${SEP}那叫什么`);
    expect(m).toEqual({ inner: ' 王小明: 第一行\n没有「提现」这个说法 ', reply: '那叫什么' });
  });

  it('leaves 「」 used as quotation marks alone', () => {
    expect(splitQuoteMarkup('在「移动支付」唱主角的时代，「聚合支付」往哪走？')).toBeNull();
    expect(splitQuoteMarkup('「退款」 - 这个词不对')).toBeNull();
  });
});

describe('quoteSplits', () => {
  it('prefers a known speaker, even one whose name holds a colon', () => {
    const known = ['Tom:CTO-某某支付', 'Tom'];
    expect(quoteSplits(' Tom:CTO-某某支付: 分账怎么退？ ', known)).toEqual([{ speaker: 'Tom:CTO-某某支付', text: '分账怎么退？' }]);
    expect(quoteSplits('阿木：备注：见附件', ['阿木：备注'])).toEqual([{ speaker: '阿木：备注', text: '见附件' }]);
  });

  it('without a known name, tries colons followed by a space first in the spaced form', () => {
    const splits = quoteSplits(' Tom:CTO: 对账用的时间：交易时间 ', []);
    expect(splits[0]).toEqual({ speaker: 'Tom:CTO', text: '对账用的时间：交易时间' });
    expect(splits.map((s) => s.speaker)).toContain('Tom');
  });

  it('in the compact form tries colons in order', () => {
    expect(quoteSplits('王小明：几点：八点', [])[0]).toEqual({ speaker: '王小明', text: '几点：八点' });
  });
});

describe('findQuoted / resolveQuote', () => {
  const earlier: QuoteTarget[] = [
    { id: 'm1', speaker: '林小雨-某某支付-产品-杭州', text: '退款能退到余额吗？' },
    { id: 'm2', speaker: '周海涛', text: '退款能退到余额吗？' },
    { id: 'm3', speaker: '林小雨-某某支付-产品-杭州', text: '退款能退到余额吗？还是只能原路？' },
    { id: 'm4', speaker: '陈一帆-星河金服-架构师-上海', text: '非原路退款要走代付通道' },
    { id: 'm5', speaker: 'Tom:CTO', text: '对账用的时间：交易时间' },
  ];
  const ctx: QuoteContext = {
    earlier,
    displayOf: (s) => s,
    nameOf: (d) => (d.split(/[-_]/)[0] ?? '').toLowerCase() || null,
  };

  it('finds the latest earlier message by the quoted speaker that contains the quoted text', () => {
    expect(findQuoted({ speaker: '林小雨-某某支付-产品-杭州', text: '退款能退到余额吗？' }, ctx)).toBe('m3');
  });

  it('ignores spacing and lost-emoji marks when comparing', () => {
    expect(findQuoted({ speaker: '林小雨-某某支付-产品-杭州', text: '退款能退到 余额吗?' }, ctx)).toBe('m3');
  });

  it('falls back to the same person under another display name', () => {
    expect(findQuoted({ speaker: '陈一帆-某某银行-PM', text: '非原路退款要走代付通道' }, ctx)).toBe('m4');
  });

  it('falls back to anybody only for a long enough quote', () => {
    expect(findQuoted({ speaker: '不认识的人', text: '非原路退款要走代付通道' }, ctx)).toBe('m4');
    expect(findQuoted({ speaker: '不认识的人', text: '原路？' }, ctx)).toBeNull();
  });

  it('returns null when nothing earlier contains the text', () => {
    expect(findQuoted({ speaker: '林小雨-某某支付-产品-杭州', text: '提现要手续费吗' }, ctx)).toBeNull();
  });

  it('chooses the reading of the name whose quoted text is found', () => {
    const markup = splitQuoteMarkup(`「 Tom:CTO: 对账用的时间：交易时间 」${SEP}明白`)!;
    expect(resolveQuote(markup, [], ctx)).toEqual({ speaker: 'Tom:CTO', text: '对账用的时间：交易时间', messageId: 'm5' });
  });

  it('gives no quote for an inner part without a name', () => {
    const markup = splitQuoteMarkup(`「 只有一句话 」${SEP}嗯`)!;
    expect(resolveQuote(markup, [], ctx)).toBeNull();
  });
});
