/**
 * The editor answers benchmark of shared/eval/tools/editor_answers.py: do chatkb's exchanges
 * hold the answers human editors chose for their published write-ups (`Q…：` / `A…：` pairs
 * in curated posts)?
 *
 * Two layers. `editorAnswerPairs` is the mapping alone, independent of any extraction: each
 * curated question goes to the raw message (as the reference reader reads it) holding most of
 * its character bigrams (at least 60%), as in the editor benchmark; its curated answer goes to
 * the raw messages among the 80 after the question, by someone other than the asker, whose own
 * bigrams are at least 60% contained in the answer (an editor often merges several chat
 * messages into one answer). Plain data, so it can serve as supervision too.
 * `scoreEditorAnswers` measures an extraction on that mapping.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bestContaining, bigrams, common, messagesByTimeSpeaker, readPairRows, timeSpeakerKey, transcriptFor, transcriptsByPath, type EditorOptions } from './editor.js';
import type { Extraction, ExtractionExchange, ExtractionMessage } from './extraction.js';
import { cpLength, cpSlice, decodeUniversal, PY_ANY, PY_DIGIT, PY_SPACE, pyJoin, pyStrip, truthy } from './py.js';
import { readRaw, type RawMessage } from './raw.js';

/** A raw message, as the reference reader reads it, and its index in that reader's list. */
export interface MappedMessage {
  time: string;
  speaker: string;
  /** Index in `readRaw(file).messages`. */
  index: number;
  text: string;
}

/** One editor Q/A pair whose question and at least one answer message mapped onto a raw day. */
export interface EditorAnswerPair {
  /** The raw transcript and the curated post, as the pairs file names them. */
  raw: string;
  curated: string;
  /** The editor's question and answer, as `curatedPairs` reads them. */
  curatedQuestion: string;
  curatedAnswer: string;
  question: MappedMessage;
  /** In chat order; never empty. */
  answers: MappedMessage[];
}

export interface EditorAnswerPairs {
  /** Curated Q/A pairs found in the posts (question ≥ 4 characters, answer ≥ 2). */
  pairsTotal: number;
  /** Those that mapped (question and at least one answer), in the order of the pairs file and the posts. */
  pairs: EditorAnswerPair[];
}

export interface EditorAnswersMiss {
  /** The raw transcript (as in the pairs file). */
  raw: string;
  /** Time of the mapped question message. */
  time: string;
  /** The first 50 characters of the curated question. */
  question: string;
}

export interface EditorAnswersResult {
  /** Curated Q/A pairs found in the posts. */
  pairsTotal: number;
  /** Of those, with the question and at least one answer message mapped. */
  pairsMapped: number;
  /** Mapped answer messages, over the mapped pairs. */
  answers: number;
  /** Of those, listed among the answers of an exchange whose question holds the mapped question. */
  attached: number;
  /** Mapped pairs with an FAQ exchange on the question holding at least one mapped answer. */
  entries: number;
  attachedShare: number;
  entriesShare: number;
  /** Mapped pairs without such an FAQ exchange, in order. */
  missed: EditorAnswersMiss[];
}

const S = PY_SPACE;
const D = PY_DIGIT;
const QA = new RegExp(`^${S}*(?:\\*\\*)?([QA])${D}*${S}*(?:\\*\\*)?${S}*[:：]${S}*(${PY_ANY}*?)${S}*$`, 'u');
const INLINE_A = new RegExp(`${S}(?:\\*\\*)?A${D}*${S}*(?:\\*\\*)?${S}*[:：]${S}*`, 'u');
/** Python's `\S`: not a `str.isspace()` character. */
const NOT_SPACE = `[^${PY_SPACE.slice(1)}`;
const LINKS = new RegExp(`!?\\[[^\\]]*\\]\\([^)]*\\)|https?://${NOT_SPACE}+`, 'gu');

/** Bigrams of a text without its images and link addresses, which editors and chat share by accident. */
export function words(text: string): Set<string> {
  return bigrams(text.replace(LINKS, ' '));
}

/**
 * The `[question, answer]` pairs of a curated post's text (newline-normalised), in the order
 * of the post. An answer runs until the next Q or A line, or a `#` line; a `Q…：… A…：…` line
 * holds both; a `#` line ends the pair before it. Kept: question ≥ 4 characters, answer ≥ 2.
 */
export function curatedPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  let q: string | null = null;
  let a: string | null = null;
  for (const line of text.split('\n')) {
    const m = QA.exec(line);
    if (m) {
      const kind = m[1]!;
      const body = m[2]!;
      if (kind === 'Q') {
        if (q !== null && a) pairs.push([q, a]);
        q = body;
        a = null;
        const inline = INLINE_A.exec(body);
        if (inline) {
          q = body.slice(0, inline.index);
          a = body.slice(inline.index + inline[0].length);
        }
      } else if (q !== null) {
        a = (a ? a + ' ' : '') + body;
      }
      continue;
    }
    if (q !== null && a !== null && pyStrip(line) && !line.startsWith('#')) {
      a += ' ' + pyStrip(line);
    } else if (line.startsWith('#')) {
      if (q !== null && a) pairs.push([q, a]);
      q = null;
      a = null;
    }
  }
  if (q !== null && a) pairs.push([q, a]);
  return pairs.filter(([q, a]) => cpLength(q) >= 4 && cpLength(a) >= 2);
}

