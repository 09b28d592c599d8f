import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSegmenter, userDictionary } from '../../src/analyze/segment.js';
import { loadGlossary, parseGlossary } from '../../src/glossary/curated.js';

const glossary = loadGlossary(fileURLToPath(new URL('../../glossary/payments.yaml', import.meta.url)));
const seg = createSegmenter(glossary);

describe('createSegmenter', () => {
  it('keeps glossary terms whole', () => {
    const cases: [string, string][] = [
      ['这笔钱最好原路退回到卡上', '原路退回'],
      ['这次非原路退款打算用代付通道出款', '非原路退款'],
      ['这次非原路退款打算用代付通道出款', '代付通道'],
      ['商户的结算周期是多久', '结算周期'],
      ['钱退到账户余额里', '账户余额'],
      ['平台不能有资金沉淀', '资金沉淀'],
      ['这属于二清吗', '二清'],
      ['绑卡时校验四要素', '四要素'],
      ['支付机构的备付金集中存管', '备付金集中存管'],
      ['收单机构出的对账文件', '收单机构'],
      ['收单机构出的对账文件', '对账文件'],
      ['开一个II类户', 'ii类户'],
      ['门店被扫还是主扫', '被扫'],
      ['T+1到账，D0要垫资', 't+1'],
      ['T+1到账，D0要垫资', '垫资'],
    ];
    for (const [text, word] of cases) expect(seg.tokens(text), text).toContain(word);
  });

  it('lower-cases English, folds full width, drops punctuation and spaces', () => {
    expect(seg.tokens('接入ＳＤＫ， 调 API！')).toEqual(['接入', 'sdk', '调', 'api']);
    expect(seg.tokens('  ？！。 ')).toEqual([]);
  });

  it('applies the glossary variants', () => {
    expect(seg.tokens('帐户余额')).toEqual(['账户余额']);
  });

  it('builds jieba once per glossary', () => {
    expect(createSegmenter(glossary)).toBe(seg);
  });
});

describe('userDictionary', () => {
  it('has one `word freq tag` line per form, folded, without multi-word forms', () => {
    const g = parseGlossary(
      'terms:\n  - term: ＳＤＫ\n    en: [software development kit]\n    aliases: [支付SDK]\n    definition: 测试。\n    category: technology\n',
    );
    expect(userDictionary(g).trim().split('\n')).toEqual(['sdk 50000 nz', '支付sdk 50000 nz']);
  });
});
