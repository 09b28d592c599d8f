import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { acceptTerm, appendTerm } from '../../src/glossary/accept.js';
import { parseGlossaryFiles } from '../../src/glossary/curated.js';
import { DataFileError } from '../../src/rules/load.js';

const MAIN = {
  file: 'glossary/payments.yaml',
  text:
    '# the main file\ncategories:\n  - category: refunds\n    description: refunds\n  - category: products\n    description: products\nvariants:\n  - from: 帐\n    to: 账\nterms:\n' +
    '  - term: 退款\n    definition: 把已付款项退还给付款人。\n    category: refunds\n    related: [原路退回]\n',
};
const MORE = {
  file: 'glossary/more.yaml',
  text: 'terms:\n  - term: 原路退回\n    en: [refund to original payment method]\n    definition: 退到付款时所用的支付工具。\n    category: refunds\n    related: [退款]\n',
};

function problemsOf(files: { file: string; text: string }[]): string[] {
  try {
    parseGlossaryFiles(files);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the glossary to be rejected');
}

describe('a glossary of several files', () => {
  it('is one glossary: related terms and categories cross files, each term knows its file', () => {
    const g = parseGlossaryFiles([MAIN, MORE]);
    expect(g.terms.map((t) => [t.term, t.source, t.status])).toEqual([
      ['退款', 'payments.yaml', 'reviewed'],
      ['原路退回', 'more.yaml', 'reviewed'],
    ]);
    expect(g.variants).toEqual([{ from: '帐', to: '账' }]);
  });

  it('reports a form clash between files at the line of the later file', () => {
    const clash = { file: 'glossary/clash.yaml', text: 'terms:\n  - term: 退货退款\n    aliases: [退款]\n    definition: 退货后退款。\n    category: refunds\n' };
    const [p] = problemsOf([MAIN, MORE, clash]);
    expect(p).toMatch(/^glossary\/clash\.yaml:3:15: .*alias 退款 of 退货退款 collides with the term of 退款/);
  });

  it('checks a later file against the categories of the first', () => {
    const bad = { file: 'glossary/bad.yaml', text: 'terms:\n  - term: 扫码支付\n    definition: 扫二维码付款。\n    category: qr\n' };
    expect(problemsOf([MAIN, bad])[0]).toMatch(/^glossary\/bad\.yaml:4:15: category qr is not one of/);
  });

  it('rejects an unknown top-level key by file and line', () => {
    const bad = { file: 'glossary/bad.yaml', text: 'terms: []\nterm:\n  - x\n' };
    expect(problemsOf([MAIN, bad])[0]).toMatch(/^glossary\/bad\.yaml:[23]:\d+: unknown key term/);
  });
});

describe('accepting a term', () => {
  it('appends to the terms of a file, keeping its comments, as a candidate', () => {
    const text = appendTerm(MAIN.text, MAIN.file, { term: '扫码支付', en: ['QR code payment'], definition: '用手机扫描二维码完成付款。', category: 'products' });
    expect(text.startsWith('# the main file\n')).toBe(true);
    const terms = parse(text).terms;
    expect(terms.at(-1)).toEqual({ term: '扫码支付', en: ['QR code payment'], aliases: [], definition: '用手机扫描二维码完成付款。', category: 'products', related: [], status: 'candidate' });
    expect(text).toContain('en: [ QR code payment ]');
  });

  it('creates a new file of the set, validated with the others', () => {
    const text = acceptTerm([MAIN, MORE], 'glossary/accepted.yaml', { term: '扫码支付', definition: '扫码付款。', category: 'products', related: ['退款'] });
    expect(parseGlossaryFiles([MAIN, MORE, { file: 'glossary/accepted.yaml', text }]).terms).toHaveLength(3);
  });

  it('refuses a term that clashes, naming the file and line', () => {
    expect(() => acceptTerm([MAIN, MORE], 'glossary/accepted.yaml', { term: '原路退款', aliases: ['原路退回'], definition: '同原路退回。', category: 'refunds' })).toThrow(
      /glossary\/accepted\.yaml:\d+:\d+: alias 原路退回 of 原路退款 collides with the term of 原路退回/,
    );
  });
});

describe('chatkb glossary accept', () => {
  it('writes accepted.yaml in the glossary folder, and refuses a file the glossary would not read', async () => {
    const { mkdtempSync, writeFileSync, readFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { main } = await import('../../src/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-accept-'));
    writeFileSync(join(dir, 'payments.yaml'), MAIN.text);
    writeFileSync(join(dir, 'more.yaml'), MORE.text);
    let stderr = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (stderr += s) };
    const args = ['node', 'chatkb', 'glossary', 'accept', '扫码支付', '--glossary', dir, '--category', 'products', '--definition', '用手机扫描二维码完成付款。'];
    expect(await main([...args, '--into', join(tmpdir(), 'elsewhere.yaml')], io)).toBe(2);
    expect(stderr).toMatch(/--into must be a \*\.yaml file of the glossary folder/);
    expect(await main(args, io)).toBe(0);
    expect(parse(readFileSync(join(dir, 'accepted.yaml'), 'utf8')).terms[0]).toMatchObject({ term: '扫码支付', status: 'candidate' });
    expect(await main(args, io)).toBe(1);
    expect(stderr).toMatch(/accepted\.yaml:\d+:\d+: error: duplicate term 扫码支付/);
    expect(existsSync(join(dir, 'accepted.yaml'))).toBe(true);
  });
});
