import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExtraction } from '../../src/eval/extraction.js';
import { loadGoldDir } from '../../src/eval/gold.js';
import { scoreAll } from '../../src/eval/measures.js';
import { evalJson, formatReport, meetsBars, summaryLines, toJson } from '../../src/eval/report.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');
const extraction = parseExtraction(readFileSync(join(FIX, 'extraction.json'), 'utf8'), 'extraction.json');
const result = scoreAll(extraction, loadGoldDir(join(FIX, 'gold')).golds);

describe('eval report', () => {
  it("ends with score.py's summary lines", () => {
    const text = formatReport(result);
    expect(text.trimEnd().split('\n').slice(-6)).toEqual([
      'files=2 missing_files=1 gold_msgs_not_found=3',
      'question detection   P=0.750 R=0.500 F1=0.600  (tp=3 fp=1 fn=3)',
      'answer attachment    P=0.429 R=0.600 F1=0.500  (tp=3 fp=4 fn=2)',
      'faq exchanges        P=0.333 R=0.333 F1=0.333',
      'glossary terms       P=0.800 R=0.667 F1=0.727',
      'OK: Q-F1 0.600 (bar 0) A-F1 0.500 (bar 0) FAQ-F1 0.333 (bar 0) terms-F1 0.727 (bar 0)',
    ]);
  });

  it('has one aligned row per file and a total row', () => {
    const lines = formatReport(result).split('\n');
    const header = lines[1]!;
    expect(header).toMatch(/^file +msgs  P {5}R {5}F1/);
    const day1 = lines.find((l) => l.startsWith('cocolian-source/demo/2019-03-05-chat.markdown '))!;
    const day2 = lines.find((l) => l.startsWith('cocolian-source/demo/2019-03-06-chat.markdown (no transcript)'))!;
    const total = lines.find((l) => l.startsWith('total '))!;
    expect(day1.replace(/^\S+ +/, '')).toBe('16  0.750 0.600 0.667  0.429 0.600 0.500  0.333 0.333 0.333  0.800 0.800 0.800');
    expect(total.replace(/^total +/, '')).toBe('16  0.750 0.500 0.600  0.429 0.600 0.500  0.333 0.333 0.333  0.800 0.667 0.727');
    // columns line up: "msgs" right-aligned over the counts
    expect(day1.indexOf('16') + 2).toBe(header.indexOf('msgs') + 4);
    expect(day2.length).toBe(day1.length);
    expect(lines).toContain('missing from the extraction: cocolian-source/demo/2019-03-06-chat.markdown');
  });

  it('checks bars as score.py does', () => {
    expect(meetsBars(result, { questions: 0.6 })).toBe(true);
    expect(meetsBars(result, { questions: 0.61 })).toBe(false);
    expect(summaryLines(result, { questions: 0.7, faq: 1 }).at(-1)).toBe(
      'SHORT: Q-F1 0.600 (bar 0.7) A-F1 0.500 (bar 0) FAQ-F1 0.333 (bar 1.0) terms-F1 0.727 (bar 0)',
    );
  });

  it('gives JSON with counts, missing_files and gold_msgs_not_found', () => {
    const j = JSON.parse(toJson(result, [{ file: 'b.gold.yaml', line: 3, column: 5, severity: 'error', message: 'm' }]));
    expect(j).toEqual(evalJson(JSON.parse(JSON.stringify(result)), [{ file: 'b.gold.yaml', line: 3, column: 5, severity: 'error', message: 'm' }]));
    expect(j.missing_files).toEqual(['cocolian-source/demo/2019-03-06-chat.markdown']);
    expect(j.gold_msgs_not_found).toBe(3);
    expect(j.gold_files).toBe(2);
    expect(j.total.questions).toEqual({ tp: 3, fp: 1, fn: 3, p: 0.75, r: 0.5, f1: result.total.questions.f1 });
    expect(j.total.faq).toMatchObject({ tp_pred: 1, fp: 2, tp_gold: 1, fn: 2 });
    expect(j.files[0]).toMatchObject({ file: 'cocolian-source/demo/2019-03-05-chat.markdown', messages: 16, gold_msgs_not_found: 1 });
    expect(j.problems).toEqual([{ file: 'b.gold.yaml', line: 3, column: 5, severity: 'error', message: 'm' }]);
  });
});
