// Fitting on gold days end to end, on invented days: labels, the fitted model, the
// fitted file (written, read back, checked against the rules), and the held-out eval.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli.js';
import { loadGoldDir } from '../../src/eval/index.js';
import { crossValidate, foldOf } from '../../src/learn/crossval.js';
import { loadFitData } from '../../src/learn/data.js';
import { goldLabels, silverLabels } from '../../src/learn/labels.js';
import { DEFAULT_FIT, fitModel } from '../../src/learn/model.js';
import { fittedYaml } from '../../src/learn/write.js';
import { answerFeatures } from '../../src/link/linker.js';
import { extractAll } from '../../src/pipeline.js';
import { defaultPaths, loadResources } from '../../src/resources.js';
import { fittedSchema } from '../../src/rules/fitted.js';
import { DataFileError } from '../../src/rules/load.js';
import { goldDays, transcript } from './helpers.js';

const paths = defaultPaths();
const hand = loadResources(paths, { fitted: false });
const fixture = goldDays(4);

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'chatkb', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('labels', () => {
  const { golds } = loadGoldDir(fixture.gold);
  const doc = extractAll([fixture.files[0]!], hand).docs[0]!;

  it('give every in-range message of a gold day a label, answers with their question', () => {
    const labels = goldLabels(doc, golds.find((g) => doc.transcript.file.endsWith(g.file))!);
    const answers = [...labels.entries()].filter(([, l]) => l.questions.size > 0);
    expect(answers).toHaveLength(6);
    const qText = (id: string) => doc.transcript.messages[doc.index.get(id)!]!.text;
    for (const [, l] of answers) for (const q of l.questions) expect(qText(q)).toMatch(/^请问/);
    const none = [...labels.entries()].filter(([, l]) => l.questions.size === 0).map(([id]) => doc.transcript.messages[doc.index.get(id)!]!.text);
    expect(none).toContain('哈哈哈');
  });

  it('take an explicit reply out of the text it learns from (silver)', () => {
    const A = '林小雨-某某支付-产品-杭州';
    const B = '周一鸣-星河银行-运营-上海';
    const text = transcript('2024-05-01', [
      { time: '10:00:00', speaker: A, text: '请问代付失败的钱多久退回？' },
      { time: '10:03:00', speaker: 'x', text: '今天人真多' },
      { time: '10:06:00', speaker: B, text: '@林小雨 代付失败一般T+1退回商户账户' },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-silver-'));
    writeFileSync(join(dir, '2024-05-01-chat.markdown'), text);
    const doc = extractAll([dir], hand).docs[0]!;
    const reply = doc.transcript.messages[2]!;
    expect(doc.links.find((l) => l.from === reply.id)).toMatchObject({ kind: 'explicit', role: 'answer' });
    const s = silverLabels(doc, 0.3);
    expect([...s.labels.keys()]).toEqual([reply.id]);
    expect(s.labels.get(reply.id)).toMatchObject({ questions: new Set([doc.transcript.messages[0]!.id]), weight: 0.3, given: true });
    const stripped = s.transcript.messages[2]!;
    expect(stripped.mentions).toEqual([]);
    expect(stripped.text.trim()).toBe('代付失败一般T+1退回商户账户');
  });
});

describe('fitModel and crossValidate', () => {
  const data = loadFitData({ gold: fixture.gold, corpus: fixture.corpus }, hand);

  it('deals days into folds by file order, the same every time', () => {
    const f = foldOf(data.days, 2);
    expect(f).toEqual(foldOf([...data.days], 2));
    expect(new Set(f)).toEqual(new Set([0, 1]));
  });

  it('fits a weight for every question cue and answer feature, and nothing else', () => {
    const model = fitModel(data.days, data.silver, hand, DEFAULT_FIT);
    expect(Object.keys(model.answers.weights)).toEqual(answerFeatures(hand.linking).map((f) => f.id));
    expect(Object.values(model.answers.weights).every(Number.isFinite)).toBe(true);
    expect(model.questions).not.toBeNull();
    expect(model.faq).not.toBeNull();
    const text = fittedYaml(model, { goldDays: data.days.length });
    expect(fittedSchema.parse(parse(text)).answers?.weights).toEqual(model.answers.weights);
  });

  it('measures each day with weights fitted on the others', () => {
    const cv = crossValidate(data.days, [], hand, 2, DEFAULT_FIT);
    expect(cv.folds).toHaveLength(2);
    expect(cv.heldOut).toHaveLength(4);
    expect(cv.heldOut.map((d) => d.transcript.file)).toEqual(data.days.map((d) => d.file));
    // The invented days are easy: held out, the answers are still found.
    const answered = cv.heldOut.flatMap((d) => d.exchanges.flatMap((e) => e.answers));
    expect(answered.length).toBeGreaterThan(8);
  });
});

describe('rules/fitted.yaml', () => {
  it('is used by the resources, and names the weights a link cites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-fitted-'));
    cpSync(paths.rulesDir, dir, { recursive: true });
    const { code, stdout } = await cli('fit', '--gold', fixture.gold, '--corpus', fixture.corpus, '--rules', dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote .*fitted\.yaml/);
    const fitted = fittedSchema.parse(parse(readFileSync(join(dir, 'fitted.yaml'), 'utf8')));
    const res = loadResources({ ...paths, rulesDir: dir });
    const doc = extractAll([fixture.files[0]!], res).docs[0]!;
    const scored = doc.links.filter((l) => l.kind === 'scored');
    expect(scored.length).toBeGreaterThan(0);
    for (const l of scored) for (const h of l.because) expect(fitted.answers!.weights[h.rule]).toBeDefined();
  });

  it('refuses a weight for a rule that no longer exists, at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-fitted-'));
    cpSync(paths.rulesDir, dir, { recursive: true });
    writeFileSync(join(dir, 'fitted.yaml'), 'version: 1\nanswers:\n  bias: -1\n  threshold: 0.2\n  weights:\n    answer/overlap: 2\n    answer/renamed-away: 1\n');
    try {
      loadResources({ ...paths, rulesDir: dir });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataFileError);
      expect((e as DataFileError).problems).toEqual([expect.objectContaining({ line: 7, ruleId: 'answer/renamed-away', message: expect.stringMatching(/refit/) })]);
    }
  });
});

describe('chatkb eval --folds', () => {
  it('reports held-out numbers with the in-sample ones beside them', async () => {
    const { code, stdout } = await cli('eval', '--gold', fixture.gold, '--corpus', fixture.corpus, '--folds', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Held-out: 2 folds/);
    expect(stdout).toMatch(/answer attachment +P=/);
    expect(stdout).toMatch(/in-sample \(fitted on all days, measured on them\): question F1 [01]\.\d{3}, answer F1/);
  });
});
