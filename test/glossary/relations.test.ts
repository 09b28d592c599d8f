import { remark } from 'remark';
import type { Link, Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { glossaryOutputs } from '../../src/emit/glossary.js';
import { parseGlossary } from '../../src/glossary/curated.js';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { countCoOccurrence, relationsFrom, type RelationRules } from '../../src/glossary/relations.js';
import { loadGlossaryRules } from '../../src/glossary/rules.js';
import type { Doc } from '../../src/model.js';
import { analysedDoc } from '../build/helpers.js';

/** A transcript whose messages carry the glossary terms analysis found: [text, terms] or [text, terms, kind]. */
const makeDoc = (file: string, lines: [string, string[], string?][]): Doc =>
  analysedDoc(file, lines.map(([text, terms, kind]) => ({ text, terms, ...(kind ? { kind } : {}) })));

// In every day, a refund thread (退款 with 原路退回) and, far below it, a settlement
// thread (T+1, 清算, 对账); 支付 is said everywhere, so it goes with nothing in particular.
const day = (file: string) =>
  makeDoc(file, [
    ['原路退回失败了怎么处理', ['原路退回', '支付']],
    ['可以走退款重新发起，原路不行就线下', ['退款']],
    ['好的', []],
    ['谢谢', []],
    ['[表情]', [], 'sticker'],
    ['晚上聊聊结算', ['支付']],
    ['清算是 T+1 吗', ['清算', 'T+1', '支付']],
    ['对，T+1 清算，周末顺延，第二天对账', ['清算', 'T+1', '对账']],
    ['支付通道也一样', ['支付']],
    ['收到', []],
  ]);
const docs = ['chat/a.md', 'chat/b.md', 'chat/c.md'].map(day);
const rules: RelationRules = { span: 5, minCount: 3, minDocuments: 2, minNpmi: 0.2, max: 5 };

describe('countCoOccurrence', () => {
  it('counts each pair once per block of spoken messages, skipping noise kinds', () => {
    const c = countCoOccurrence(docs, 5, ['sticker']);
    // Ten messages less one sticker: blocks of five and four per day.
    expect(c.blocks).toBe(6);
    expect(c.pairs.get('原路退回\u0000退款')).toBe(3);
    expect(c.pairs.get('T+1\u0000清算')).toBe(3);
    // The two threads fall in different blocks, so they are never counted together.
    expect(c.pairs.get('原路退回\u0000清算')).toBeUndefined();
    expect(c.pairDocs.get('T+1\u0000清算')).toBe(3);
  });
});

describe('relationsFrom', () => {
  const rel = relationsFrom(countCoOccurrence(docs, 5, ['sticker']), rules);

  it('relates terms of the same thread, strongest first', () => {
    expect(rel.get('原路退回')?.map((r) => r.term)).toEqual(['退款']);
    expect(rel.get('T+1')).toEqual([
      { term: '对账', count: 3, npmi: 1 },
      { term: '清算', count: 3, npmi: 1 },
    ]);
  });

  it('does not relate a term that occurs everywhere to the terms beside it', () => {
    // 支付 is in every block: p(支付, x) = p(x), so its npmi with anything is 0.
    expect(rel.get('支付') ?? []).toEqual([]);
    expect(rel.get('清算')?.map((r) => r.term)).not.toContain('支付');
  });

  it('needs the pair in enough blocks and enough transcripts', () => {
    const one = relationsFrom(countCoOccurrence(docs.slice(0, 1), 5, ['sticker']), { ...rules, minCount: 1 });
    expect(one.get('T+1')).toBeUndefined();
    expect(relationsFrom(countCoOccurrence(docs.slice(0, 1), 5, ['sticker']), { ...rules, minCount: 1, minDocuments: 1 }).get('T+1')?.map((r) => r.term)).toContain('清算');
    expect(relationsFrom(countCoOccurrence(docs, 5, ['sticker']), { ...rules, minCount: 4 }).size).toBe(0);
  });

  it('keeps at most `max` relations per term', () => {
    expect(rel.get('清算')?.map((r) => r.term)).toEqual(['T+1', '对账']);
    expect(relationsFrom(countCoOccurrence(docs, 5, ['sticker']), { ...rules, max: 1 }).get('清算')?.map((r) => r.term)).toEqual(['T+1']);
  });

  it('finds nothing when every block holds every term (no contrast to measure)', () => {
    expect(relationsFrom(countCoOccurrence(docs, 10, ['sticker']), rules).size).toBe(0);
  });
});

describe('see also in the glossary outputs', () => {
  const glossary = parseGlossary(`
terms:
  - term: 退款
    definition: 把已付款项退还给付款人。
    category: refunds
  - term: 原路退回
    definition: 退款沿原支付渠道退回。
    category: refunds
  - term: 清算
    definition: 计算各方应收应付。
    category: clearing-settlement
    related: [T+1]
  - term: T+1
    definition: 交易后第一个工作日结算。
    category: clearing-settlement
  - term: 对账
    definition: 核对双方交易与资金记录。
    category: clearing-settlement
  - term: 支付
    definition: 付款人向收款人转移货币资金。
    category: products
`);
  const glossaryRules = loadGlossaryRules();
  const files = glossaryOutputs({ rules: { ...glossaryRules, relations: rules } })(docs, { glossary, terms: buildTermMatcher(glossary) }, { entries: [] });
  const md = files.find((f) => f.path === 'glossary.md')!.content;
  const json = JSON.parse(files.find((f) => f.path === 'glossary.json')!.content) as { terms: { term: string; seeAlso: { term: string }[] }[] };

  it('links co-occurring terms under "See also", to their glossary anchors', () => {
    const section = md.slice(md.indexOf('原路退回\n'), md.indexOf('\n## ', md.indexOf('原路退回\n')));
    expect(section).toMatch(/\*\*See also:\*\* \[退款\]\(#退款\)/);
    const links: string[] = [];
    const walk = (n: Nodes) => {
      if (n.type === 'link') links.push((n as Link).url);
      if ('children' in n) n.children.forEach((c) => walk(c as Nodes));
    };
    walk(remark().parse(md));
    expect(links).toContain('#t1');
  });

  it('does not repeat a curated related term as see-also', () => {
    expect(json.terms.find((t) => t.term === '清算')?.seeAlso.map((r) => r.term)).toEqual(['对账']);
    expect(json.terms.find((t) => t.term === 'T+1')?.seeAlso.map((r) => r.term)).toEqual(['对账', '清算']);
    expect(json.terms.find((t) => t.term === '支付')?.seeAlso).toEqual([]);
  });
});
