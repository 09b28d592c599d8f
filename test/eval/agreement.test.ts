/**
 * `chatkb eval` must print the numbers the reference scorers print (shared/eval/tools). These
 * tests run both on the same extraction JSON and compare. They skip when the shared folder or
 * python3 with PyYAML is absent. Nothing from the corpus is written into the repository:
 * extractions and gold copies go to a temporary directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreEditorAnswers } from '../../src/eval/editor-answers.js';
import { scoreEditorBench } from '../../src/eval/editor.js';
import { type Extraction, parseExtraction } from '../../src/eval/extraction.js';
import { loadGoldDir } from '../../src/eval/gold.js';
import { scoreIrcLinks } from '../../src/eval/links.js';
import { findTranscript, scoreAll, type Scores } from '../../src/eval/measures.js';
import { pyFixed } from '../../src/eval/py.js';
import { formatEditorAnswersReport, formatEditorReport, formatLinksReport, summaryLines } from '../../src/eval/report.js';

const SHARED = resolve(process.env.CHATKB_SHARED ?? join(import.meta.dirname, '../../../shared'));
const EVAL = join(SHARED, 'eval');
const TOOLS = join(EVAL, 'tools');
const CORPUS = join(SHARED, 'corpus');
const FIX = join(import.meta.dirname, '../fixtures/eval');
const PYTHON = existsSync(TOOLS) && spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;

const tmp = mkdtempSync(join(tmpdir(), 'chatkb-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function py(args: string[], cwd = process.cwd()): string {
  const r = spawnSync('python3', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`python3 ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Run the reference baseline extractor over `files`; returns the JSON path. */
function baseline(name: string, files: string[]): string {
  const out = join(tmp, `${name}.json`);
  writeFileSync(out, execFileSync('python3', [join(TOOLS, 'baseline.py'), ...files], { maxBuffer: 1 << 28 }));
  return out;
}

const readExtraction = (path: string): Extraction => parseExtraction(readFileSync(path, 'utf8'), path);

/** score.py's own per-file counts, by importing it (its printed per-file lines round to 2 places). */
function referenceCounts(extraction: string, goldDir: string): Record<string, { q: number[]; a: number[]; faq: number[]; terms: number[]; unmatched_gold: number; messages: number }> {
  const script = `
import json, os, sys
sys.path.insert(0, ${JSON.stringify(TOOLS)})
import score
data = json.load(open(sys.argv[1], encoding="utf-8"))
out = {}
for name, g in score.load_gold(sys.argv[2]).items():
    rel = os.path.normpath(name)
    t = next((t for t in data.get("transcripts", []) if os.path.normpath(t["file"]).endswith(rel)), None)
    out[name] = score.score_file(t or {"messages": [], "exchanges": []}, g)
print(json.dumps(out))
`;
  return JSON.parse(py(['-c', script, extraction, goldDir]));
}

function countsOf(s: Scores) {
  return {
    q: [s.questions.tp, s.questions.fp, s.questions.fn],
    a: [s.answers.tp, s.answers.fp, s.answers.fn],
    faq: [s.faq.tpPred, s.faq.fp, s.faq.tpGold, s.faq.fn],
    terms: [s.terms.tp, s.terms.fp, s.terms.fn],
  };
}

