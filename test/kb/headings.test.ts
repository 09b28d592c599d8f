import { describe, expect, it } from 'vitest';
import { headingDrop, headingFiller, loadConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { dropLeadingFiller, questionHeading } from '../../src/kb/headings.js';
import { headingText } from '../../src/kb/entries.js';

const config = loadConfig(undefined, PACKAGE_ROOT).config;
const filler = headingFiller(config);
const drop = headingDrop(config);

describe('question headings', () => {
  it('drop the filler that opens chat questions (chatkb.config.yaml) but not words that look like it', () => {
    expect(dropLeadingFiller('请问大家，退款一般是原路退回吗？', filler)).toBe('退款一般是原路退回吗？');
    expect(dropLeadingFiller('大家好，请问一下代付怎么限额？', filler)).toBe('代付怎么限额？');
    expect(dropLeadingFiller('问个基础问题：备付金是什么？', filler)).toBe('备付金是什么？');
    expect(dropLeadingFiller('请教一个问题哦，入账、出账英文怎么说？', filler)).toBe('入账、出账英文怎么说？');
    expect(dropLeadingFiller('咨询个业务问题。代付能不能退到余额？', filler)).toBe('代付能不能退到余额？');
    expect(dropLeadingFiller('有没有人知道，对账文件几点出？', filler)).toBe('对账文件几点出？');
    expect(dropLeadingFiller('大家的对账文件几点能拿到？', filler)).toBe('大家的对账文件几点能拿到？');
    expect(dropLeadingFiller('问题是退款失败了怎么办？', filler)).toBe('问题是退款失败了怎么办？');
    expect(dropLeadingFiller('请教大家个问题，大额转账几点以后不到账？', filler)).toBe('大额转账几点以后不到账？');
    expect(dropLeadingFiller('哦哦~~那代扣也要短信确认么？', filler)).toBe('那代扣也要短信确认么？');
    expect(dropLeadingFiller('额，请问 T+0 怎么垫资？', filler)).toBe('T+0 怎么垫资？');
    expect(dropLeadingFiller('额度是按卡还是按人算？', filler)).toBe('额度是按卡还是按人算？');
    expect(dropLeadingFiller('林老师，请教个问题，预留手机号改了多久同步？', filler)).toBe('预留手机号改了多久同步？');
    expect(dropLeadingFiller('总部清算，一般几点日切？', filler)).toBe('总部清算，一般几点日切？');
    expect(dropLeadingFiller('请问', filler)).toBe('请问');
  });
  it('replace links, and say so (the full question is shown as well)', () => {
    expect(questionHeading('回调地址 https://x.example/cb?a=1 验签失败是为什么？', [])).toEqual({ text: '回调地址〔链接〕验签失败是为什么？', shortened: true });
    expect(questionHeading('T+1 是交易日还是自然日？', [])).toEqual({ text: 'T+1 是交易日还是自然日？', shortened: false });
  });
  it('lose sticker codes wherever they stand, but keep a link\'s text and anything else in brackets', () => {
    expect(questionHeading('为啥余额[流汗]不能直接转到银行卡呢 [捂脸] ？', filler, drop).text).toBe('为啥余额不能直接转到银行卡呢？');
    expect(questionHeading('[抱拳][抱拳] 谁知道备付金[ThumbsUp] 怎么计息？', filler, drop).text).toBe('备付金 怎么计息？');
    expect(questionHeading('[规范](https://x.example/a) 里的[T+1]是什么意思？', filler, drop).text).toBe('规范〔链接〕里的[T+1]是什么意思？');
    expect(questionHeading('[捂脸]', filler, drop).text).toBe('[捂脸]');
  });
  it('cut a long question to its asking sentence, or its asking clause', () => {
    const context = '我们是做聚合支付的，商户的结算周期是T+1，最近有一批商户投诉说到账晚了两天，查下来发现是节假日顺延导致的，清算那边说是按银行的工作日算的，商户那边说合同里写的是自然日。';
    expect(questionHeading(context + '节假日顺延的规则一般在哪里约定？', []).text).toBe('节假日顺延的规则一般在哪里约定？');
    const labelled = '各位做收单的老师，咨询个业务问题。 背景：两百家连锁门店，每家在同一家银行开了结算账户，一年流水大约三亿。门店之间会互相调拨资金。 问题：按经验，这三亿流水里能有几成沉淀在这家银行';
    expect(questionHeading(labelled, []).text).toBe('按经验，这三亿流水里能有几成沉淀在这家银行');
    const worded = `${'我们的商户结算周期是T+1，最近有一批商户投诉到账晚了两天，查下来是节假日顺延导致的。'.repeat(2)}节假日顺延的规则一般在哪里约定`;
    expect(questionHeading(worded, []).text).toBe('节假日顺延的规则一般在哪里约定');
    const oneSentence = `${'这个场景里商户和平台之间的资金往来比较复杂，'.repeat(5)}为什么？`;
    expect(questionHeading(oneSentence, []).text).toBe('这个场景里商户和平台之间的资金往来比较复杂，为什么？');
  });
});

describe('which question message titles an entry', () => {
  const m = (text: string) => ({ text, mentions: [] });
  it('the first message that asks on its own, leaving out an afterthought', () => {
    expect(headingText([m('想请教下，清算和结算英文分别怎么说比较地道？'), m('clearing/settlement?')], [true, true], filler)).toBe(
      '想请教下，清算和结算英文分别怎么说比较地道？',
    );
  });
  it('skips a preamble that only announces a question', () => {
    expect(headingText([m('请教个问题'), m('跨境收单的结算周期一般多久？')], [true, true], filler)).toBe('跨境收单的结算周期一般多久？');
  });
  it('joins the messages when none asks on its own', () => {
    expect(headingText([m('跨境收单的结算周期'), m('一般多久')], [false, false], filler)).toBe('跨境收单的结算周期 一般多久');
  });
});
