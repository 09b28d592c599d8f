import { createDoc } from '../../src/pipeline.js';
import { fileURLToPath } from 'node:url';
import type { Heading, Link, Nodes, Root } from 'mdast';
import { remark } from 'remark';
import { describe, expect, it } from 'vitest';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { termAnchor } from '../../src/emit/anchors.js';
import { glossaryOutputs } from '../../src/emit/glossary.js';
import type { GlossaryResources } from '../../src/glossary/model.js';
import { byPinyin } from '../../src/text/order.js';
import { parseGlossary } from '../../src/glossary/curated.js';
import { loadGlossaryRules } from '../../src/glossary/rules.js';
import type { Doc, FaqIndex, FaqIndexEntry, Message, MessageAnalysis } from '../../src/model.js';

const rules = loadGlossaryRules(fileURLToPath(new URL('../../rules/glossary.yaml', import.meta.url)));

const glossary = parseGlossary(`
terms:
  - term: 退款
    en: [refund]
    aliases: [退钱]
    definition: 把已付款项退还给付款人。
    category: refunds
    related: [备付金]
  - term: T+1
    definition: 交易后第一个工作日结算。
    category: clearing-settlement
  - term: 支付机构
    definition: 持有支付业务许可证的非银行机构。
    category: institutions
  - term: 清算
    en: [clearing]
    definition: 计算各方应收应付。
    category: clearing-settlement
  - term: 备付金
    en: [reserve funds]
    definition: 支付机构为客户预收待付的资金。
    category: compliance
`);
const res: GlossaryResources = { glossary, terms: buildTermMatcher(glossary) };

function makeDoc(file: string, lines: [string, string][]): Doc {
  const messages: Message[] = lines.map(([speaker, text], i) => ({
    id: `m${i + 1}`,
    line: 3 * i + 5,
    time: `09:${String(i).padStart(2, '0')}:00`,
    timestamp: null,
    speaker,
    profile: null,
    raw: text,
    text,
    kind: 'text',
    kindRule: null,
    mentions: [],
    quote: null,
    platformId: null,
    platformReplyId: null,
    duplicateOf: null,
  }));
  const analyses: MessageAnalysis[] = messages.map((m) => ({
    id: m.id, terms: [], question: false, questionScore: 0, cues: [], answerCues: [], closureCues: [], qtype: null, skip: false,
  }));
  return {
    ...createDoc({ file, format: 'test', date: '2024-06-01', title: null, meta: {}, encoding: 'utf-8', messages }),
    analyses,
    links: [],
    exchanges: [],
    terms: [],
  };
}

const A = '林小雨-某某支付-产品-杭州';
const B = '周一鸣-示例银行-架构-上海';
const docs = [
  makeDoc('chat/a.md', [
    [A, '备付金是支付公司替客户保管的钱，不能挪用'],
    [B, '灵犀码支付走的是备付金账户吗'],
    [A, '我们的灵犀码对账每天清算一次'],
  ]),
  makeDoc('chat/b.md', [
    [B, '# 退款 *加急* [see this](y) <b>粗</b> 要走原渠道'],
    [A, '用灵犀码收款以后退款怎么处理'],
    [B, '清算在 T+1 完成'],
  ]),
  makeDoc('chat/c.md', [
    [A, '灵犀码和普通二维码不一样，清算在第二天'],
    [B, '林小雨说灵犀码今年推得很快'],
    [A, '昨天灵犀码又升级了，备付金那边也要改'],
  ]),
];
/** An index entry as the build lists it; only what a test says differs from a draft. */
const entry = (e: Partial<FaqIndexEntry> & Pick<FaqIndexEntry, 'id' | 'topic' | 'path' | 'tags'>): FaqIndexEntry => ({
  status: 'draft', action: 'new', question: e.id, sources: [], note: null, ...e,
});
const faqEntries = [
  entry({ id: 'faq-2', topic: 'refunds', title: '退款 *多久* 到账？', path: 'faq/refunds/faq-2.md', tags: ['退钱'] }),
  entry({ id: 'faq-1', topic: 'compliance', title: '备付金放在哪里？', path: 'faq/compliance/faq-1.md', tags: ['备付金', '退款', '不是术语'] }),
];
const faq: FaqIndex = { entries: faqEntries };

