import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curatedPairs, editorAnswerPairs, scoreEditorAnswers, words } from '../../src/eval/editor-answers.js';
import { parseExtraction } from '../../src/eval/extraction.js';
import { formatEditorAnswersReport } from '../../src/eval/report.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');
/** An invented day and its write-up: inline `A：`, `#` headings, links, a duplicate time and speaker. */
const ANS = join(FIX, 'answers');
const RAW = 'cocolian-source/demo/2020-05-12-chat.markdown';
const CURATED = 'curated/2020-05-12-demo.markdown';
const L = '林小雨-某某支付-产品-杭州';
const Z = '周一鸣-云杉科技-架构-北京';
const C = '陈一帆-星河银行-运营-上海';

const load = (dir: string) => parseExtraction(readFileSync(join(dir, 'extraction.json'), 'utf8'), 'extraction.json');

describe('curated Q/A pairs', () => {
  it('reads the fixture post as editor_answers.py does', () => {
    expect(curatedPairs(readFileSync(join(ANS, 'corpus', CURATED), 'utf8'))).toEqual([
      // an answer runs on over plain lines
      ['退款的时候手续费会退还给商户吗？', '看渠道，微信会退手续费， 部分银行不退。'],
      // an inline A： splits the Q line; the line after it runs on; the heading ends the pair
      ['对账文件一般几点生成？', '一般次日上午十点前生成，详见[对账说明](https://example.com/recon-guide)。 周末也一样。'],
      // the A： line after the heading has no question and is dropped; two A lines merge
      ['代付失败的钱多久退回到账户？', '失败的代付一般当天退回，详见 https://example.com/payout-faq 如果过了T+1还没退回，找渠道查单。'],
      // Q4 has no answer, Q5 "好的" is too short
      ['银行卡四要素验证要收费吗？', '按次收费，价格各家不同。'],
      ['跨行转账为什么会延迟到第二天？', '大额系统有运行时间，过了就顺延。'],
      // the last pair is kept at the end of the file, with the post's closing line in its answer
      ['商户号可以共用吗？', '不建议共用，风控会出问题。 以上内容整理自群聊，仅供参考。'],
    ]);
  });

  it('splits an inline A only after whitespace, and keeps an empty inline answer open', () => {
    expect(curatedPairs('**Q1** ： 什么是T+1？ **A1**：下一个工作日\n')).toEqual([['什么是T+1？', '下一个工作日']]);
    // no whitespace before A：, so no split: a question without an answer, dropped
    expect(curatedPairs('Q：什么是T+1？A：下一个工作日\n')).toEqual([]);
    // "A：" with nothing after it is an empty (falsy) answer: a following line runs on after a space
    expect(curatedPairs('Q：什么是T+1？ A：\n下一个工作日\n')).toEqual([['什么是T+1？', ' 下一个工作日']]);
    // a # line inside an answer ends it
    expect(curatedPairs('Q：什么是T+1？\nA：下一个\n#工作日\n续行\n')).toEqual([['什么是T+1？', '下一个']]);
  });

  it('takes words without images and link addresses', () => {
    expect([...words('见[说明](https://x.cn/a)和 ![图](a.png) https://x.cn/b?c=1 好')]).toEqual(['见和', '和好']);
  });
});

