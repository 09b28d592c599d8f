import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGold, loadGoldDir, parseGold } from '../../src/eval/gold.js';
import { DataFileError } from '../../src/rules/load.js';

const FIX = join(import.meta.dirname, '../fixtures/eval');

/** The problems parseGold reports, as `line:col message`. */
function problems(text: string): string[] {
  try {
    parseGold(text, 'x.gold.yaml');
  } catch (e) {
    if (e instanceof DataFileError) return e.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    throw e;
  }
  return [];
}

const OK_QUESTION = `  - id: q1
    at: ["09:00:05"]
    speaker: 林小雨-某某支付-产品-杭州
    answers: ["09:02:30"]
    answer_speakers: [王晓峰-星河银行-运营-上海]
    faq: true
    optional: false
`;

describe('parseGold', () => {
  it('reads a gold file into camelCase fields with defaults', () => {
    const g = loadGold(join(FIX, 'gold/demo-2019-03-05.gold.yaml'));
    expect(g.file).toBe('cocolian-source/demo/2019-03-05-chat.markdown');
    expect(g.range).toEqual({ from: '09:00:00', to: '10:30:00' });
    expect(g.questions).toHaveLength(6);
    expect(g.questions[0]).toMatchObject({
      id: 'q1',
      at: ['09:00:05', '09:00:05#2'],
      answers: ['09:02:30', '09:04:10'],
      answerSpeakers: ['王晓峰-星河银行-运营-上海', '陈一鸣-云杉科技-架构-北京'],
      followups: ['09:05:00'],
      faq: true,
      optional: false,
    });
    expect(g.questions[1]!.followups).toEqual([]);
    expect(g.questions[5]!.answerSpeakers).toEqual([]);
    expect(g.terms).toEqual(['原路退回', '代付', '账户余额', 'T+1', 'SWIFT码']);
    expect(g.definitions).toEqual([{ term: '代付', at: '09:22:00' }]);
    const g2 = loadGold(join(FIX, 'gold/demo-2019-03-06.gold.yaml'));
    expect(g2.range).toBeNull();
    expect(g2.questions[1]!.text).toBeNull();
  });

  it('accepts a file with no questions and no speaker', () => {
    const g = parseGold('file: a/b.md\nquestions:\n  - id: 1\n    at: ["01:02:03"]\n    faq: false\n    optional: true\n', 'x');
    expect(g.questions[0]).toMatchObject({ id: '1', speaker: null, answers: [], optional: true });
    expect(parseGold('file: a/b.md\n', 'x').questions).toEqual([]);
  });

  it('says when file is missing', () => {
    expect(problems(`questions:\n${OK_QUESTION}`)).toEqual([
      expect.stringMatching(/^1:1 missing file: the transcript path relative to the corpus root/),
    ]);
  });

  it('wants at as a list of HH:MM:SS or HH:MM:SS#N', () => {
    expect(problems(`file: a.md\nquestions:\n${OK_QUESTION.replace('at: ["09:00:05"]', 'at: "09:00:05"')}`)).toEqual([
      expect.stringMatching(/^4:9 at must be a list of times like \["12:01:52"\].*got string "09:00:05"/),
    ]);
    expect(problems(`file: a.md\nquestions:\n${OK_QUESTION.replace('at: ["09:00:05"]', 'at: ["09:00:05", "9:5:00#0"]')}`)).toEqual([
      expect.stringMatching(/^4:22 each time in at "9:5:00#0" is not a time "HH:MM:SS" or "HH:MM:SS#N"/),
    ]);
    expect(problems(`file: a.md\nquestions:\n${OK_QUESTION.replace('at: ["09:00:05"]', 'at: []')}`)).toEqual([
      expect.stringMatching(/^4:9 at must name at least one message time/),
    ]);
  });

  it('asks for quotes around times, which score.py would read as numbers', () => {
    expect(problems(`file: a.md\nquestions:\n${OK_QUESTION.replace('answers: ["09:02:30"]', 'answers: [09:02:30]')}`)).toEqual([
      '6:15 write the time in quotes, "09:02:30": unquoted, YAML 1.1 readers (score.py) take it for a number',
    ]);
  });

  it('wants one answer speaker per answer', () => {
    const text = `file: a.md\nquestions:\n${OK_QUESTION.replace('answers: ["09:02:30"]', 'answers: ["09:02:30", "09:03:00"]')}`;
    expect(problems(text)).toEqual([
      expect.stringMatching(/^7:22 answer_speakers has 1 name but answers has 2 times: give one speaker per answer/),
    ]);
  });

  it('wants faq and optional as booleans', () => {
    const text = `file: a.md\nquestions:\n${OK_QUESTION.replace('faq: true', 'faq: yes').replace('    optional: false\n', '')}`;
    expect(problems(text)).toEqual([
      expect.stringMatching(/^3:5 optional is missing: write optional: true or optional: false/),
      expect.stringMatching(/^8:10 faq must be true or false, got string "yes"/),
    ]);
  });

  it('finds duplicate question ids, even when other things are wrong too', () => {
    const second = OK_QUESTION.replace('faq: true', 'faq: 1');
    expect(problems(`file: a.md\nquestions:\n${OK_QUESTION}${second}`)).toEqual([
      expect.stringMatching(/^10:9 duplicate question id q1 \(question 1 has it too\)/),
      expect.stringMatching(/^15:10 faq must be true or false, got number 1/),
    ]);
  });

  it('names unknown fields and YAML syntax errors', () => {
    expect(problems(`file: a.md\nquestions:\n${OK_QUESTION}    anwsers: []\n`)).toEqual([
      expect.stringMatching(/^3:5 unknown field anwsers in question \(a question has: id, at, /),
    ]);
    expect(problems('file: a.md\nquestions: [\n')[0]).toMatch(/^\d+:\d+ /);
    expect(problems('')).toEqual([expect.stringMatching(/the gold file is empty/)]);
  });

  it('puts file:line:col in the error message', () => {
    expect(() => parseGold('file: 3\n', 'gold/x.gold.yaml')).toThrow(/^gold\/x\.gold\.yaml:1:7: file must be the transcript path as a text, got number 3/);
  });
});

describe('loadGoldDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatkb-gold-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a bad file and still loads the others, in name order', () => {
    copyFileSync(join(FIX, 'gold/demo-2019-03-06.gold.yaml'), join(dir, 'b.gold.yaml'));
    copyFileSync(join(FIX, 'gold-bad/broken.gold.yaml'), join(dir, 'a-broken.gold.yaml'));
    copyFileSync(join(FIX, 'gold/demo-2019-03-05.gold.yaml'), join(dir, 'a.gold.yaml'));
    copyFileSync(join(FIX, 'gold/demo-2019-03-05.gold.yaml'), join(dir, 'notes.yaml'));
    const { golds, problems: found } = loadGoldDir(dir);
    expect(golds.map((g) => g.source)).toEqual([join(dir, 'a.gold.yaml'), join(dir, 'b.gold.yaml')]);
    const broken = found.filter((p) => p.file === join(dir, 'a-broken.gold.yaml'));
    expect(broken.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column}`)).toEqual([
      '2:1', '5:9', '7:27', '8:22', '9:10', '11:5', '11:5', '11:9', '12:10',
    ]);
    expect(broken.at(-1)).toMatchObject({ severity: 'warning', message: expect.stringMatching(/skipped/) });
    expect(found.every((p) => p.file === join(dir, 'a-broken.gold.yaml'))).toBe(true);
  });

  it('warns when two gold files name one transcript', () => {
    copyFileSync(join(FIX, 'gold/demo-2019-03-05.gold.yaml'), join(dir, 'c.gold.yaml'));
    const { golds, problems: found } = loadGoldDir(dir);
    expect(golds).toHaveLength(3);
    expect(found.filter((p) => p.file === join(dir, 'c.gold.yaml'))).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/a\.gold\.yaml names the same transcript/) }),
    ]);
  });
});
