import { describe, expect, it } from 'vitest';
import { compileCue, cueRuleSchema, fireCues, sumWeights } from '../../src/rules/cues.js';
import { DataFileError, parseYaml } from '../../src/rules/load.js';
import { z } from 'zod';

const rule = (r: object) => compileCue(cueRuleSchema.parse({ description: 'test rule', ...r }));

describe('cue rules', () => {
  it('matches ASCII words only on word boundaries', () => {
    const r = rule({ id: 'test/en', weight: 1, words: ['no', 'yes'] });
    expect(r.regex.test('no, you need a licence')).toBe(true);
    expect(r.regex.test('we have a knowledge base')).toBe(false);
    expect(r.regex.test('YES it works')).toBe(true);
  });

  it('matches Chinese words anywhere, and anchors by position', () => {
    const start = rule({ id: 'test/start', weight: 1, words: ['可以'], position: 'start' });
    const end = rule({ id: 'test/end', weight: 1, words: ['吗'], position: 'end' });
    expect(start.regex.test('可以退到余额')).toBe(true);
    expect(start.regex.test('也可以退到余额')).toBe(false);
    expect(end.regex.test('能退到余额吗？')).toBe(true);
    expect(end.regex.test('吗啡')).toBe(false);
  });

  it('fires each rule once and sums the weights', () => {
    const rules = [rule({ id: 'test/a', weight: 0.5, pattern: '退' }), rule({ id: 'test/b', weight: -0.2, words: ['哈哈'] })];
    const hits = fireCues(rules, '退款退回哈哈');
    expect(hits.map((h) => h.rule)).toEqual(['test/a', 'test/b']);
    expect(sumWeights(hits)).toBeCloseTo(0.3);
  });

  it('rejects a rule with both or neither of pattern and words, and a bad regex, with line and column', () => {
    const schema = z.object({ cues: z.array(cueRuleSchema) });
    const text = 'cues:\n  - id: q/x\n    description: x\n    weight: 1\n    pattern: "([a-z"\n';
    expect(() => parseYaml(text, 'q.yaml', schema)).toThrow(DataFileError);
    try {
      parseYaml(text, 'q.yaml', schema);
    } catch (e) {
      expect((e as Error).message).toMatch(/^q\.yaml:5:14: not a valid regular expression/);
    }
    expect(() => parseYaml('cues:\n  - id: q/x\n    description: x\n    weight: 1\n', 'q.yaml', schema)).toThrow(/exactly one of/);
  });
});