/** Compare score.py (printed and imported) with scoreAll on one extraction and gold dir. */
function expectScoreAgreement(extractionPath: string, goldDir: string): void {
  const { golds, problems } = loadGoldDir(goldDir);
  expect(problems).toEqual([]);
  const result = scoreAll(readExtraction(extractionPath), golds);
  const printed = py([join(TOOLS, 'score.py'), extractionPath, goldDir, '--per-file']).trimEnd().split('\n');

  // the summary lines, character for character (3 decimals)
  expect(summaryLines(result)).toEqual(printed.slice(-6));

  // the per-file lines (2 decimals there)
  const perFile = printed.slice(0, -6);
  expect(perFile).toHaveLength(result.files.length);
  perFile.forEach((line, i) => {
    const m = /^(.+?) +msgs= *(\d+) Q P\/R\/F=([\d.]+)\/([\d.]+)\/([\d.]+) {2}A P\/R\/F=([\d.]+)\/([\d.]+)\/([\d.]+)$/.exec(line);
    expect(m, line).not.toBeNull();
    const f = result.files[i]!;
    const q = f.questions;
    const a = f.answers;
    expect([m![1], Number(m![2]), ...m!.slice(3)]).toEqual([f.file, f.messages, ...[q.p, q.r, q.f1, a.p, a.r, a.f1].map((x) => pyFixed(x, 2))]);
  });

  // and the exact counts of every measure, per file
  const ref = referenceCounts(extractionPath, goldDir);
  expect(result.files.map((f) => f.file)).toEqual(Object.keys(ref));
  for (const f of result.files) {
    const r = ref[f.file]!;
    expect({ ...countsOf(f), unmatched: f.goldMsgsNotFound, messages: f.messages }, f.file).toEqual({
      q: r.q,
      a: r.a,
      faq: r.faq,
      terms: r.terms,
      unmatched: r.unmatched_gold,
      messages: r.messages,
    });
  }
}

describe.skipIf(!PYTHON)('agreement with the reference scorers on the fixtures', () => {
  it('score.py', () => {
    expectScoreAgreement(join(FIX, 'extraction.json'), join(FIX, 'gold'));
  });

  it('validate_gold.py accepts the fixture gold files', () => {
    for (const name of readdirSync(join(FIX, 'gold'))) {
      expect(py([join(TOOLS, 'validate_gold.py'), join(FIX, 'gold', name), join(FIX, 'corpus')])).toMatch(/, 0 errors\n$/);
    }
  });

  it('editor_bench.py', () => {
    const printed = py([join(TOOLS, 'editor_bench.py'), 'extraction.json', 'editor-pairs.tsv', 'corpus', '--show-missed', '5'], FIX);
    const mine = scoreEditorBench(readExtraction(join(FIX, 'extraction.json')), 'editor-pairs.tsv', 'corpus', { cwd: FIX });
    expect(formatEditorReport(mine, { showMissed: 5 })).toBe(printed);
  });

  it('editor_answers.py', () => {
    const printed = py([join(TOOLS, 'editor_answers.py'), 'extraction.json', 'editor-pairs.tsv', 'corpus', '--show', '5'], FIX);
    const mine = scoreEditorAnswers(readExtraction(join(FIX, 'extraction.json')), 'editor-pairs.tsv', 'corpus', { cwd: FIX });
    expect(formatEditorAnswersReport(mine, { show: 5 })).toBe(printed);
  });

  it('editor_answers.py on the invented day with inline answers, headings and links', () => {
    const dir = join(FIX, 'answers');
    const printed = py([join(TOOLS, 'editor_answers.py'), 'extraction.json', 'pairs.tsv', 'corpus', '--show', '5', '--min-entry', '0.6'], dir);
    const mine = scoreEditorAnswers(readExtraction(join(dir, 'extraction.json')), 'pairs.tsv', 'corpus', { cwd: dir });
    expect(formatEditorAnswersReport(mine, { show: 5, minEntries: 0.6 })).toBe(printed);
    // and on the baseline's extraction of that day (absolute paths)
    const ex = baseline('answers-fixture', [join(dir, 'corpus/cocolian-source/demo/2020-05-12-chat.markdown')]);
    const pairs = join(dir, 'pairs.tsv');
    const corpus = join(dir, 'corpus');
    expect(formatEditorAnswersReport(scoreEditorAnswers(readExtraction(ex), pairs, corpus), { show: 5 })).toBe(
      py([join(TOOLS, 'editor_answers.py'), ex, pairs, corpus, '--show', '5']),
    );
  });

  it('irc_links.py', () => {
    const ex = baseline('irc-fixture', [join(FIX, 'irc/2020-01-01_10.raw.txt')]);
    const printed = py([join(TOOLS, 'irc_links.py'), ex, join(FIX, 'irc'), '--min-f', '40']);
    expect(formatLinksReport(scoreIrcLinks(readExtraction(ex), join(FIX, 'irc')), { minF: 40 })).toBe(printed);
  });
});

