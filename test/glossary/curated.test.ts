import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { foldForm, loadGlossary, parseGlossary } from '../../src/glossary/curated.js';
import { DataFileError } from '../../src/rules/load.js';

const REAL = fileURLToPath(new URL('../../glossary/payments.yaml', import.meta.url));

/** A small valid glossary; tests splice mistakes into it. */
const entry = (term: string, extra = '', related = '[]'): string =>
  `  - term: ${term}\n    en: []\n    aliases: [${extra}]\n    definition: 测试用的定义。\n    category: refunds\n    related: ${related}\n`;

function problems(text: string): string[] {
  try {
    parseGlossary(text, 'g.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the glossary to be rejected');
}

describe('parseGlossary', () => {
  it('accepts a valid file and fills defaults', () => {
    const g = parseGlossary(
      'terms:\n' +
        entry('退款', '退款交易', '[原路退回]') +
        '  - term: 原路退回\n    definition: 退回原支付工具。\n    category: refunds\n',
    );
    expect(g.terms.map((t) => t.term)).toEqual(['退款', '原路退回']);
    expect(g.terms[1]).toMatchObject({ en: [], aliases: [], related: [] });
    expect(g.variants).toEqual([]);
  });

  it('rejects a category the file does not declare, at its line and column', () => {
    const cats = 'categories:\n  - category: refunds\n    description: refunds and reversals\n  - category: clearing-settlement\n    description: clearing\n';
    const text = cats + 'terms:\n' + entry('退款').replace('category: refunds', 'category: refund');
    const [p] = problems(text);
    expect(p).toMatch(/^g\.yaml:11:15: /);
    expect(p).toContain('clearing-settlement');
    expect(parseGlossary(cats + 'terms:\n' + entry('退款'), 'g.yaml').terms).toHaveLength(1);
  });

  it('rejects a duplicate term, naming the first owner', () => {
    const [p, more] = problems('terms:\n' + entry('退款') + entry('退款'));
    expect(p).toBe('g.yaml:8:11: duplicate term 退款: already a term (at terms.1.term)');
    expect(more).toBeUndefined();
  });

  it('treats case and width as the same form', () => {
    const [p] = problems('terms:\n' + entry('SDK') + entry('ＳＤＫ'));
    expect(p).toMatch(/^g\.yaml:8:11: duplicate term ＳＤＫ: already a term/);
  });

  it('rejects an alias that is another term, saying which', () => {
    const [p] = problems('terms:\n' + entry('退款') + entry('原路退回', '原路退款, 退款'));
    expect(p).toBe('g.yaml:10:21: alias 退款 of 原路退回 collides with the term of 退款 (at terms.1.aliases.1)');
  });

  it('rejects an alias shared by two terms', () => {
    const [p] = problems('terms:\n' + entry('虚拟账户', '虚户') + entry('虚拟户', '虚户'));
    expect(p).toBe('g.yaml:10:15: alias 虚户 of 虚拟户 collides with an alias of 虚拟账户 (at terms.1.aliases.0)');
  });

  it('rejects a related term that does not exist, and one that is only an alias', () => {
    const lines = problems('terms:\n' + entry('退款', '退款交易') + entry('撤销', '', '[冲正, 退款交易]'));
    expect(lines).toEqual([
      'g.yaml:13:15: related term 冲正 is not a term of the glossary (at terms.1.related.0)',
      'g.yaml:13:19: related term 退款交易 is not a term of the glossary (it is a form of 退款; use the term) (at terms.1.related.1)',
    ]);
  });

  it('rejects single-character forms and unknown keys', () => {
    const lines = problems('terms:\n' + entry('借').replace('aliases', 'alias'));
    expect(lines.some((l) => l.startsWith('g.yaml:2:11: a form needs at least two characters'))).toBe(true);
    expect(lines.some((l) => /Unrecognized key.*alias/i.test(l))).toBe(true);
  });

  it('folds variants when comparing forms', () => {
    const text = 'variants:\n  - from: 帐\n    to: 账\nterms:\n' + entry('对账', '对帐');
    expect(problems(text)[0]).toMatch(/^g\.yaml:7:15: alias 对帐 repeats another form of 对账/);
  });
});

describe('foldForm', () => {
  it('folds width, case and spaces next to Chinese, keeps spaces between words', () => {
    expect(foldForm('ＡＰＩ')).toBe('api');
    expect(foldForm('银联 WAP 网页支付')).toBe('银联wap网页支付');
    expect(foldForm('credit  card')).toBe('credit card');
    expect(foldForm('T + 1')).toBe('t+1');
  });
});

describe.skipIf(!existsSync(REAL))('glossary/payments.yaml', () => {
  const g = loadGlossary(REAL);

  it('loads with no error and has at least 150 terms', () => {
    expect(g.terms.length).toBeGreaterThanOrEqual(150);
  });

  it('covers the core terms an editor expects', () => {
    const terms = new Set(g.terms.map((t) => t.term));
    for (const t of ['原路退回', '非原路退款', '代付', '代收', '收单', '清算', '结算', '清结算', '对账', '备付金', '二清',
      '网联', '银联', '云闪付', '借记卡', '贷记卡', 'T+1', 'D+0', '分账', '聚合支付', '四要素', '借方', '贷方', 'KYC', 'SDK']) {
      expect(terms, t).toContain(t);
    }
    const yunshanfu = g.terms.find((t) => t.term === '云闪付')!;
    expect(yunshanfu.aliases).toContain('银联云闪付');
  });

  it('declares its categories, and uses only them, with a definition each', () => {
    const declared = parse(readFileSync(g.file, 'utf8')).categories.map((c: { category: string }) => c.category);
    expect(declared.length).toBeGreaterThan(5);
    for (const t of g.terms) {
      expect(declared).toContain(t.category);
      expect(t.definition.length).toBeGreaterThan(8);
    }
  });
});
