import { createDoc } from '../../src/pipeline.js';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { parseGlossary } from '../../src/glossary/curated.js';
import { latinPhrases, mineDefinitions, resolveTerm, sentences, type MineContext } from '../../src/glossary/definitions.js';
import { loadGlossaryRules, stopReason } from '../../src/glossary/rules.js';
import type { Doc, Exchange, Message, MessageAnalysis } from '../../src/model.js';

const rules = loadGlossaryRules(fileURLToPath(new URL('../../rules/glossary.yaml', import.meta.url)));

const glossary = parseGlossary(`
terms:
  - term: 内部户
    definition: 银行内部核算用的账户。
    category: accounts
  - term: 原路退回
    aliases: [原路退款]
    definition: 退款沿原支付渠道退回。
    category: refunds
  - term: 入账
    definition: 资金记入账户。
    category: accounting
  - term: 出账
    definition: 资金从账户付出。
    category: accounting
  - term: 代扣
    definition: 经授权从付款人账户直接扣款。
    category: channels
  - term: 商业委托支付
    definition: 网联的委托扣款产品。
    category: channels
  - term: 轧差
    en: [netting]
    definition: 应收应付相抵后按差额结算。
    category: clearing-settlement
`);
const matcher = buildTermMatcher(glossary);
const ctx: MineContext = { matcher, isStop: (s) => stopReason(s, rules) !== null };

interface Line {
  speaker: string;
  text: string;
  closure?: boolean;
}

function makeDoc(file: string, lines: Line[], exchanges: Partial<Exchange>[] = []): Doc {
  const messages: Message[] = lines.map((l, i) => ({
    id: `m${i + 1}`,
    line: 3 * i + 5,
    time: `14:${String(10 + i).padStart(2, '0')}:00`,
    timestamp: null,
    speaker: l.speaker,
    profile: null,
    raw: l.text,
    text: l.text,
    kind: 'text',
    kindRule: null,
    mentions: [],
    quote: null,
    platformId: null,
    platformReplyId: null,
    duplicateOf: null,
  }));
  const analyses: MessageAnalysis[] = messages.map((m, i) => ({
    id: m.id, terms: [], question: /[?？]$/.test(m.text), questionScore: 0, cues: [], answerCues: [],
    closureCues: lines[i]!.closure ? [{ rule: 'closure/thanks', weight: 1 }] : [], qtype: null, skip: false,
  }));
  return {
    ...createDoc({ file, format: 'test', date: '2024-05-04', title: null, meta: {}, encoding: 'utf-8', messages }),
    analyses,
    links: [],
    exchanges: exchanges.map((x, i) => ({
      id: `x${i}`, question: [], answers: [], followups: [], closure: [], score: 1, faq: true, topic: null, terms: [], because: [], ...x,
    })),
    terms: [],
  };
}

describe('resolveTerm', () => {
  const none = new Set<string>();
  it('takes a whole glossary form, a candidate, or (when allowed) a new term that no stop rule rejects', () => {
    expect(resolveTerm('原路退款', ctx, none, false)).toEqual({ term: '原路退回', form: '原路退款', status: 'glossary' });
    expect(resolveTerm('灵犀码', ctx, new Set(['灵犀码']), false)).toEqual({ term: '灵犀码', form: '灵犀码', status: 'candidate' });
    expect(resolveTerm('灵犀码', ctx, none, false)).toBeNull();
    expect(resolveTerm('灵犀码', ctx, none, true)?.status).toBe('new');
    expect(resolveTerm('我们的', ctx, none, true)).toBeNull();
    // Part glossary term, part something else: not the glossary term.
    expect(resolveTerm('我们内部户', ctx, none, false)).toBeNull();
  });
});

