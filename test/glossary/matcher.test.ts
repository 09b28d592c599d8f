import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { loadGlossary, parseGlossary } from '../../src/glossary/curated.js';

const term = (t: string, aliases: string[] = [], en: string[] = []): string =>
  `  - term: ${t}\n    en: [${en.join(', ')}]\n    aliases: [${aliases.join(', ')}]\n    definition: 测试。\n    category: business\n`;

const glossary = parseGlossary(
  'variants:\n  - from: 帐\n    to: 账\nterms:\n' +
    term('退款', [], ['refund']) +
    term('原路退回', ['原路退款']) +
    term('非原路退款', ['非原路退回']) +
    term('代付') +
    term('代付通道') +
    term('支付通道', ['通道']) +
    term('SDK', [], ['software development kit']) +
    term('API') +
    term('TN') +
    term('消费流水号') +
    term('T+1') +
    term('支付账户') +
    term('账户余额') +
    term('虚拟账户', ['虚户']) +
    term('银联WAP网页支付') +
    term('信用卡', [], ['credit card']) +
    term('贷方', [], ['credit']),
);
const matcher = buildTermMatcher(glossary);
const found = (text: string): string[] => matcher.find(text).map((m) => `${m.term}|${m.form}`);

describe('TermMatcher.find', () => {
  it('reports canonical term, the form as written, the glossary entry and offsets', () => {
    const text = '这单能不能原路退款呢';
    expect(matcher.find(text)).toEqual([{ term: '原路退回', form: '原路退款', entry: '原路退款', start: 5, end: 9 }]);
  });

  it('prefers the longest of overlapping terms', () => {
    expect(found('非原路退款和原路退款，还有普通退款')).toEqual(['非原路退款|非原路退款', '原路退回|原路退款', '退款|退款']);
    expect(found('走代付通道还是通道直连')).toEqual(['代付通道|代付通道', '支付通道|通道']);
  });

  it('takes the earliest of two equally long overlapping terms', () => {
    expect(found('查支付账户余额')).toEqual(['支付账户|支付账户']);
  });

  it('is case- and width-insensitive and keeps offsets in the original text', () => {
    const text = '😀接入ＳＤＫ和Api';
    const ms = matcher.find(text);
    expect(ms.map((m) => [m.term, m.form, text.slice(m.start, m.end)])).toEqual([
      ['SDK', 'ＳＤＫ', 'ＳＤＫ'],
      ['API', 'Api', 'Api'],
    ]);
    expect(ms[0]!.start).toBe(4);
  });

  it('matches English forms only at word boundaries', () => {
    expect(found('RAPID 和 ATN 都不是')).toEqual([]);
    expect(found('调API拿TN号')).toEqual(['API|API', 'TN|TN']);
    expect(found('T+10 天不算，T+1结算才算')).toEqual(['T+1|T+1']);
    expect(found('an ATN of TNT')).toEqual([]);
  });

  it('matches multi-word English forms and prefers the longer phrase', () => {
    expect(found('a Credit Card is not a credit note')).toEqual(['信用卡|Credit Card', '贷方|credit']);
    expect(found('our Software  Development Kit')).toEqual(['SDK|Software  Development Kit']);
  });

  it('ignores spaces next to Chinese and folds variants', () => {
    expect(found('用银联 WAP 网页支付')).toEqual(['银联WAP网页支付|银联 WAP 网页支付']);
    expect(found('帐户余额不足')).toEqual(['账户余额|帐户余额']);
  });

  it('does not match inside URLs', () => {
    expect(found('见 https://example.com/cgi-bin?api=1&tn=2 的API')).toEqual(['API|API']);
  });
});

describe('TermMatcher.termsIn and canonicalIn', () => {
  const texts = ['接入sdk', 'SDK 很好用', '虚户就是虚拟账户', '帐户余额', '消费流水号即TN'];

  it('lists each form used once, in the glossary spelling when only case or width differ', () => {
    expect(matcher.termsIn(texts)).toEqual(['SDK', 'TN', '帐户余额', '消费流水号', '虚户', '虚拟账户']);
  });

  it('lists canonical terms', () => {
    expect(matcher.canonicalIn(texts)).toEqual(['SDK', 'TN', '消费流水号', '虚拟账户', '账户余额']);
  });

  it('looks up an entry by any of its forms', () => {
    expect(matcher.lookup('ｓｄｋ')?.term).toBe('SDK');
    expect(matcher.lookup('虚户')?.term).toBe('虚拟账户');
    expect(matcher.lookup('不存在')).toBeUndefined();
  });
});

describe('the real glossary', () => {
  const real = buildTermMatcher(loadGlossary(fileURLToPath(new URL('../../glossary/payments.yaml', import.meta.url))));

  it('finds the terms of an invented payments chat', () => {
    const chat = [
      '林小雨-某某支付-产品-杭州：你们做非原路退款时，是用代付通道打款给用户？',
      '周大海-某银行-架构-上海：默认原路退回；卡注销了才把钱放进账户余额，让用户自行提现',
      '接银联云闪付要用ＳＤＫ，拿到 TN 再调控件；结算是T+1，借贷记卡费率不同',
    ];
    expect(real.termsIn(chat)).toEqual(
      ['SDK', 'T+1', 'TN', '代付通道', '借贷记卡', '原路退回', '提现', '结算', '账户余额', '费率', '银联云闪付', '非原路退款'].sort(),
    );
    expect(real.canonicalIn(chat)).toContain('云闪付');
  });
});
