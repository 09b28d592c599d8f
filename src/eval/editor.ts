/**
 * The editor benchmark of shared/eval/tools/editor_bench.py: of the questions human editors
 * chose for their published write-ups (`Q1：…` / `Q：…` lines in curated posts), the share
 * chatkb flags as questions and the share that is the question of an FAQ exchange.
 * Recall only: editors wrote up a part of each day.
 *
 * A curated question is mapped to the raw message (as the reference reader reads it) that
 * holds most of its character bigrams, when it holds at least 60%; then to the extraction's
 * message with the same time and speaker.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Extraction, ExtractionMessage, ExtractionTranscript } from './extraction.js';
import { abspath, basename, cpLength, cpSlice, decodeUniversal, dirname, normpath, PY_ANY, PY_DIGIT, PY_SPACE, PY_WORD, pyJoin, pyStr, pyStrip, truthy } from './py.js';
import { readRaw } from './raw.js';

export interface EditorMiss {
  /** The raw transcript (as in the pairs file). */
  raw: string;
  time: string;
  /** The first 80 characters of the raw message. */
  text: string;
}

export interface EditorResult {
  /** Curated questions found (at least 4 characters). */
  total: number;
  /** Of those, mapped to a raw message. */
  mapped: number;
  /** Mapped questions whose message is flagged `question`. */
  flagged: number;
  /** Mapped questions whose message is a question message of a `faq: true` exchange. */
  faq: number;
  flaggedShare: number;
  faqShare: number;
  /** Pair rows whose raw file the extraction does not hold. */
  missingRaw: number;
  /** Mapped questions not in an FAQ exchange, in order. */
  missed: EditorMiss[];
}

const S = PY_SPACE;
const QLINE = new RegExp(`^${S}*(?:\\*\\*)?Q${PY_DIGIT}*${S}*(?:\\*\\*)?${S}*[:：]${S}*(${PY_ANY}+?)${S}*$`, 'u');
const KEEP = new RegExp(`^(?:${PY_WORD}|[\\u4e00-\\u9fff])$`, 'u');

/** The set of character bigrams of the word characters of `s`, lower-cased. */
export function bigrams(s: string): Set<string> {
  let kept = '';
  for (const ch of s) if (KEEP.test(ch)) kept += ch;
  const cps = Array.from(kept.toLowerCase());
  const out = new Set<string>();
  for (let i = 0; i + 1 < cps.length; i++) out.add(cps[i]! + cps[i + 1]!);
  return out;
}

/** The `Q…：` questions of a curated post's text (newline-normalised). */
export function curatedQuestions(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = QLINE.exec(line);
    if (m && cpLength(m[1]!) >= 4) out.push(m[1]!);
  }
  return out;
}

export interface EditorOptions {
  /** The directory the extraction's relative paths are relative to (default: process.cwd()). */
  cwd?: string;
}

/** One row of a pairs file: a curated post and the raw day it writes up, as written there. */
export interface PairRow {
  curated: string;
  raw: string;
}

/**
 * The rows of a pairs file, `curated<TAB>raw` (both relative to the corpus root); `#` comments
 * and blank lines skipped, as the reference scripts read it.
 */
export function readPairRows(pairsTsv: string, cwd: string = process.cwd()): PairRow[] {
  const out: PairRow[] = [];
  decodeUniversal(readFileSync(resolve(cwd, pairsTsv)))
    .split('\n')
    .forEach((line, n) => {
      const row = pyStrip(line);
      if (!row || row.startsWith('#')) return;
      const fields = row.split('\t');
      if (fields.length < 2) throw new Error(`${pairsTsv}:${n + 1}: expected "curated<TAB>raw", found no tab`);
      out.push({ curated: fields[0]!, raw: fields[1]! });
    });
  return out;
}

/**
 * The scripts' `by_path`: each transcript under its absolute normalised path, and (first one
 * wins) under `folder/name`. `transcriptFor` looks a pairs row's raw file up in it.
 */
export function transcriptsByPath(extraction: Extraction, cwd: string): Map<string, ExtractionTranscript> {
  const byPath = new Map<string, ExtractionTranscript>();
  for (const t of extraction.transcripts ?? []) {
    byPath.set(normpath(abspath(t.file, cwd)), t);
    const short = `${basename(dirname(t.file))}/${basename(t.file)}`;
    if (!byPath.has(short)) byPath.set(short, t);
  }
  return byPath;
}