describe.skipIf(!PYTHON || !existsSync(CORPUS))('agreement with the reference scorers on the dev set', () => {
  const devGold = join(EVAL, 'dev');
  const goldFiles = () => loadGoldDir(devGold).golds.map((g) => join(CORPUS, g.file));

  it('score.py on the baseline extraction of every dev day', () => {
    // The dev set grows over time; every gold file must name a transcript the corpus holds.
    const files = goldFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expectScoreAgreement(baseline('dev', files), devGold);
  });

  it('score.py with terms, a range and #N references (copies of the dev gold)', () => {
    // Terms: every other gold term, in full-width upper case, plus one that is in no gold file.
    const exPath = baseline('dev-terms', goldFiles());
    const ex = readExtraction(exPath);
    const { golds } = loadGoldDir(devGold);
    for (const g of golds) {
      const t = findTranscript(ex, g.file)!;
      const wide = (s: string) => s.toUpperCase().replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      t.terms = [...g.terms.filter((_, i) => i % 2 === 0).map(wide), '不存在的术语'];
    }
    writeFileSync(exPath, JSON.stringify(ex));
    // A range over the morning, and every question's first time asked as "#1" of its speaker.
    const dir = join(tmp, 'gold-range');
    rmSync(dir, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', dir]);
    for (const name of readdirSync(devGold).filter((n) => n.endsWith('.gold.yaml'))) {
      const text = readFileSync(join(devGold, name), 'utf8')
        .replace(/^(format:.*)$/m, '$1\nrange: {from: "08:30:00", to: "12:00:00"}')
        .replace(/^( {4}at: \["\d\d:\d\d:\d\d)"/gm, '$1#1"');
      writeFileSync(join(dir, name), text);
    }
    expectScoreAgreement(exPath, dir);
  });

  // The baseline's extraction of the pairs' raw days, made once for both editor benchmarks.
  const pairs = join(EVAL, 'editor-pairs.tsv');
  let editorExtraction: string | undefined;
  const editorDays = (): string => {
    if (editorExtraction === undefined) {
      const raws = [
        ...new Set(
          readFileSync(pairs, 'utf8')
            .split('\n')
            .filter((l) => l.trim() && !l.startsWith('#'))
            .map((l) => join(CORPUS, l.split('\t')[1]!.trim())),
        ),
      ];
      editorExtraction = baseline('editor', raws);
    }
    return editorExtraction;
  };

  it('editor_bench.py over editor-pairs.tsv', () => {
    const ex = editorDays();
    const printed = py([join(TOOLS, 'editor_bench.py'), ex, pairs, CORPUS, '--show-missed', '3']);
    const mine = scoreEditorBench(readExtraction(ex), pairs, CORPUS);
    expect(formatEditorReport(mine, { showMissed: 3 })).toBe(printed);
    expect(mine.mapped).toBeGreaterThan(100);
  });

  it('editor_answers.py over editor-pairs.tsv', () => {
    const ex = editorDays();
    const printed = py([join(TOOLS, 'editor_answers.py'), ex, pairs, CORPUS]);
    const mine = scoreEditorAnswers(readExtraction(ex), pairs, CORPUS);
    expect(formatEditorAnswersReport(mine)).toBe(printed);
    expect(mine.pairsMapped).toBeGreaterThan(100);
    expect(mine.answers).toBeGreaterThan(mine.pairsMapped);
  });

  it('irc_links.py on irc-ubuntu/dev', () => {
    const dir = join(CORPUS, 'irc-ubuntu/dev');
    const ex = baseline('irc', readdirSync(dir).filter((n) => n.endsWith('.raw.txt')).map((n) => join(dir, n)));
    const printed = py([join(TOOLS, 'irc_links.py'), ex, dir]);
    const mine = scoreIrcLinks(readExtraction(ex), dir);
    expect(formatLinksReport(mine)).toBe(printed);
    expect(mine.gold).toBeGreaterThan(100);
  });
});
