import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExtraction } from '../../src/eval/extraction.js';
import { loadGoldDir } from '../../src/eval/gold.js';
import { findTranscript, scoreAll, scoreFile } from '../../src/eval/measures.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');
const extraction = parseExtraction(readFileSync(join(FIX, 'extraction.json'), 'utf8'), 'extraction.json');
const { golds, problems } = loadGoldDir(join(FIX, 'gold'));

/*
 * Hand scoring of test/fixtures/eval (invented day, range 09:00:00–10:30:00).
 * Messages in range: m2..m17 (m1 at 08:55:10 and m18 at 10:45:00 are out) → 16.
 * Gold units: q1 {m2, m4} ("09:00:05" → the asker's first message that second, m2, not
 * B's m3; "09:00:05#2" → her second, m4), answers {m5, m8} (09:04:10 by B is m8, not D's m7);
 * q2 {m6} answers {m8}; q3 optional {m10} answers {m11}; q4 {m12} answers {m14};
 * q5 {m16} answers {m17}; q6 at 10:45:00 is outside the
 * range: not found (gold_msgs_not_found 1) and missed.
 *
 * Questions: flagged in range m2 m4 m6 m10 m12 m13 → units q1 (twice, counted once), q2,
 *   q3 (optional: ignored), q4; m13 is no gold question → fp.
 *   tp 3 (q1 q2 q4), fp 1, fn 2 (q5, q6). P 3/4 = 0.75, R 3/5 = 0.6, F1 0.9/1.35 = 2/3.
 * Answers: acceptable m5→{q1}, m8→{q1,q2}, m14→{q4}, m17→{q5}.
 *   x1 (q1): m3 fp, m5 tp, m8 tp; x2 (q2): m8 tp (m8 answers two questions), m9 fp;
 *   x3 (optional q3 only): skipped; x4 (q4): m15 fp; x5 (m13, no gold unit): m14 fp;
 *   x6, x7: question out of range, not counted.
 *   tp 3, fp 4, fn 2 (m14, m17 never attached correctly). P 3/7, R 3/5, F1 0.5.
 * FAQ: emitted faq exchanges in range: x1 (holds m5 of q1) tp; x3 skipped (optional);
 *   x4 (wrong answer m15) fp; x5 (not a gold question) fp → tp_pred 1, fp 2.
 *   Gold faq units with answers: q1, q4, q5 → found q1 → tp_gold 1, fn 2. P = R = F1 = 1/3.
 * Terms: gold {原路退回, 代付, 账户余额, t+1, swift码}; output 原路退回, ｔ＋１→t+1,
 *   ｓｗｉｆｔ码→swift码, "\u3000代付"→代付, 聚合支付 → tp 4, fp 1, fn 1. P = R = F1 = 0.8.
 * Second gold file: its transcript is not in the extraction → missing_files, both of its
 *   questions not found (2), q1 missed (fn 1; q2 is optional); its answers are not found
 *   either, so they count nowhere; term 清算 missed (fn 1).
 * Totals: Q tp 3 fp 1 fn 3 → P 0.75 R 0.5 F1 0.6; A as above; FAQ as above;
 *   terms tp 4 fp 1 fn 2 → P 0.8 R 2/3 F1 (2·0.8·2/3)/(0.8+2/3) = 8/11.
 */
