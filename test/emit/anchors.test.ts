import { describe, expect, it } from 'vitest';
import { glossaryHref, termAnchor } from '../../src/emit/anchors.js';

describe('termAnchor', () => {
  it('lower-cases, turns spaces into -, keeps CJK, drops punctuation like GitHub heading ids', () => {
    expect(termAnchor('原路退回')).toBe('原路退回');
    expect(termAnchor('SDK')).toBe('sdk');
    expect(termAnchor('银联 WAP 网页支付')).toBe('银联-wap-网页支付');
    expect(termAnchor('T+1')).toBe('t1');
    expect(termAnchor('II类户')).toBe('ii类户');
    expect(termAnchor('clearing and settlement')).toBe('clearing-and-settlement');
    expect(termAnchor('Ｄ＋０')).toBe('d0');
  });
  it('links from an entry two folders down to the glossary page', () => {
    expect(glossaryHref('非原路退款')).toBe('../../glossary.md#非原路退款');
  });
});
