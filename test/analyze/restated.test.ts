// A message repeating someone else's question before answering it is an answer, not a
// new question (a talk's speaker pasting each queued question, `问题：… 回答：…`).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { normalize } from '../../src/normalize/index.js';
import { chat, resources } from '../link/helpers.js';

const A = '林小雨-青禾支付-支付产品-杭州';
const G = '陈思远-星河银行-清算运营-上海';

function flags(rows: [string, string, string][]) {
  const res = resources();
  const t = normalize(chat(rows), res.normalize);
  return analyze(t, res).map((a) => ({ question: a.question, rules: a.cues.map((c) => c.rule) }));
}

describe('restated questions', () => {
  it('a reply that pastes the question and answers it is not a question', () => {
    const f = flags([
      ['20:31:00', A, '请问清算文件里的轧差结果一般怎么用来划拨资金？'],
      ['20:35:00', G, '清算文件里的轧差结果一般怎么用来划拨资金？ 一般按场次轧差以后，由清算机构统一发起划拨'],
    ]);
    expect(f[0]!.question).toBe(true);
    expect(f[1]!.question).toBe(false);
    expect(f[1]!.rules).toContain('question/restates-earlier');
  });

  it('one\'s own question asked again stays a question', () => {
    const f = flags([
      ['20:31:00', A, '请问清算文件里的轧差结果一般怎么用来划拨资金？'],
      ['20:45:00', A, '再问一次：清算文件里的轧差结果一般怎么用来划拨资金？有没有大佬知道'],
    ]);
    expect(f[1]!.question).toBe(true);
  });

  it('a new question that takes up a short earlier one stays a question', () => {
    const f = flags([
      ['14:10:00', A, '叫认证支付吧？'],
      ['14:12:00', G, '认证支付是不是每次都要用户输短信验证码，商户不能自己发起扣款？'],
    ]);
    expect(f[1]!.question).toBe(true);
  });

  it('a question that merely repeats another, adding little, stays a question', () => {
    const f = flags([
      ['10:00:00', A, '跨境收单的结算周期一般多久？'],
      ['10:01:00', G, '跨境收单的结算周期一般多久呢？'],
    ]);
    expect(f[1]!.question).toBe(true);
  });
});
