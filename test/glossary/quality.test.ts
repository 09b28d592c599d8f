import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { glossaryOutputs } from '../../src/emit/glossary.js';
import { parseGlossary } from '../../src/glossary/curated.js';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { definitionQuality } from '../../src/glossary/quality.js';
import { loadGlossaryRules, parseGlossaryRules } from '../../src/glossary/rules.js';
import { analysedDoc } from '../build/helpers.js';

const RULES = fileURLToPath(new URL('../../rules/glossary.yaml', import.meta.url));
const rules = loadGlossaryRules(RULES);
const q = rules.quality;

describe('definitionQuality', () => {
  const explained = { via: 'pattern' as const, form: '备付金', text: '备付金是支付机构替客户保管、等着付出去的钱，不能挪用' };

  it('ranks a sentence that opens with the term and explains it above a passing mention', () => {
    const passing = { via: 'pattern' as const, form: '备付金', text: '我们上周和银行谈了很久，最后发现备付金是大问题' };
    const a = definitionQuality(explained, q);
    const b = definitionQuality(passing, q);
    expect(a.reasons).toEqual(['via/pattern', 'term-lead', 'length']);
    expect(b.reasons).not.toContain('term-lead');
    expect(a.score).toBeGreaterThan(b.score);
  });

  it('ranks an explaining sentence above a reply to "what is X?"', () => {
    const answer = { via: 'answer' as const, form: '备付金', text: '就是支付机构替客户保管、等着付出去的钱，不能挪用' };
    expect(definitionQuality(explained, q).score).toBeGreaterThan(definitionQuality(answer, q).score);
  });

  it('marks down a hedge or a joke, and a fragment too short to explain', () => {
    const hedged = definitionQuality({ ...explained, text: '备付金好像是支付机构替客户保管的钱吧' }, q);
    expect(hedged.reasons).toContain('quality/hedge');
    const joke = definitionQuality({ ...explained, text: '备付金就是大家的钱哈哈哈哈，懂的都懂吧各位' }, q);
    expect(joke.reasons).toContain('quality/chatter');
    const short = definitionQuality({ ...explained, text: '备付金是钱' }, q);
    expect(short.reasons).not.toContain('length');
    for (const worse of [hedged, joke, short]) expect(worse.score).toBeLessThan(definitionQuality(explained, q).score);
  });

  it('stays within 0 and 1', () => {
    const r = parseGlossaryRules(readFileSync(RULES, 'utf8').replace('base: 0.2', 'base: 0.9'), 'g.yaml');
    expect(definitionQuality(explained, r.quality).score).toBe(1);
    const low = parseGlossaryRules(readFileSync(RULES, 'utf8').replace('base: 0.2', 'base: 0'), 'g.yaml');
    expect(definitionQuality({ via: 'answer', form: 'x', text: '不知道哈哈' }, low.quality).score).toBe(0);
  });

  it('rejects a signal without a weight, at its line', () => {
    const text = readFileSync(RULES, 'utf8');
    const broken = text.replace('      weight: -0.25\n', '');
    const line = broken.split('\n').findIndex((l) => l.includes('id: quality/hedge')) + 1;
    expect(() => parseGlossaryRules(broken, 'g.yaml')).toThrow(new RegExp(`g\\.yaml:${line}:\\d+: .*weight`));
  });
});

describe('definitions on a glossary entry', () => {
  const glossary = parseGlossary(`
terms:
  - term: 备付金
    definition: 支付机构为客户预收待付的资金。
    category: compliance
`);
  const doc = analysedDoc('chat/a.md', [
    { text: '备付金就是客户的钱哈哈', terms: ['备付金'] },
    { text: '备付金是支付机构替客户保管、等着付出去的钱，不能挪用', terms: ['备付金'] },
  ]);
  const files = glossaryOutputs({ rules })([doc], { glossary, terms: buildTermMatcher(glossary) }, { entries: [] });
  const json = JSON.parse(files.find((f) => f.path === 'glossary.json')!.content) as {
    terms: { examples: { kind: string; quality: number | null; text: string; source: { line: number } }[] }[];
  };

  it('shows the best definition first, with its quality and source, though it came later in the chat', () => {
    const defs = json.terms[0]!.examples.filter((e) => e.kind === 'definition');
    expect(defs.map((d) => d.source.line)).toEqual([4, 3]);
    expect(defs[0]!.quality).toBeGreaterThan(defs[1]!.quality!);
    const md = files.find((f) => f.path === 'glossary.md')!.content;
    expect(md).toContain(`— chat/a.md:4, 2024-05-01 10:01:00 (definition/shi, quality ${defs[0]!.quality!.toFixed(2)})`);
  });
});