const mapped = (m: RawMessage, index: number): MappedMessage => ({ time: m.time, speaker: m.speaker, index, text: m.text });

/**
 * Map every editor Q/A pair of the pairs file onto its raw day. `pairsTsv`: lines
 * `curated<TAB>raw`, both relative to `corpusRoot` (`#` comments and blank lines skipped).
 */
export function editorAnswerPairs(pairsTsv: string, corpusRoot: string, opts: EditorOptions = {}): EditorAnswerPairs {
  const cwd = opts.cwd ?? process.cwd();
  let pairsTotal = 0;
  const pairs: EditorAnswerPair[] = [];
  for (const { curated, raw } of readPairRows(pairsTsv, cwd)) {
    const rmsgs = readRaw(resolve(cwd, pyJoin(corpusRoot, raw))).messages;
    const grams = rmsgs.map((m) => bigrams(m.text));
    const agrams = rmsgs.map((m) => words(m.text));
    for (const [q, a] of curatedPairs(decodeUniversal(readFileSync(resolve(cwd, pyJoin(corpusRoot, curated)))))) {
      pairsTotal++;
      const qb = bigrams(q);
      const ab = words(a);
      if (qb.size < 3 || ab.size < 2) continue;
      const { index: qi, share } = bestContaining(qb, grams);
      if (share < 0.6) continue;
      const asker = rmsgs[qi]!.speaker;
      const answers: MappedMessage[] = [];
      for (let j = qi + 1; j < Math.min(rmsgs.length, qi + 81); j++) {
        const g = agrams[j]!;
        if (g.size >= 3 && rmsgs[j]!.speaker !== asker && common(g, ab) / g.size >= 0.6) answers.push(mapped(rmsgs[j]!, j));
      }
      if (answers.length === 0) continue;
      pairs.push({ raw, curated, curatedQuestion: q, curatedAnswer: a, question: mapped(rmsgs[qi]!, qi), answers });
    }
  }
  return { pairsTotal, pairs };
}

/**
 * Run the benchmark: of the mapped answer messages, the share attached to an exchange on the
 * mapped question; of the mapped pairs, the share with an FAQ exchange on the question that
 * holds one of them. Extraction messages are found by time and speaker, the first of a time
 * and speaker winning, as the script's `tmap`.
 */
export function scoreEditorAnswers(extraction: Extraction, pairsTsv: string, corpusRoot: string, opts: EditorOptions = {}): EditorAnswersResult {
  const cwd = opts.cwd ?? process.cwd();
  const { pairsTotal, pairs } = editorAnswerPairs(pairsTsv, corpusRoot, opts);
  const byPath = transcriptsByPath(extraction, cwd);
  const days = new Map<string, { tmap: Map<string, ExtractionMessage>; exchanges: ExtractionExchange[] }>();
  const day = (raw: string) => {
    let d = days.get(raw);
    if (d === undefined) {
      const t = transcriptFor(byPath, corpusRoot, raw, cwd);
      d = t === undefined ? { tmap: new Map(), exchanges: [] } : { tmap: messagesByTimeSpeaker(t), exchanges: t.exchanges ?? [] };
      days.set(raw, d);
    }
    return d;
  };
  let answers = 0;
  let attachedCount = 0;
  let entries = 0;
  const missed: EditorAnswersMiss[] = [];
  for (const p of pairs) {
    const { tmap, exchanges } = day(p.raw);
    const qm = tmap.get(timeSpeakerKey(p.question.time, p.question.speaker));
    // ids: the extraction's id of each mapped answer message that has one (a missing one is None there).
    const ids = p.answers.map((m) => {
      const em = tmap.get(timeSpeakerKey(m.time, m.speaker));
      return truthy(em) ? em!.id : null;
    });
    const idSet = new Set(ids.filter((id) => id !== null));
    const mine = truthy(qm) ? exchanges.filter((ex) => (ex.question ?? []).includes(qm!.id)) : [];
    const attached = new Set<string | null>(mine.flatMap((ex) => ex.answers ?? []));
    answers += p.answers.length;
    attachedCount += ids.filter((id) => attached.has(id)).length;
    const hit = mine.some((ex) => truthy(ex.faq) && (ex.answers ?? []).some((x) => idSet.has(x)));
    if (hit) entries++;
    else missed.push({ raw: p.raw, time: p.question.time, question: cpSlice(p.curatedQuestion, 0, 50) });
  }
  return {
    pairsTotal,
    pairsMapped: pairs.length,
    answers,
    attached: attachedCount,
    entries,
    attachedShare: answers ? attachedCount / answers : 0.0,
    entriesShare: pairs.length ? entries / pairs.length : 0.0,
    missed,
  };
}
