/**
 * Printing eval results: a fixed-width table per file and in total, then summary lines worded
 * and rounded exactly as score.py / editor_bench.py / irc_links.py print theirs, so the two can
 * be compared by eye or by diff. And the JSON form for `--json`.
 */
import type { Diagnostic } from '../model.js';
import type { EditorResult } from './editor.js';
import type { EditorAnswersResult } from './editor-answers.js';
import { formatDiagnostics } from '../diagnostics.js';
import type { LinkResult } from './links.js';
import type { EvalResult, FaqMeasure, FileScore, Measure, Scores } from './measures.js';
import { pyFixed, pyFloatRepr } from './py.js';

/** Minimum F1 per measure, as score.py's `--min-q/--min-a/--min-faq/--min-terms`. */
export interface Bars {
  questions?: number;
  answers?: number;
  faq?: number;
  terms?: number;
}

export interface ReportOptions {
  bars?: Bars;
  /** Gold-file problems, printed before the summary. */
  problems?: Diagnostic[];
}

const f3 = (x: number) => pyFixed(x, 3);

/** True when every F1 reaches its bar (a missing bar is 0). */
export function meetsBars(result: EvalResult, bars: Bars = {}): boolean {
  const t = result.total;
  return (
    t.questions.f1 >= (bars.questions ?? 0) &&
    t.answers.f1 >= (bars.answers ?? 0) &&
    t.faq.f1 >= (bars.faq ?? 0) &&
    t.terms.f1 >= (bars.terms ?? 0)
  );
}

/** Terminal columns a string takes (CJK and full-width forms take two). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

const MEASURES = [
  ['questions', 'question'],
  ['answers', 'answer'],
  ['faq', 'faq'],
  ['terms', 'terms'],
] as const;
const GROUP = 19; // "0.000 0.000 0.000" and two spaces

function row(name: string, nameWidth: number, msgs: string, s: Scores): string {
  const cells = MEASURES.map(([k]) => {
    const m: Measure | FaqMeasure = s[k];
    return padEnd(`${f3(m.p)} ${f3(m.r)} ${f3(m.f1)}`, GROUP);
  });
  return `${padEnd(name, nameWidth)}  ${padStart(msgs, 5)}  ${cells.join('')}`.trimEnd();
}

/** The summary lines of score.py, character for character. */
export function summaryLines(result: EvalResult, bars: Bars = {}): string[] {
  const t = result.total;
  const q = t.questions;
  const a = t.answers;
  const ok = meetsBars(result, bars);
  const bar = (x: number | undefined) => (x === undefined ? '0' : pyFloatRepr(x));
  return [
    `files=${result.goldFiles} missing_files=${result.missingFiles.length} gold_msgs_not_found=${result.goldMsgsNotFound}`,
    `question detection   P=${f3(q.p)} R=${f3(q.r)} F1=${f3(q.f1)}  (tp=${q.tp} fp=${q.fp} fn=${q.fn})`,
    `answer attachment    P=${f3(a.p)} R=${f3(a.r)} F1=${f3(a.f1)}  (tp=${a.tp} fp=${a.fp} fn=${a.fn})`,
    `faq exchanges        P=${f3(t.faq.p)} R=${f3(t.faq.r)} F1=${f3(t.faq.f1)}`,
    `glossary terms       P=${f3(t.terms.p)} R=${f3(t.terms.r)} F1=${f3(t.terms.f1)}`,
    `${ok ? 'OK' : 'SHORT'}: Q-F1 ${f3(q.f1)} (bar ${bar(bars.questions)}) A-F1 ${f3(a.f1)} (bar ${bar(bars.answers)}) ` +
      `FAQ-F1 ${f3(t.faq.f1)} (bar ${bar(bars.faq)}) terms-F1 ${f3(t.terms.f1)} (bar ${bar(bars.terms)})`,
  ];
}

/** The readable report: per-file table, total, problems, then score.py's summary lines. */
export function formatReport(result: EvalResult, opts: ReportOptions = {}): string {
  const names = result.files.map((f) => (f.transcript === null ? `${f.file} (no transcript)` : f.file));
  const nameWidth = Math.max(5, ...names.map(width));
  const lead = ' '.repeat(nameWidth + 2 + 5 + 2);
  const out: string[] = [];
  out.push((lead + MEASURES.map(([, label]) => padEnd(label, GROUP)).join('')).trimEnd());
  out.push(`${padEnd('file', nameWidth)}  ${padStart('msgs', 5)}  ${MEASURES.map(() => padEnd('P     R     F1', GROUP)).join('')}`.trimEnd());
  result.files.forEach((f: FileScore, i) => out.push(row(names[i]!, nameWidth, String(f.messages), f)));
  const msgs = result.files.reduce((n, f) => n + f.messages, 0);
  out.push(row('total', nameWidth, String(msgs), result.total));
  const t = result.total;
  out.push(
    `counts: questions tp=${t.questions.tp} fp=${t.questions.fp} fn=${t.questions.fn}; ` +
      `answers tp=${t.answers.tp} fp=${t.answers.fp} fn=${t.answers.fn}; ` +
      `faq emitted tp=${t.faq.tpPred} fp=${t.faq.fp}, gold tp=${t.faq.tpGold} fn=${t.faq.fn}; ` +
      `terms tp=${t.terms.tp} fp=${t.terms.fp} fn=${t.terms.fn}`,
  );
  out.push('');
  for (const f of result.missingFiles) out.push(`missing from the extraction: ${f}`);
  for (const f of result.files) {
    if (f.goldMsgsNotFound > 0) out.push(`${f.gold}: ${f.goldMsgsNotFound} gold question(s) not found in the transcript (no message at that time and speaker, or outside the range)`);
  }
  if (opts.problems && opts.problems.length > 0) out.push(formatDiagnostics(opts.problems));
  if (out.at(-1) !== '') out.push('');
  out.push(...summaryLines(result, opts.bars));
  return out.join('\n') + '\n';
}