const produce = glossaryOutputs({ rules, redact: (s) => s.replace(/林小雨/g, '某人') });
const files = produce(docs, res, faq);
const file = (path: string) => files.find((f) => f.path === path)!.content;

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const c of node.children) walk(c as Nodes, visit);
}

describe('termAnchor', () => {
  it('lower-cases, joins words with -, keeps CJK and drops other punctuation', () => {
    expect(termAnchor('T+1')).toBe('t1');
    expect(termAnchor('clearing and settlement')).toBe('clearing-and-settlement');
    expect(termAnchor('银联 WAP 网页支付')).toBe('银联-wap-网页支付');
    expect(termAnchor('二清（违规）')).toBe('二清违规');
    expect(termAnchor('备付金')).toBe('备付金');
  });
});

describe('byPinyin', () => {
  it('orders Chinese by pinyin (Node 20 has full ICU), Latin after', () => {
    expect(['退款', 'T+1', '支付机构', '清算', '备付金'].sort(byPinyin)).toEqual(['备付金', '清算', '退款', '支付机构', 'T+1']);
  });
});

describe('glossary.md', () => {
  const md = file('glossary.md');
  const tree = remark().parse(md) as Root;
  const headings = tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 2);

  it('lists every curated term in pinyin order, each with its anchor', () => {
    expect(headings.map((h) => h.children.filter((c) => c.type === 'text').map((c) => c.value).join(''))).toEqual([
      '备付金', '清算', '退款', '支付机构', 'T+1',
    ]);
    expect(md).toContain('## <a id="t1"></a>T+1');
    expect(md).toContain('## <a id="备付金"></a>备付金');
  });

  it('says how often each term is used, unused ones included', () => {
    expect(md).toContain('**Used:** 3 times in 2 transcripts');
    expect(md).toContain('**Used:** 1 time in 1 transcript');
    expect(md).toContain('**Used:** not used in these transcripts');
  });

  it('cites a mined definition first, then a usage example, with file:line and time', () => {
    const section = md.slice(md.indexOf('<a id="备付金">'), md.indexOf('<a id="清算">'));
    const def = section.indexOf('“备付金是支付公司替客户保管的钱，不能挪用” — chat/a.md:5, 2024-06-01 09:00:00 (definition/shi, quality 0.90)');
    const use = section.indexOf('“昨天灵犀码又升级了，备付金那边也要改” — chat/c.md:11');
    expect(def).toBeGreaterThan(0);
    expect(use).toBeGreaterThan(def);
  });

  it('links the FAQ entries tagged with any form of the term (equal standing: by id)', () => {
    const section = md.slice(md.indexOf('<a id="退款">'), md.indexOf('<a id="支付机构">'));
    const links: Link[] = [];
    walk(remark().parse(section) as Root, (n) => n.type === 'link' && links.push(n));
    expect(links.map((l) => l.url)).toEqual(['faq/compliance/faq-1.md', 'faq/refunds/faq-2.md', '#备付金']);
  });

  it('links what editors approved first, then drafts by score', () => {
    const ranked = produce(docs, res, {
      entries: [
        entry({ id: 'faq-1', topic: 'refunds', title: '草稿，分数高', path: 'faq/refunds/faq-1.md', tags: ['退款'], score: 0.95 }),
        entry({ id: 'faq-2', topic: 'refunds', title: '草稿，分数低', path: 'faq/refunds/faq-2.md', tags: ['退款'], score: 0.4 }),
        entry({ id: 'faq-3', topic: 'refunds', status: 'approved', action: 'kept', title: '已批准', path: 'faq/refunds/faq-3.md', tags: ['退款'], score: 0.5 }),
      ],
    });
    const terms = JSON.parse(ranked.find((f) => f.path === 'glossary.json')!.content).terms;
    expect(terms.find((t: { term: string }) => t.term === '退款').faq).toEqual(['faq-3', 'faq-1', 'faq-2']);
  });

  it('keeps chat text literal: #, *, [see this](y) and <b> are not markup', () => {
    const inserted: string[] = [];
    walk(tree, (n) => {
      if (n.type === 'link' && n.url === 'y') inserted.push('link');
      if (n.type === 'html' && n.value.includes('<b>')) inserted.push('html');
      if (n.type === 'emphasis') inserted.push('emphasis');
    });
    expect(inserted).toEqual([]);
    const texts: string[] = [];
    walk(tree, (n) => n.type === 'text' && texts.push(n.value));
    expect(texts.join('\n')).toContain('# 退款 *加急* [see this](y) <b>粗</b> 要走原渠道');
  });

  it('applies the redaction to quoted chat text', () => {
    expect(files.map((f) => f.content).join('\n')).not.toContain('林小雨');
  });
});