describe('editorAnswerPairs', () => {
  const { pairsTotal, pairs } = editorAnswerPairs('pairs.tsv', 'corpus', { cwd: ANS });

  /*
   * Q1 maps to #1 (asked by 林小雨); its answer to #2 and #4: #3 holds the answer's words but
   * is the asker's, #5 "好的" has too few bigrams. Q2 (inline A) maps to #6, its answer to #7
   * and #9 (the run-on line); #8 is only the link the answer cites, which words() drops on both
   * sides. Q3 maps to #10, its answer to #11 and #14 (two A lines; #12 is a link, #13 shares the
   * time and speaker of #14 but not its words). Q6 maps to #15, but no answer does; Q7 maps to
   * nothing. Q8 maps to #17, its answer to #18.
   */
  it('maps each curated question and its answer onto raw messages', () => {
    expect(pairsTotal).toBe(6);
    expect(pairs.map((p) => [p.question.index, p.answers.map((a) => a.index)])).toEqual([
      [1, [2, 4]],
      [6, [7, 9]],
      [10, [11, 14]],
      [17, [18]],
    ]);
    expect(pairs.every((p) => p.raw === RAW && p.curated === CURATED)).toBe(true);
  });

  it('gives time, speaker and text of every mapped message', () => {
    expect(pairs[0]).toEqual({
      raw: RAW,
      curated: CURATED,
      curatedQuestion: '退款的时候手续费会退还给商户吗？',
      curatedAnswer: '看渠道，微信会退手续费， 部分银行不退。',
      question: { time: '09:01:00', speaker: L, index: 1, text: '请问退款的时候手续费会退还给商户吗？' },
      answers: [
        { time: '09:02:00', speaker: Z, index: 2, text: '看渠道，微信会退手续费' },
        { time: '09:03:00', speaker: C, index: 4, text: '对，部分银行不退' },
      ],
    });
    expect(pairs[2]!.answers[1]).toEqual({ time: '09:22:00', speaker: Z, index: 14, text: '如果过了T+1还没退回，找渠道查单' });
  });

  it('maps the original fixture: one answer message per pair', () => {
    const r = editorAnswerPairs('editor-pairs.tsv', 'corpus', { cwd: FIX });
    expect(r.pairsTotal).toBe(5);
    expect(r.pairs.map((p) => [basename(p.raw), p.question.time, p.answers.map((a) => a.time)])).toEqual([
      ['2019-03-05-chat.markdown', '09:00:05', ['09:02:30']],
      ['2019-03-05-chat.markdown', '09:20:00', ['09:22:00']],
      ['2019-03-05-chat.markdown', '09:40:00', ['09:41:00']],
      ['2019-03-06-chat.markdown', '14:00:00', ['14:03:00']],
    ]);
  });
});

describe('scoreEditorAnswers', () => {
  /*
   * By hand, on the hand-written extraction of the invented day (mN is raw message N-1):
   * Q1: x1 (faq) on m2 answers m3, m5 → 2 of 2 attached, entry found.
   * Q2: x2 on m7 answers m8 only and is not faq → 1 of 2, no entry.
   * Q3: x3 (faq) on m11 answers m15; but raw #14 shares 09:22:00 and speaker with #13, and the
   *     first message of a time and speaker wins (setdefault), so it maps to m14 → 0 of 2, no entry.
   * Q8: x5 (faq) on m18 answers m19, m20 → 1 of 1, entry found.
   * 7 answer messages, 4 attached (0.571); 2 entries of 4 (0.5).
   */
  it('scores the invented day as computed by hand', () => {
    const r = scoreEditorAnswers(load(ANS), 'pairs.tsv', 'corpus', { cwd: ANS });
    expect(r).toEqual({
      pairsTotal: 6,
      pairsMapped: 4,
      answers: 7,
      attached: 4,
      entries: 2,
      attachedShare: 4 / 7,
      entriesShare: 0.5,
      missed: [
        { raw: RAW, time: '09:10:00', question: '对账文件一般几点生成？' },
        { raw: RAW, time: '09:20:00', question: '代付失败的钱多久退回到账户？' },
      ],
    });
    expect(formatEditorAnswersReport(r, { minEntries: 0.6, show: 1 })).toBe(
      `missed: ${RAW} 09:10:00 对账文件一般几点生成？\n` +
        'editor Q/A pairs: 6 in curated posts, 4 mapped (question and answer), 7 answer messages\n' +
        'SHORT: editor answers attached 0.571; editor entries found (FAQ exchange with an editor answer) 0.500 (bar 0.6)\n',
    );
  });

  /*
   * The original fixture: Q1's answer m5 is among x1's answers (faq) → attached, entry found.
   * Q2's answer m14 is not x4's; Q3 has no exchange; day 2 is not in the extraction.
   */
  it('scores the original fixture, a day missing from the extraction included', () => {
    const r = scoreEditorAnswers(load(FIX), 'editor-pairs.tsv', 'corpus', { cwd: FIX });
    expect(r).toMatchObject({ pairsTotal: 5, pairsMapped: 4, answers: 4, attached: 1, entries: 1, attachedShare: 0.25, entriesShare: 0.25 });
    expect(r.missed.map((m) => m.time)).toEqual(['09:20:00', '09:40:00', '14:00:00']);
    expect(formatEditorAnswersReport(r)).toMatch(/^OK: .* 0\.250 \(bar 0\)$/m);
  });

  it('finds transcripts by absolute path, whatever the working directory', () => {
    const abs = load(ANS);
    abs.transcripts[0]!.file = join(ANS, abs.transcripts[0]!.file);
    const r = scoreEditorAnswers(abs, join(ANS, 'pairs.tsv'), join(ANS, 'corpus'), { cwd: '/' });
    expect(r).toMatchObject({ pairsMapped: 4, answers: 7, attached: 4, entries: 2 });
  });
});
