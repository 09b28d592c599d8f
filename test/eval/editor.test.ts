import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigrams, curatedQuestions, scoreEditorBench } from '../../src/eval/editor.js';
import { parseExtraction } from '../../src/eval/extraction.js';
import { parseRaw } from '../../src/eval/raw.js';
import { formatEditorReport } from '../../src/eval/report.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');
const extraction = parseExtraction(readFileSync(join(FIX, 'extraction.json'), 'utf8'), 'extraction.json');

describe('editor benchmark', () => {
  it('reads curated Q lines of four characters or more', () => {
    const text = readFileSync(join(FIX, 'corpus/curated/2019-03-05-demo.markdown'), 'utf8');
    expect(curatedQuestions(text)).toEqual([
      '原路退回一般要多久到账？',
      '代付接口的限额怎么设置？',
      '账户余额和可用余额有什么区别',
      '聚合支付和四方支付有什么不同？',
      '嗯，好的',
    ]);
    expect(curatedQuestions('  **Q12** ： What is T+1?  \nA1：no\n')).toEqual(['What is T+1?']);
  });

  it('takes bigrams of word characters only, lower-cased', () => {
    expect([...bigrams('T+1到账？ ok')]).toEqual(['t1', '1到', '到账', '账o', 'ok']);
  });

  it('reads raw transcripts like the reference reader', () => {
    const raw = parseRaw('---\ntitle: x\n---\n> 09:00:05  某人-某司  \n   \n第一行\n  第二行  \n\n> 09:01:00  \n\n');
    expect(raw.format).toBe('cocolian-source');
    expect(raw.messages).toEqual([
      { line: 4, time: '09:00:05', speaker: '某人-某司', text: '第一行 第二行' },
      { line: 9, time: '09:01:00', speaker: '', text: '' },
    ]);
    const irc = parseRaw('[10:00] <mika> hi\n=== tobb joined\n\n[10:01] <tobb>  yo');
    expect(irc.format).toBe('irc');
    expect(irc.messages.map((m) => [m.line, m.time, m.speaker, m.text])).toEqual([
      [1, '10:00:00', 'mika', 'hi'],
      [2, '', '', '=== tobb joined'],
      [4, '10:01:00', 'tobb', ' yo'],
    ]);
  });

  /*
   * By hand: day 1 has five counted questions (the "Q：好" line is too short). Q1 maps to
   * m2 (all 10 bigrams), flagged and the question of faq exchange x1; Q2 maps to m12, flagged,
   * in faq exchange x4; Q3 maps to m16, not flagged, in no exchange (missed); Q4 matches no
   * message (< 0.6); Q6 "嗯，好的" has two bigrams (< 3), counted but not mapped. Day 2 is not
   * in the extraction (missing raw 1): its one question maps to the 14:00:00 message and is
   * neither flagged nor in FAQ (missed). total 6, mapped 4, flagged 2, faq 2 → 0.5 and 0.5.
   */
  it('scores the fixture as computed by hand', () => {
    const r = scoreEditorBench(extraction, join(FIX, 'editor-pairs.tsv'), 'corpus', { cwd: FIX });
    expect(r).toMatchObject({ total: 6, mapped: 4, flagged: 2, faq: 2, flaggedShare: 0.5, faqShare: 0.5, missingRaw: 1 });
    expect(r.missed).toEqual([
      { raw: 'cocolian-source/demo/2019-03-05-chat.markdown', time: '09:40:00', text: '账户余额和可用余额有什么区别' },
      { raw: 'cocolian-source/demo/2019-03-06-chat.markdown', time: '14:00:00', text: '请问清算和结算有什么区别？' },
    ]);
    expect(formatEditorReport(r, { minRecall: 0.6, showMissed: 1 })).toBe(
      'missed: cocolian-source/demo/2019-03-05-chat.markdown 09:40:00 账户余额和可用余额有什么区别\n' +
        'editor questions: 6 in curated posts, 4 mapped to raw messages, raw files missing from extraction: 1\n' +
        'SHORT: editor-question recall: flagged 0.500, in FAQ exchanges 0.500 (bar 0.6)\n',
    );
  });

  it('finds transcripts by absolute path, whatever the working directory', () => {
    const abs = structuredClone(extraction);
    abs.transcripts[0]!.file = join(FIX, abs.transcripts[0]!.file);
    const r = scoreEditorBench(abs, join(FIX, 'editor-pairs.tsv'), join(FIX, 'corpus'), { cwd: '/' });
    expect(r).toMatchObject({ total: 6, mapped: 4, flagged: 2, faq: 2, missingRaw: 1 });
  });
});