export function transcriptFor(byPath: Map<string, ExtractionTranscript>, corpusRoot: string, raw: string, cwd: string): ExtractionTranscript | undefined {
  return byPath.get(normpath(abspath(pyJoin(corpusRoot, raw), cwd))) ?? byPath.get(raw);
}

/** The key of `tmap`: a raw message's time and speaker. */
export const timeSpeakerKey = (time: string, speaker: string): string => `${time}\u0000${speaker}`;

/**
 * The scripts' `tmap`: the extraction's messages by `(str(time)[-8:], speaker or "")`, the
 * first message of a time and speaker winning (`setdefault`).
 */
export function messagesByTimeSpeaker(t: ExtractionTranscript): Map<string, ExtractionMessage> {
  const tmap = new Map<string, ExtractionMessage>();
  for (const m of t.messages ?? []) {
    // str(m.get("time", "")): a null time is the text "None" there.
    const key = timeSpeakerKey(cpSlice(m.time === undefined ? '' : pyStr(m.time), -8), truthy(m.speaker) ? m.speaker! : '');
    if (!tmap.has(key)) tmap.set(key, m);
  }
  return tmap;
}

/**
 * The raw message holding the largest share of the bigrams `qb` (the first one on a tie;
 * messages without bigrams skipped): its index (-1 when none) and that share.
 */
export function bestContaining(qb: Set<string>, grams: Set<string>[]): { index: number; share: number } {
  let best = 0.0;
  let bi = -1;
  grams.forEach((g, i) => {
    if (g.size === 0) return;
    const c = common(qb, g) / qb.size;
    if (c > best) {
      best = c;
      bi = i;
    }
  });
  return { index: bi, share: best };
}

/** `len(a & b)`. */
export function common(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/**
 * Run the benchmark. `pairsTsv`: lines `curated<TAB>raw`, both relative to `corpusRoot`
 * (`#` comments and blank lines skipped).
 */
export function scoreEditorBench(extraction: Extraction, pairsTsv: string, corpusRoot: string, opts: EditorOptions = {}): EditorResult {
  const cwd = opts.cwd ?? process.cwd();
  const byPath = transcriptsByPath(extraction, cwd);
  let total = 0;
  let mapped = 0;
  let flagged = 0;
  let faq = 0;
  let missingRaw = 0;
  const missed: EditorMiss[] = [];
  for (const { curated: cur, raw } of readPairRows(pairsTsv, cwd)) {
    const t = transcriptFor(byPath, corpusRoot, raw, cwd);
    const rmsgs = readRaw(resolve(cwd, pyJoin(corpusRoot, raw))).messages;
    const grams = rmsgs.map((m) => bigrams(m.text));
    let tmap = new Map<string, ExtractionMessage>();
    let tq = new Set<string>();
    let tfaq = new Set<string>();
    if (t === undefined) {
      missingRaw++;
    } else {
      tmap = messagesByTimeSpeaker(t);
      tq = new Set((t.messages ?? []).filter((m) => truthy(m.question)).map((m) => m.id));
      tfaq = new Set((t.exchanges ?? []).filter((ex) => truthy(ex.faq)).flatMap((ex) => ex.question ?? []));
    }
    for (const q of curatedQuestions(decodeUniversal(readFileSync(resolve(cwd, pyJoin(corpusRoot, cur)))))) {
      total++;
      const qb = bigrams(q);
      if (qb.size < 3) continue;
      const { index: bi, share: best } = bestContaining(qb, grams);
      if (best < 0.6) continue;
      mapped++;
      const rm = rmsgs[bi]!;
      const tm = tmap.get(timeSpeakerKey(rm.time, rm.speaker));
      const isQ = tm !== undefined && tq.has(tm.id);
      const isF = tm !== undefined && tfaq.has(tm.id);
      if (isQ) flagged++;
      if (isF) faq++;
      else missed.push({ raw, time: rm.time, text: cpSlice(rm.text, 0, 80) });
    }
  }
  return {
    total,
    mapped,
    flagged,
    faq,
    flaggedShare: mapped ? flagged / mapped : 0.0,
    faqShare: mapped ? faq / mapped : 0.0,
    missingRaw,
    missed,
  };
}
