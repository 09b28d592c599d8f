import { createDoc } from '../../src/pipeline.js';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { parseGlossary } from '../../src/glossary/curated.js';
import { excerpt, speakerNames, textUnits } from '../../src/glossary/corpus.js';
import { discoverTerms } from '../../src/glossary/discover.js';
import { englishPieces } from '../../src/glossary/discover-en.js';
import { discoverChinese } from '../../src/glossary/discover-zh.js';
import { loadGlossaryRules, parseGlossaryRules, stopReason } from '../../src/glossary/rules.js';
import type { Doc, Message, MessageAnalysis } from '../../src/model.js';
import { DataFileError } from '../../src/rules/load.js';

const RULES = fileURLToPath(new URL('../../rules/glossary.yaml', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/cocolian-source', import.meta.url));

const glossary = parseGlossary(`
terms:
  - term: 原路退回
    aliases: [原路退款]
    definition: 退款沿原支付渠道退回。
    category: refunds
  - term: 备付金
    en: [reserve funds]
    definition: 支付机构为客户预收待付的资金。
    category: compliance
  - term: 清算
    en: [clearing]
    definition: 计算各方应收应付。
    category: clearing-settlement
`);
const matcher = buildTermMatcher(glossary);
const rules = loadGlossaryRules(RULES);

/** A transcript of [speaker, text] messages, already through the pipeline in the ways discovery reads. */
function makeDoc(file: string, lines: [string, string][]): Doc {
  const messages: Message[] = lines.map(([speaker, text], i) => {
    const [name, org] = speaker.split('-');
    return {
      id: `m${i + 1}`,
      line: 3 * i + 5,
      time: `10:${String(i).padStart(2, '0')}:00`,
      timestamp: null,
      speaker,
      profile: org ? { display: speaker, name: name ?? null, org, role: null, city: null } : null,
      raw: text,
      text,
      kind: 'text',
      kindRule: null,
      mentions: [],
      quote: null,
      platformId: null,
      platformReplyId: null,
      duplicateOf: null,
    };
  });
  const analyses: MessageAnalysis[] = messages.map((m) => ({
    id: m.id, terms: [], question: false, questionScore: 0, cues: [], answerCues: [], closureCues: [], qtype: null, skip: false,
  }));
  return {
    ...createDoc({ file, format: 'test', date: '2024-03-01', title: null, meta: {}, encoding: 'utf-8', messages }),
    analyses,
    links: [],
    exchanges: [],
    terms: [],
  };
}

const A = '林小雨-某某支付-产品-杭州';
const B = '周一鸣-示例银行-架构-上海';

// An invented term (灵犀码) used in varied contexts across four transcripts; a curated
// term (原路退回) used as often; a frequent function-word n-gram (我们的); a member's name.
const docs = [
  makeDoc('a.md', [
    [A, '灵犀码支付走的是备付金账户吗'],
    [B, '我们的灵犀码对账每天清算一次'],
    [A, '我们的系统只支持原路退回'],
    [B, '林小雨说的对，原路退回最省事'],
    [A, 'We reconcile the orbit ledger every night'],
  ]),
  makeDoc('b.md', [
    [B, '用灵犀码收款以后原路退回怎么处理'],
    [A, '我们的备付金放在两家银行'],
    [B, '原路退回的时候要看渠道'],
    [A, '今天林小雨分享了备付金的事'],
    [B, 'the orbit ledger is late again'],
    [A, '这事得林小雨定，备付金要分开管'],
  ]),
  makeDoc('c.md', [
    [A, '灵犀码和普通二维码不一样，清算在第二天'],
    [B, '我们的清算是按天来的'],
    [A, '只能原路退回吗，还是可以退到余额'],
    [B, '问问林小雨吧'],
    [A, 'Who owns the orbit ledger?'],
  ]),
  makeDoc('d.md', [
    [B, '听说灵犀码今年推得很快'],
    [A, '昨天灵犀码又升级了，备付金那边也要改'],
    [B, '我们的原路退回走的是同一个接口'],
    [A, '林小雨：清算文件几点到'],
    [B, '原路退回失败了怎么办'],
  ]),
];

describe('rules/glossary.yaml', () => {
  it('loads its stop patterns (their examples are run by test/rules/tester.test.ts)', () => {
    expect(rules.stopPatterns.length).toBeGreaterThan(5);
  });

  it('rejects a broken stop pattern at its line and column', () => {
    const text = [
      'discovery:',
      '  minOccurrences: 5',
      '  minDocuments: 3',
      '  maxCandidates: 10',
      '  examples: 1',
      '  exampleLength: 40',
      '  chinese: {minLength: 2, maxLength: 6, minCohesion: 1, minEntropy: 1, minSpecificity: 1, composeRatio: 3, nestedShare: 0.7, maxAffix: 1, contextBase: 0.2, capEntropy: 4, capSpecificity: 15, capCohesion: 6}',
      '  english: {minWords: 2, minLatinShare: 0.6, maxWords: 4, minOccurrences: 3, minDocuments: 2, maxAffix: 1}',
      'stopPatterns:',
      '  - id: stop/broken',
      '    description: an unclosed group',
      "    pattern: '([a-z'",
      'relations: {span: 5, minCount: 3, minDocuments: 2, minNpmi: 0.2, max: 5}',
      'definitionQuality: {base: 0.2, via: {pattern: 0.3, answer: 0.1}, termLead: {within: 2, weight: 0.2}, length: {from: 10, to: 80, weight: 0.2}}',
    ].join('\n');
    expect(() => parseGlossaryRules(text, 'g.yaml')).toThrow(DataFileError);
    try {
      parseGlossaryRules(text, 'g.yaml');
    } catch (e) {
      expect((e as Error).message).toMatch(/^g\.yaml:12:14: not a valid regular expression/);
    }
  });

  it('rejects a misspelt key and a definition pattern with an unknown macro, at their lines', () => {
    const base = readRules();
    const misspelt = base.replace('minOccurrences: 5\n', 'minOccurences: 5\n');
    expect(() => parseGlossaryRules(misspelt, 'g.yaml')).toThrow(/g\.yaml:\d+:\d+: /);
    const macro = base.replace("'{START}{LEAD}{TERM}\\s*(?:指的?的?是|", "'{START}{LEED}{TERM}\\s*(?:指的?的?是|");
    expect(macro).not.toBe(base);
    const line = macro.split('\n').findIndex((l) => l.includes('{LEED}')) + 1;
    try {
      parseGlossaryRules(macro, 'g.yaml');
      throw new Error('expected a rejection');
    } catch (e) {
      expect((e as Error).message).toContain(`g.yaml:${line}:14: not a valid pattern: unknown macro {LEED}`);
    }
  });
});

function readRules(): string {
  return readFileSync(RULES, 'utf8');
}

describe('stopReason', () => {
  it('names the stop word or pattern that rejects a string', () => {
    expect(stopReason('谢谢分享', rules)).toBe('stop/word');
    expect(stopReason('我们的', rules)).toBe('stop/function-start');
    expect(stopReason('2018年', rules)).toBe('stop/number');
    expect(stopReason('灵犀码', rules)).toBeNull();
  });

  it('drops a listed name and what starts with one, case-insensitively, and only those', () => {
    const named = parseGlossaryRules(readFileSync(RULES, 'utf8').replace(/^names:\n/mu, 'names:\n  - 星河宝\n  - Acme\n'), 'g.yaml');
    expect(stopReason('星河宝', named)).toBe('stop/name');
    expect(stopReason('星河宝余额', named)).toBe('stop/name');
    expect(stopReason('acme pay', named)).toBe('stop/name');
    expect(stopReason('余额星河宝', named)).toBeNull();
    expect(stopReason('星河宝余额', rules)).toBeNull();
  });

  it('rejects a one-character name at its line', () => {
    const text = readFileSync(RULES, 'utf8').replace(/^names:\n/mu, 'names:\n  - 宝\n');
    const line = text.split('\n').indexOf('  - 宝') + 1;
    expect(() => parseGlossaryRules(text, 'g.yaml')).toThrow(new RegExp(`g\\.yaml:${line}:\\d+: .*at least two characters`));
  });
});

describe('discoverTerms', () => {
  const found = discoverTerms(docs, matcher, rules);
  const zh = found.filter((c) => c.lang === 'zh').map((c) => c.term);

  it('finds a new term used in varied contexts, whole (not its pieces)', () => {
    expect(zh).toContain('灵犀码');
    expect(zh).not.toContain('灵犀');
    expect(zh).not.toContain('犀码');
    const c = found.find((x) => x.term === '灵犀码')!;
    expect(c.occurrences).toBe(6);
    expect(c.documents).toBe(4);
    expect(c.score).toBeGreaterThan(0);
    expect(Object.keys(c.stats).sort()).toEqual(['cohesion', 'context', 'entropy', 'specificity']);
  });

  it('leaves out curated terms, their pieces and a curated term plus a character', () => {
    for (const t of ['原路退回', '原路退', '路退回', '原路退回的', '备付金']) expect(zh).not.toContain(t);
  });

  it('leaves out a frequent function-word n-gram and a member’s name', () => {
    expect(zh).not.toContain('我们的');
    expect(zh).not.toContain('林小雨');
    // The name is left out because it is a speaker's: the statistics alone would keep it.
    const units = textUnits(docs, rules.discovery.skipKinds);
    expect(discoverChinese(units, { matcher }, rules).map((c) => c.term)).toContain('林小雨');
    expect(speakerNames(docs).names).toContain('林小雨');
  });

  it('gives examples from different transcripts with file and line', () => {
    const c = found.find((x) => x.term === '灵犀码')!;
    expect(c.examples).toHaveLength(2);
    expect(new Set(c.examples.map((e) => e.file)).size).toBe(2);
    for (const e of c.examples) {
      expect(e.text).toContain('灵犀码');
      expect(e.line).toBeGreaterThan(0);
    }
  });

  it('finds an English noun phrase in mostly-English sentences, without its determiner', () => {
    const en = found.filter((c) => c.lang === 'en');
    expect(en.map((c) => c.term)).toEqual(['orbit ledger']);
    expect(en[0]!.occurrences).toBe(3);
    expect(en[0]!.stats['tfidf']).toBeGreaterThan(0);
  });

  it('is deterministic: the same candidates in the same order whatever the transcript order', () => {
    const again = discoverTerms([...docs].reverse(), matcher, rules);
    expect(again.map((c) => [c.term, c.score, c.occurrences])).toEqual(found.map((c) => [c.term, c.score, c.occurrences]));
  });
});

describe('helpers', () => {
  it('picks only mostly-English pieces with enough words for compromise', () => {
    expect(englishPieces('我们用 Apple Pay 收款', 2, 0.6)).toEqual(['Apple Pay']);
    expect(englishPieces('用 SDK 接入', 2, 0.6)).toEqual([]);
    expect(englishPieces('see the 2019 spec, v2 for details', 2, 0.6)).toEqual(['see the 2019 spec, v2 for details']);
  });

  it('cuts a long text around the term', () => {
    const text = '前面有很多很多很多很多的话然后说到灵犀码再后面也有很多很多很多的话';
    const cut = excerpt(text, text.indexOf('灵犀码'), text.indexOf('灵犀码') + 3, 12);
    expect(cut).toContain('灵犀码');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(excerpt('短句', 0, 2, 12)).toBe('短句');
  });
});

describe.skipIf(!existsSync(CORPUS))('on the real corpus', () => {
  it('finds candidates none of which is a curated form', async () => {
    const { loadResources } = await import('../../src/resources.js');
    const { extractAll } = await import('../../src/pipeline.js');
    const res = loadResources();
    const { docs: real } = extractAll([`${CORPUS}/proddev`], res);
    const cs = discoverTerms(real, res.terms, rules);
    expect(cs.length).toBeGreaterThan(20);
    for (const c of cs) expect(res.terms.lookup(c.term), c.term).toBeUndefined();
  }, 120_000);
});