describe('the FAQ index as the build passes it', () => {
  it('links by question when there is no title, and skips rejected entries', () => {
    const index: FaqIndex = {
      entries: [
        entry({ id: 'faq-3', topic: 'refunds', path: 'faq/refunds/faq-3.md', tags: ['退款'], question: '退款走哪个通道？' }),
        entry({ id: 'faq-4', topic: 'refunds', path: 'faq/refunds/faq-4.md', tags: ['退款'], question: '不要了', status: 'rejected' }),
      ],
    };
    const json = JSON.parse(produce(docs, res, index).find((f) => f.path === 'glossary.json')!.content);
    expect(json.terms.find((t: { term: string }) => t.term === '退款').faq).toEqual(['faq-3']);
    const md = produce(docs, res, index).find((f) => f.path === 'glossary.md')!.content;
    expect(md).toContain('[退款走哪个通道？](faq/refunds/faq-3.md)');
  });
});

describe('glossary.json', () => {
  const json = JSON.parse(file('glossary.json'));

  it('has every term with all fields in a stable key order', () => {
    expect(Object.keys(json)).toEqual(['version', 'terms', 'candidates']);
    expect(json.version).toBe(1);
    expect(json.terms.map((t: { term: string }) => t.term)).toEqual(['备付金', '清算', '退款', '支付机构', 'T+1']);
    const refund = json.terms[2];
    expect(Object.keys(refund)).toEqual([
      'term', 'anchor', 'category', 'en', 'aliases', 'definition', 'related', 'seeAlso', 'occurrences', 'documents', 'enSuggestions', 'examples', 'faq',
    ]);
    expect(refund).toMatchObject({ term: '退款', anchor: '退款', en: ['refund'], aliases: ['退钱'], related: ['备付金'], occurrences: 2, documents: 1, faq: ['faq-1', 'faq-2'] });
    expect(refund.examples[0]).toEqual({
      kind: 'usage', rule: null, quality: null, text: '# 退款 *加急* [see this](y) <b>粗</b> 要走原渠道',
      source: { file: 'chat/b.md', line: 5, time: '09:00:00', date: '2024-06-01' },
    });
  });

  it('lists the candidates with their measures, in term order with their rank', () => {
    const c = json.candidates.find((x: { term: string }) => x.term === '灵犀码');
    expect(c).toMatchObject({ rank: 1, lang: 'zh', occurrences: 6, documents: 3 });
    const terms = json.candidates.map((x: { term: string }) => x.term);
    expect(terms).toEqual([...terms].sort(byPinyin));
    expect(Object.keys(c.stats)).toEqual(['cohesion', 'context', 'entropy', 'specificity']);
  });

  it('is the same whatever the order of the transcripts and FAQ entries', () => {
    const again = produce([...docs].reverse(), res, { entries: [...faqEntries].reverse() });
    expect(again).toEqual(files);
  });
});

describe('glossary-candidates.md', () => {
  const md = file('glossary-candidates.md');
  it('shows each candidate with score, counts and cited examples', () => {
    expect(md).toContain('### 1. 灵犀码');
    expect(md).toMatch(/\*\*Score:\*\* [\d.]+ · \*\*Used:\*\* 6 times in 3 transcripts/);
    expect(md).toMatch(/“[^”]*灵犀码[^”]*” — chat\/[abc]\.md:\d+, 2024-06-01/);
  });
});