describe('scoreAll on the hand-made fixture', () => {
  it('loads both gold files without problems', () => {
    expect(problems).toEqual([]);
    expect(golds.map((g) => g.file)).toEqual([
      'cocolian-source/demo/2019-03-05-chat.markdown',
      'cocolian-source/demo/2019-03-06-chat.markdown',
    ]);
  });

  const result = scoreAll(extraction, golds);
  const [day1, day2] = result.files;

  it('scores the day with the transcript', () => {
    expect(day1!.transcript).toBe('corpus/cocolian-source/demo/2019-03-05-chat.markdown');
    expect(day1!.messages).toBe(16);
    expect(day1!.goldMsgsNotFound).toBe(1);
    expect(day1!.questions).toMatchObject({ tp: 3, fp: 1, fn: 2 });
    expect(day1!.questions.p).toBe(0.75);
    expect(day1!.questions.r).toBe(0.6);
    expect(day1!.questions.f1).toBeCloseTo(2 / 3, 12);
    expect(day1!.answers).toMatchObject({ tp: 3, fp: 4, fn: 2 });
    expect(day1!.answers.p).toBeCloseTo(3 / 7, 12);
    expect(day1!.answers.r).toBe(0.6);
    expect(day1!.answers.f1).toBeCloseTo(0.5, 12);
    expect(day1!.faq).toMatchObject({ tpPred: 1, fp: 2, tpGold: 1, fn: 2 });
    expect(day1!.faq.f1).toBeCloseTo(1 / 3, 12);
    expect(day1!.terms).toMatchObject({ tp: 4, fp: 1, fn: 1 });
    expect(day1!.terms.f1).toBeCloseTo(0.8, 12);
  });

  it('counts the day missing from the extraction as all missed', () => {
    expect(day2!.transcript).toBeNull();
    expect(day2!.messages).toBe(0);
    expect(day2!.goldMsgsNotFound).toBe(2);
    expect(day2!.questions).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(day2!.answers).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(day2!.faq).toMatchObject({ tpPred: 0, fp: 0, tpGold: 0, fn: 0 });
    expect(day2!.terms).toMatchObject({ tp: 0, fp: 0, fn: 1 });
  });

  it('totals', () => {
    expect(result.goldFiles).toBe(2);
    expect(result.missingFiles).toEqual(['cocolian-source/demo/2019-03-06-chat.markdown']);
    expect(result.goldMsgsNotFound).toBe(3);
    const t = result.total;
    expect(t.questions).toMatchObject({ tp: 3, fp: 1, fn: 3, p: 0.75, r: 0.5 });
    expect(t.questions.f1).toBeCloseTo(0.6, 12);
    expect(t.answers).toMatchObject({ tp: 3, fp: 4, fn: 2 });
    expect(t.faq).toMatchObject({ tpPred: 1, fp: 2, tpGold: 1, fn: 2 });
    expect(t.faq.p).toBeCloseTo(1 / 3, 12);
    expect(t.faq.r).toBeCloseTo(1 / 3, 12);
    expect(t.terms).toMatchObject({ tp: 4, fp: 1, fn: 2 });
    expect(t.terms.r).toBeCloseTo(2 / 3, 12);
    expect(t.terms.f1).toBeCloseTo(8 / 11, 12);
  });

  it('scoreFile gives the per-file numbers on its own', () => {
    const t = findTranscript(extraction, golds[0]!.file);
    expect(scoreFile(t, golds[0]!)).toEqual(day1);
    expect(scoreFile(null, golds[1]!)).toEqual(day2);
  });
});

describe('quirks of score.py kept on purpose', () => {
  const [gold] = golds;
  const t = findTranscript(extraction, gold!.file)!;

  it('without answer_speakers, a same-second tie takes the first message', () => {
    // 09:04:10 has D's "嗯嗯" (m7) before B's answer (m8): q2's gold answer becomes m7.
    const g = structuredClone(gold!);
    g.questions[1]!.answerSpeakers = [];
    const s = scoreFile(t, g);
    // links: x1 m3 fp, m5 tp, m8 tp; x2 m8 fp (m8 is acceptable for q1 only), m9 fp; x4, x5 fp
    expect(s.answers).toMatchObject({ tp: 2, fp: 5, fn: 3 }); // m7, m14, m17 unattached
  });

  it('#N without a speaker counts everyone in that second', () => {
    const g = structuredClone(gold!);
    g.questions[0]!.speaker = null;
    g.questions[0]!.at = ['09:00:05#2']; // the second message of anyone at 09:00:05: B's m3
    const s = scoreFile(t, g);
    // q1 is now m3 (not flagged) → missed; the flagged m2 and m4 belong to no gold question
    expect(s.questions).toMatchObject({ tp: 2, fp: 3, fn: 3 });
    g.questions[0]!.at = ['09:00:05', '09:00:05#3']; // first of anyone (m2), third of anyone (m4)
    expect(scoreFile(t, g).questions).toMatchObject({ tp: 3, fp: 1, fn: 2 });
  });

  it('a #N beyond the messages in that second finds nothing', () => {
    const g = structuredClone(gold!);
    g.questions[0]!.at = ['09:00:05#3']; // the asker has only two messages then
    const s = scoreFile(t, g);
    expect(s.goldMsgsNotFound).toBe(2);
    // q1 not found → missed; m2 and m4 are flagged but now belong to no gold question
    expect(s.questions).toMatchObject({ tp: 2, fp: 3, fn: 3 });
  });

  it('matches the transcript by plain string suffix of the normalised path', () => {
    expect(findTranscript(extraction, './cocolian-source/demo/2019-03-05-chat.markdown')?.file).toBe(
      'corpus/cocolian-source/demo/2019-03-05-chat.markdown',
    );
    expect(findTranscript(extraction, 'o/2019-03-05-chat.markdown')).not.toBeNull();
    expect(findTranscript(extraction, 'cocolian-source/demo/2019-03-09-chat.markdown')).toBeNull();
  });

  it('a later gold file for the same transcript replaces the earlier, in its place', () => {
    const again = { ...golds[0]!, source: 'again.gold.yaml', terms: ['代付'] };
    const r = scoreAll(extraction, [golds[0]!, golds[1]!, again]);
    expect(r.goldFiles).toBe(2);
    expect(r.files.map((f) => f.gold)).toEqual(['again.gold.yaml', golds[1]!.source]);
    expect(r.files[0]!.terms).toMatchObject({ tp: 1, fp: 4, fn: 0 });
  });
});
