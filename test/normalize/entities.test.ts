import { describe, expect, it } from 'vitest';
import { cleanSpaces, cleanText, decodeEntities, foldSpaces, joinLinkTitles } from '../../src/normalize/entities.js';

describe('decodeEntities', () => {
  it('decodes single, double and triple escaping to a fixed point', () => {
    expect(decodeEntities('A&amp;B')).toBe('A&B');
    expect(decodeEntities('A&amp;amp;B')).toBe('A&B');
    expect(decodeEntities('a&amp;amp;amp;lt;b')).toBe('a<b');
    expect(decodeEntities('1&amp;#160;2')).toBe('1\u00a02');
    expect(decodeEntities('&lt;tr style=x&gt;&lt;td&gt;')).toBe('<tr style=x><td>');
    expect(decodeEntities('&amp;quot;T+1&amp;quot;')).toBe('"T+1"');
  });

  it('leaves bare ampersands in URLs and text alone', () => {
    const url = 'http://example.com/s?a=1&utm_source=x&notify=2&amp=3';
    expect(decodeEntities(url)).toBe(url);
    expect(decodeEntities('T&C')).toBe('T&C');
  });

  it('stops after the bound even if more could be decoded', () => {
    expect(decodeEntities('&amp;amp;amp;lt;', 1)).toBe('&amp;amp;lt;');
    expect(decodeEntities('&amp;amp;amp;lt;', 2)).toBe('&amp;lt;');
  });
});

describe('space clean-up', () => {
  it('turns NBSP, ideographic and typographic spaces into plain spaces', () => {
    expect(cleanSpaces('a\u00a0b\u3000c\u2005d\te')).toBe('a b c d e');
  });

  it('drops private-use code points and zero-width characters but keeps emoji joiners', () => {
    expect(cleanSpaces('好\ue412的\u200b')).toBe('好的');
    expect(cleanSpaces('\u{f0001}x')).toBe('x');
    expect(cleanSpaces('👨\u200d💻')).toBe('👨\u200d💻');
  });

  it('folds runs of spaces, trims lines and keeps at most one blank line', () => {
    expect(foldSpaces('  代扣   和  代付  \n\n\n\n 区别  ')).toBe('代扣 和 代付\n\n区别');
  });

  it('joins a link title broken before ](', () => {
    expect(joinLinkTitles('[聚合支付的下一站\r\n](http://x)'.replace('\r\n', '\n'))).toBe('[聚合支付的下一站](http://x)');
  });

  it('cleanText does it all in order: an escaped NBSP run becomes one space', () => {
    expect(cleanText('  1、对账&amp;#160;&amp;#160;&amp;#160;文件\r\n2、差错  ')).toBe('1、对账 文件\n2、差错');
    expect(cleanText('\u00a0 \u00a0')).toBe('');
    expect(cleanText('A&amp;amp;B\u3000公司')).toBe('A&B 公司');
  });
});
