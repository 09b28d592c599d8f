import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../src/glossary/curated.js';
import { buildTermMatcher } from '../../src/glossary/matcher.js';
import { fitQuietTerms } from '../../src/learn/terms.js';
import type { Gold } from '../../src/eval/gold.js';
import type { Doc } from '../../src/model.js';

const glossary = parseGlossary(
  'terms:\n' +
    ['平台', '原路退回', '上线', '对账'].map((t) => `  - term: ${t}\n    definition: 测试用的定义。\n    category: refunds\n`).join('') +
    '  - term: 代付\n    aliases: [付款代发]\n    definition: 测试用的定义。\n    category: refunds\n',
);
const matcher = buildTermMatcher(glossary);

/** A day whose chat used `used` (forms) and whose annotator listed `listed`. */
function day(used: string[], listed: string[]): { doc: Doc; gold: Gold } {
  return {
    doc: { terms: used } as unknown as Doc,
    gold: { source: 'x.gold.yaml', file: 'x', format: null, range: null, questions: [], terms: listed, definitions: [] },
  };
}

describe('quiet terms', () => {
  it('are the terms used on several gold days and hardly ever listed there', () => {
    const days = [
      day(['平台', '原路退回', '上线'], ['原路退回']),
      day(['平台', '原路退回'], ['原路退回']),
      day(['平台', '上线', '对账'], ['上线']),
      day(['对账'], []),
    ];
    // 平台: 3 days, never listed; 上线: 2 days, listed once; 对账: 2 days, listed never; 原路退回 always.
    expect(fitQuietTerms(days, matcher)).toEqual(['对账', '平台']);
    expect(fitQuietTerms(days, matcher, { minDays: 3, maxShare: 0.2 })).toEqual(['平台']);
  });

  it('count a term once per day whichever of its forms was used, listed by any form', () => {
    const days = [day(['代付', '付款代发'], ['付款代发']), day(['付款代发'], [])];
    expect(fitQuietTerms(days, matcher, { minDays: 2, maxShare: 0.6 })).toEqual(['代付']);
    expect(fitQuietTerms(days, matcher, { minDays: 2, maxShare: 0.5 })).toEqual([]);
  });

  it('learn nothing from days without gold', () => {
    expect(fitQuietTerms([{ doc: { terms: ['平台'] } as unknown as Doc, gold: null }, { doc: { terms: ['平台'] } as unknown as Doc, gold: null }], matcher)).toEqual([]);
  });
});

describe('a quiet term in the pipeline', () => {
  it('is left out of the transcript term list, and the other terms stay', async () => {
    const { loadResources } = await import('../../src/resources.js');
    const { runPipeline } = await import('../../src/pipeline.js');
    const { chat } = await import('../link/helpers.js');
    const t = chat([
      ['10:00:00', '林小雨-某某支付-产品', '我们平台的退款都是原路退回吗？'],
      ['10:01:00', '陈一帆-某银行-清算', '一般原路退回，平台不碰资金'],
    ]);
    const res = loadResources(undefined, { fitted: false });
    expect(runPipeline(t, res).terms).toEqual(expect.arrayContaining(['平台', '原路退回']));
    const quiet = runPipeline(t, { ...res, quietTerms: new Set(['平台']) }).terms;
    expect(quiet).toContain('原路退回');
    expect(quiet).not.toContain('平台');
  });
});
