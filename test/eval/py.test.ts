import { describe, expect, it } from 'vitest';
import { abspath, casefold, dirname, normpath, normTerm, pyCompare, pyFixed, pyStrip, truthy } from '../../src/eval/py.js';

describe('Python behaviours the scorers depend on', () => {
  it("rounds like '%.3f': exact binary value, ties to even", () => {
    expect(pyFixed(0.0625, 3)).toBe('0.062'); // an exact tie; JS toFixed gives 0.063
    expect(pyFixed(0.1875, 3)).toBe('0.188');
    expect(pyFixed(2 / 3, 3)).toBe('0.667');
    expect(pyFixed(1.0005, 3)).toBe('1.000'); // stored just below the tie
    expect(pyFixed(0.7135, 3)).toBe('0.714'); // stored just above it
    expect(pyFixed(0, 3)).toBe('0.000');
    expect(pyFixed(1, 3)).toBe('1.000');
    expect(pyFixed(22.35, 1)).toBe('22.4');
    expect(pyFixed(0.25, 1)).toBe('0.2');
    expect(pyFixed(100, 1)).toBe('100.0');
  });

  it('casefolds as str.casefold, after NFKC, then strips', () => {
    expect(casefold('Straße ΣΑΣ ﬀ')).toBe('strasse σασ ff');
    expect(casefold('ı')).toBe('ı');
    expect(normTerm('\u3000ＳＷＩＦＴ码 ')).toBe('swift码');
    expect(normTerm('ｔ＋１')).toBe('t+1');
    expect(pyStrip('\u0085 a \u001c')).toBe('a');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa'); // not whitespace to Python
  });

  it('handles paths as posixpath', () => {
    expect(normpath('./a//b/../c/')).toBe('a/c');
    expect(normpath('')).toBe('.');
    expect(normpath('//x/./y')).toBe('//x/y');
    expect(normpath('../../a')).toBe('../../a');
    expect(abspath('x/../y.md', '/w')).toBe('/w/y.md');
    expect(dirname('a/b/c.md')).toBe('a/b');
    expect(dirname('c.md')).toBe('');
  });

  it('orders and tests truth as Python', () => {
    expect(['\u{1F600}', '\uff01'].sort(pyCompare)).toEqual(['\uff01', '\u{1F600}']);
    expect([[], {}, '', 0, null, false].some(truthy)).toBe(false);
    expect([[0], { a: 1 }, ' ', -1, true].every(truthy)).toBe(true);
  });
});