/** The JSON-ready form of a result (snake_case, as the reference's printed names). */
export function evalJson(result: EvalResult, problems: Diagnostic[] = []) {
  const m = (x: Measure) => ({ tp: x.tp, fp: x.fp, fn: x.fn, p: x.p, r: x.r, f1: x.f1 });
  const fq = (x: FaqMeasure) => ({ tp_pred: x.tpPred, fp: x.fp, tp_gold: x.tpGold, fn: x.fn, p: x.p, r: x.r, f1: x.f1 });
  const scores = (s: Scores) => ({ questions: m(s.questions), answers: m(s.answers), faq: fq(s.faq), terms: m(s.terms) });
  return {
    files: result.files.map((f) => ({
      file: f.file,
      gold: f.gold,
      transcript: f.transcript,
      messages: f.messages,
      gold_msgs_not_found: f.goldMsgsNotFound,
      ...scores(f),
    })),
    total: scores(result.total),
    gold_files: result.goldFiles,
    missing_files: result.missingFiles,
    gold_msgs_not_found: result.goldMsgsNotFound,
    problems: problems.map((p) => ({ file: p.file, line: p.line, column: p.column ?? null, severity: p.severity, message: p.message })),
  };
}

/** `--json` output. */
export function toJson(result: EvalResult, problems: Diagnostic[] = []): string {
  return JSON.stringify(evalJson(result, problems), null, 2) + '\n';
}

/** editor_bench.py's lines (`--show-missed N` first, then the two summary lines). */
export function formatEditorReport(r: EditorResult, opts: { minRecall?: number; showMissed?: number } = {}): string {
  const out: string[] = [];
  for (const m of r.missed.slice(0, opts.showMissed ?? 0)) out.push(`missed: ${m.raw} ${m.time} ${m.text}`);
  const ok = r.faqShare >= (opts.minRecall ?? 0);
  const bar = opts.minRecall === undefined ? '0' : pyFloatRepr(opts.minRecall);
  out.push(`editor questions: ${r.total} in curated posts, ${r.mapped} mapped to raw messages, raw files missing from extraction: ${r.missingRaw}`);
  out.push(`${ok ? 'OK' : 'SHORT'}: editor-question recall: flagged ${f3(r.flaggedShare)}, in FAQ exchanges ${f3(r.faqShare)} (bar ${bar})`);
  return out.join('\n') + '\n';
}

/**
 * editor_answers.py's lines (`--show N` missed pairs first, then the two summary lines).
 * OK/SHORT and the bar are the entries share against `minEntries` (its `--min-entry`).
 */
export function formatEditorAnswersReport(r: EditorAnswersResult, opts: { minEntries?: number; show?: number } = {}): string {
  const out: string[] = [];
  for (const m of r.missed.slice(0, opts.show ?? 0)) out.push(`missed: ${m.raw} ${m.time} ${m.question}`);
  const ok = r.entriesShare >= (opts.minEntries ?? 0);
  const bar = opts.minEntries === undefined ? '0' : pyFloatRepr(opts.minEntries);
  out.push(`editor Q/A pairs: ${r.pairsTotal} in curated posts, ${r.pairsMapped} mapped (question and answer), ${r.answers} answer messages`);
  out.push(`${ok ? 'OK' : 'SHORT'}: editor answers attached ${f3(r.attachedShare)}; editor entries found (FAQ exchange with an editor answer) ${f3(r.entriesShare)} (bar ${bar})`);
  return out.join('\n') + '\n';
}

/** irc_links.py's lines. */
export function formatLinksReport(r: LinkResult, opts: { minF?: number } = {}): string {
  const f1 = (x: number) => pyFixed(x, 1);
  const ok = r.f1 >= (opts.minF ?? 0);
  const bar = opts.minF === undefined ? '0' : pyFloatRepr(opts.minF);
  return (
    `files missing from extraction: ${r.missing}\n` +
    `${ok ? 'OK' : 'SHORT'}: link P/R/F ${f1(r.p)}/${f1(r.r)}/${f1(r.f1)} 1-VI ${f1(r.oneMinusVi)} (bar F ${bar})\n`
  );
}