describe('mineDefinitions', () => {
  const A = '林小雨-某某支付-产品-杭州';
  const B = '周一鸣-示例银行-架构-上海';
  const C = '陈一帆';
  const doc = makeDoc(
    'day.md',
    [
      /* m1 */ { speaker: A, text: '内部户就是银行记自己往来款项的账户。我们就是原路退回的' },
      /* m2 */ { speaker: B, text: '两码合一是指？' },
      /* m3 */ { speaker: C, text: '把两套收款码合成一张，两码合一以后只贴一张' },
      /* m4 */ { speaker: B, text: '好的谢谢', closure: true },
      /* m5 */ { speaker: A, text: '入账、出账英文怎么说？' },
      /* m6 */ { speaker: B, text: 'inflow / outflow' },
      /* m7 */ { speaker: C, text: '商业委托支付现在哪些机构能接？' },
      /* m8 */ { speaker: A, text: '可以把它理解成升级版的代扣，签约方式不同' },
      /* m9 */ { speaker: B, text: '轧差（net settlement）大家都在做' },
      /* m10 */ { speaker: C, text: '退款是要手续费的' },
    ],
    [
      { question: ['m2'], answers: ['m4'] },
      { question: ['m5'], answers: ['m6'] },
      { question: ['m7'], answers: ['m8'] },
    ],
  );
  const mined = mineDefinitions([doc], rules.definitions, ctx);
  const about = (term: string) => mined.definitions.filter((d) => d.term === term);

  it('finds a pattern definition with its source, and not a look-alike', () => {
    const [d, more] = about('内部户');
    expect(more).toBeUndefined();
    expect(d).toMatchObject({
      term: '内部户', status: 'glossary', rule: 'definition/jiu-shi', via: 'pattern',
      file: 'day.md', line: 5, time: '14:10:00', date: '2024-05-04', messageId: 'm1',
      text: '内部户就是银行记自己往来款项的账户。',
    });
    expect(about('原路退回')).toEqual([]);
    expect(mined.definitions.some((x) => x.messageId === 'm10')).toBe(false);
  });

  it('takes the next statement after a term question as its answer, not the thanks', () => {
    const ds = about('两码合一');
    expect(ds.map((x) => [x.messageId, x.status, x.via, x.rule])).toEqual([['m3', 'new', 'answer', 'term-question/means']]);
  });

  it('turns English words answering an English question into en suggestions, pair by pair', () => {
    expect(mined.en.filter((s) => s.rule === 'term-question/english').map((s) => [s.term, s.en, s.messageId])).toEqual([
      ['入账', 'inflow', 'm6'],
      ['出账', 'outflow', 'm6'],
    ]);
  });

  it('reads "understand it as" as a definition of the term the question asked about', () => {
    const ds = about('商业委托支付');
    expect(ds.map((x) => [x.messageId, x.rule])).toEqual([['m8', 'definition/understand-as']]);
  });

  it('suggests English written in brackets after a term, unless the glossary has it', () => {
    expect(mined.en.filter((s) => s.rule.startsWith('bilingual/')).map((s) => [s.term, s.en])).toEqual([['轧差', 'net settlement']]);
    const known = makeDoc('k.md', [{ speaker: A, text: '轧差（netting）大家都在做' }]);
    expect(mineDefinitions([known], rules.definitions, ctx).en).toEqual([]);
  });

  it('is deterministic and sorted by file and line', () => {
    const other = makeDoc('another.md', [{ speaker: A, text: '所谓二清，就是没有牌照的平台先收钱再分给商户' }]);
    const m1 = mineDefinitions([doc, other], rules.definitions, ctx);
    const m2 = mineDefinitions([other, doc], rules.definitions, ctx);
    expect(m1).toEqual(m2);
    expect(m1.definitions[0]).toMatchObject({ file: 'another.md', term: '二清', status: 'new', rule: 'definition/suo-wei' });
  });
});

describe('helpers', () => {
  it('splits sentences at Chinese and English end marks', () => {
    expect(sentences('内部户就是银行账户。虚户是台账！ok. Next one')).toEqual(['内部户就是银行账户。', '虚户是台账！', 'ok.', 'Next one']);
  });
  it('reads Latin phrases from an answer', () => {
    expect(latinPhrases('inflow / outflow')).toEqual(['inflow', 'outflow']);
    expect(latinPhrases('叫 net settlement 吧')).toEqual(['net settlement']);
  });
});
