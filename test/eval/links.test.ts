import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/eval/extraction.js';
import { goldPairs, scoreIrcLinks } from '../../src/eval/links.js';
import { formatLinksReport } from '../../src/eval/report.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');

/** An IRC transcript whose messages reply to the given message numbers (1-based; 0: none). */
function irc(file: string, replies: number[]): Extraction {
  return {
    version: 1,
    transcripts: [
      {
        file,
        format: 'irc',
        messages: replies.map((to, i) => ({
          id: `m${i + 1}`,
          line: i + 1,
          time: '10:00:00',
          speaker: 'x',
          question: false,
          replyTo: to ? `m${to}` : null,
        })),
        exchanges: [],
        terms: [],
      },
    ],
  };
}

describe('IRC reply links', () => {
  it('reads annotation lines into (parent, child) pairs', () => {
    expect([...goldPairs('5 5 -\n3 7 -\n\n9 4 9 -\n7 7 2 -\n').values()]).toEqual([
      [5, 5],
      [3, 7],
      [4, 9], // "9 4 9": child 9, list.remove drops the first 9 only, left [4, 9]
      [9, 9],
      [7, 7], // "7 7 2": child 7, left [7, 2]
      [2, 7],
    ]);
  });

  /*
   * Gold (0-based lines): 0 starts, 1→0, 2 starts, 3→1, 4→2, 5→0.
   * "Previous message" links: 0 self, 1→0, 2→1, 3→2, 4→3, 5→4: matched (0,0), (1→0) = 2 of 6
   * each side → P = R = F = 33.3. Conversations: gold {0,1,3,5} {2,4}; auto all one.
   * 1−VI = 1 − H(gold | auto) / log2 6 = 1 − (−(4/6·log2 4/6 + 2/6·log2 2/6)) / log2 6 = 64.5.
   */
  it('scores the previous-message links of the fixture by hand', () => {
    const r = scoreIrcLinks(irc('logs/2020-01-01_10.raw.txt', [0, 1, 2, 3, 4, 5]), join(FIX, 'irc'));
    expect(r).toMatchObject({ missing: 0, gold: 6, auto: 6, matched: 2 });
    expect(r.f1).toBeCloseTo(100 / 3, 10);
    const h = -((4 / 6) * Math.log2(4 / 6) + (2 / 6) * Math.log2(2 / 6));
    expect(r.oneMinusVi).toBeCloseTo(100 * (1 - h / Math.log2(6)), 10);
    expect(formatLinksReport(r)).toBe('files missing from extraction: 0\nOK: link P/R/F 33.3/33.3/33.3 1-VI 64.5 (bar F 0)\n');
  });

  it('gives full marks to the gold links, and counts a missing transcript', () => {
    const r = scoreIrcLinks(irc('2020-01-01_10.txt', [0, 1, 0, 2, 3, 1]), join(FIX, 'irc'));
    expect(r).toMatchObject({ gold: 6, auto: 6, matched: 6, p: 100, r: 100, f1: 100, oneMinusVi: 100 });
    const none = scoreIrcLinks(irc('other.raw.txt', [0]), join(FIX, 'irc'));
    expect(none).toMatchObject({ missing: 1, gold: 6, auto: 0, matched: 0, f1: 0 });
    expect(formatLinksReport(none, { minF: 30 })).toMatch(/^files missing from extraction: 1\nSHORT: link P\/R\/F 0\.0\/0\.0\/0\.0 1-VI \d+\.\d \(bar F 30\.0\)\n$/);
  });
});
