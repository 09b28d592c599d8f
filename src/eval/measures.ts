/**
 * The measures of shared/eval/GOLD-FORMAT.md, computed exactly as the reference
 * shared/eval/tools/score.py computes them, quirks included, so both print the same numbers:
 * - a gold time `HH:MM:SS#N` is the N-th message in that second by the named speaker
 *   (by anyone when the speaker is left out), and no match means not found;
 * - a plain time with a speaker takes that speaker's first message, else the first message;
 * - `range` filters messages by their time as text (`HH:MM:SS` compared as strings), and an
 *   exchange counts when one of its question messages is in range (its answers need not be);
 * - answer tp/fp count predicted links (one message linked twice counts twice), fn counts
 *   gold answer messages;
 * - FAQ precision counts emitted FAQ exchanges, recall counts gold FAQ questions.
 */
import type { Extraction, ExtractionExchange, ExtractionMessage, ExtractionTranscript } from './extraction.js';
import type { Gold } from './gold.js';
import { cpSlice, normpath, normTerm, pyStr, truthy } from './py.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

export type Measure = Counts & Prf;

/** FAQ counts are two-sided: precision over emitted entries, recall over gold questions. */
export interface FaqMeasure extends Prf {
  /** Emitted FAQ exchanges whose question matches a non-optional gold question with a correct answer. */
  tpPred: number;
  /** Other emitted FAQ exchanges (not on optional questions only). */
  fp: number;
  /** Gold `faq: true` questions with answers that some such exchange found. */
  tpGold: number;
  /** Gold `faq: true` questions with answers that none found. */
  fn: number;
}

export interface Scores {
  questions: Measure;
  answers: Measure;
  faq: FaqMeasure;
  terms: Measure;
}

export interface FileScore extends Scores {
  /** The gold file's `file` (transcript path relative to the corpus root). */
  file: string;
  /** The gold file it came from. */
  gold: string;
  /** The extraction transcript matched, or null when none was (then all gold counts as missed). */
  transcript: string | null;
  /** Messages in the scored range. */
  messages: number;
  /** Gold questions none of whose `at` times was found in the transcript. */
  goldMsgsNotFound: number;
}

export interface EvalResult {
  files: FileScore[];
  total: Scores;
  /** Gold files scored (one per transcript). */
  goldFiles: number;
  /** Gold `file`s that no extraction transcript matched. */
  missingFiles: string[];
  goldMsgsNotFound: number;
}

/** score.py's `prf`. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : 0.0;
  const r = tp + fn ? tp / (tp + fn) : 0.0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0.0;
  return { p, r, f1 };
}

function measure(tp: number, fp: number, fn: number): Measure {
  return { tp, fp, fn, ...prf(tp, fp, fn) };
}

function faqMeasure(tpPred: number, fp: number, tpGold: number, fn: number): FaqMeasure {
  const p = tpPred + fp ? tpPred / (tpPred + fp) : 0.0;
  const r = tpGold + fn ? tpGold / (tpGold + fn) : 0.0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0.0;
  return { tpPred, fp, tpGold, fn, p, r, f1 };
}

/** The `HH:MM:SS` of a time or timestamp. */
function hhmmss(t: unknown): string {
  let s = truthy(t) ? pyStr(t) : '';
  const i = s.indexOf('T');
  if (i >= 0) s = s.slice(i + 1);
  return cpSlice(s, 0, 8);
}

/** Finds a transcript's message by (time, speaker) the way the gold names it. */
class TimeIndex {
  private readonly byTime = new Map<string, ExtractionMessage[]>();

  constructor(messages: ExtractionMessage[]) {
    for (const m of messages) {
      const k = hhmmss(m.time);
      let list = this.byTime.get(k);
      if (!list) this.byTime.set(k, (list = []));
      list.push(m);
    }
  }

  find(ref: string, speaker: string | null): string | null {
    const hash = ref.indexOf('#');
    const time = hash >= 0 ? ref.slice(0, hash) : ref;
    const nth = hash >= 0 ? ref.slice(hash + 1) : '';
    const cands = this.byTime.get(time) ?? [];
    const spk = (m: ExtractionMessage) => (truthy(m.speaker) ? (m.speaker as string) : '');
    if (nth) {
      const same = cands.filter((m) => speaker === null || spk(m) === speaker);
      const k = Number.parseInt(nth, 10) - 1;
      return k >= 0 && k < same.length ? same[k]!.id : null;
    }
    if (speaker !== null) {
      const exact = cands.find((m) => spk(m) === speaker);
      if (exact) return exact.id;
    }
    return cands.length > 0 ? cands[0]!.id : null;
  }
}

function inRange(gold: Gold, time: unknown): boolean {
  const from = gold.range?.from;
  const to = gold.range?.to;
  const hh = hhmmss(time);
  return (!from || hh >= from) && (!to || hh <= to);
}

type Unit = GoldUnit;

type RawScores = {
  q: [number, number, number];
  a: [number, number, number];
  faq: [number, number, number, number];
  terms: [number, number, number];
  unmatched: number;
  messages: number;
};

/** A gold question as message ids of a transcript: its messages and its answers. */
export interface GoldUnit {
  ids: Set<string>;
  answers: Set<string>;
  optional: boolean;
  faq: boolean;
}

/**
 * The gold questions of `g` as message ids of the transcript's messages in its range,
 * found as score.py finds them. Also what the weights are fitted on (src/learn/).
 */
export function goldUnits(messages: readonly ExtractionMessage[], g: Gold): { units: GoldUnit[]; inRange: Set<string> } {
  const msgs = messages.filter((m) => inRange(g, m.time));
  return { units: goldUnitsIn(msgs, g), inRange: new Set(msgs.map((m) => m.id)) };
}

function goldUnitsIn(msgs: ExtractionMessage[], g: Gold): Unit[] {
  const idx = new TimeIndex(msgs);
  return g.questions.map((q) => {
    const ids = new Set<string>();
    for (const a of q.at) {
      const id = idx.find(a, q.speaker);
      if (id !== null) ids.add(id);
    }
    const answers = new Set<string>();
    q.answers.forEach((a, i) => {
      const id = idx.find(a, i < q.answerSpeakers.length ? (q.answerSpeakers[i] ?? null) : null);
      if (truthy(id)) answers.add(id!);
    });
    return { ids, answers, optional: q.optional, faq: q.faq };
  });
}

function scoreRaw(t: Partial<ExtractionTranscript>, g: Gold): RawScores {
  const msgs = (t.messages ?? []).filter((m) => inRange(g, m.time));
  const gq = goldUnitsIn(msgs, g);
  const unmatched = gq.filter((u) => u.ids.size === 0).length;
  // A message named by two gold questions belongs to the later one.
  const unitOf = new Map<string, number>();
  gq.forEach((u, i) => u.ids.forEach((id) => unitOf.set(id, i)));
  const unitsOf = (ex: ExtractionExchange): Set<number> => {
    const s = new Set<number>();
    for (const m of ex.question ?? []) {
      const u = unitOf.get(m);
      if (u !== undefined) s.add(u);
    }
    return s;
  };
  const onlyOptional = (units: Set<number>) => units.size > 0 && [...units].every((u) => gq[u]!.optional);

  // question detection: a gold question is found when any of its messages is flagged;
  // flags on optional questions, and second flags on one question, cost nothing.
  const predQ = new Set(msgs.filter((m) => truthy(m.question)).map((m) => m.id));
  const hit = new Set<number>();
  let qFp = 0;
  for (const m of predQ) {
    const u = unitOf.get(m);
    if (u === undefined) qFp++;
    else hit.add(u);
  }
  const qTp = [...hit].filter((u) => !gq[u]!.optional).length;
  const qFn = gq.filter((u, i) => !u.optional && !hit.has(i)).length;

  // answer attachment
  const acceptable = new Map<string, Set<number>>();
  gq.forEach((u, i) => {
    if (u.optional) return;
    for (const a of u.answers) {
      let s = acceptable.get(a);
      if (!s) acceptable.set(a, (s = new Set()));
      s.add(i);
    }
  });
  const inIds = new Set(msgs.map((m) => m.id));
  const exchanges = (t.exchanges ?? []).filter((ex) => (ex.question ?? []).some((m) => inIds.has(m)));
  let aTp = 0;
  let aFp = 0;
  const attachedOk = new Set<string>();
  for (const ex of exchanges) {
    const units = unitsOf(ex);
    if (onlyOptional(units)) continue;
    for (const a of ex.answers ?? []) {
      const ok = [...(acceptable.get(a) ?? [])].some((u) => units.has(u));
      if (ok) {
        aTp++;
        attachedOk.add(a);
      } else {
        aFp++;
      }
    }
  }
  const aFn = [...acceptable.keys()].filter((a) => !attachedOk.has(a)).length;

  // FAQ exchanges
  let fTpPred = 0;
  let fFp = 0;
  const faqHit = new Set<number>();
  for (const ex of exchanges) {
    if (!truthy(ex.faq)) continue;
    const units = unitsOf(ex);
    const answers = new Set(ex.answers ?? []);
    const good = [...units].filter((u) => !gq[u]!.optional && [...gq[u]!.answers].some((a) => answers.has(a)));
    if (onlyOptional(units)) continue;
    if (good.length > 0) {
      fTpPred++;
      good.forEach((u) => faqHit.add(u));
    } else {
      fFp++;
    }
  }
  const faqGold = gq.map((u, i) => ({ u, i })).filter(({ u }) => u.faq && u.answers.size > 0 && !u.optional);
  const fTpGold = faqGold.filter(({ i }) => faqHit.has(i)).length;
  const fFn = faqGold.length - fTpGold;

  // glossary terms
  const gterms = new Set(g.terms.map(normTerm));
  const pterms = new Set((t.terms ?? []).map(normTerm));
  const tTp = [...gterms].filter((x) => pterms.has(x)).length;
  const tFp = [...pterms].filter((x) => !gterms.has(x)).length;
  const tFn = [...gterms].filter((x) => !pterms.has(x)).length;

  return {
    q: [qTp, qFp, qFn],
    a: [aTp, aFp, aFn],
    faq: [fTpPred, fFp, fTpGold, fFn],
    terms: [tTp, tFp, tFn],
    unmatched,
    messages: msgs.length,
  };
}

function scoresOf(s: RawScores): Scores {
  return {
    questions: measure(...s.q),
    answers: measure(...s.a),
    faq: faqMeasure(...s.faq),
    terms: measure(...s.terms),
  };
}

/** Score one transcript against its gold file; `transcript` null scores an empty output. */
export function scoreFile(transcript: ExtractionTranscript | null, gold: Gold): FileScore {
  const s = scoreRaw(transcript ?? { messages: [], exchanges: [] }, gold);
  return {
    file: gold.file,
    gold: gold.source,
    transcript: transcript?.file ?? null,
    messages: s.messages,
    goldMsgsNotFound: s.unmatched,
    ...scoresOf(s),
  };
}

/** The first transcript whose normalised path ends with the gold's `file` (a plain string suffix, as in score.py). */
export function findTranscript(extraction: Extraction, rel: string): ExtractionTranscript | null {
  const want = normpath(rel);
  return (extraction.transcripts ?? []).find((t) => normpath(t.file).endsWith(want)) ?? null;
}

/**
 * Score every gold file against the extraction, per file and in total. Gold files that
 * name the same transcript: the later one counts, in the place of the first (score.py
 * keeps them in a dict keyed by `file`).
 */
export function scoreAll(extraction: Extraction, golds: Gold[]): EvalResult {
  const byFile = new Map<string, Gold>();
  for (const g of golds) byFile.set(g.file, g);
  const files: FileScore[] = [];
  const missingFiles: string[] = [];
  const tot = { q: [0, 0, 0], a: [0, 0, 0], faq: [0, 0, 0, 0], terms: [0, 0, 0] };
  let unmatched = 0;
  for (const [name, g] of byFile) {
    const t = findTranscript(extraction, name);
    if (t === null) missingFiles.push(name);
    const s = scoreRaw(t ?? { messages: [], exchanges: [] }, g);
    unmatched += s.unmatched;
    for (const k of ['q', 'a', 'faq', 'terms'] as const) s[k].forEach((v, i) => (tot[k][i]! += v));
    files.push({
      file: name,
      gold: g.source,
      transcript: t?.file ?? null,
      messages: s.messages,
      goldMsgsNotFound: s.unmatched,
      ...scoresOf(s),
    });
  }
  const [q0, q1, q2] = tot.q as [number, number, number];
  const [a0, a1, a2] = tot.a as [number, number, number];
  const [f0, f1, f2, f3] = tot.faq as [number, number, number, number];
  const [t0, t1, t2] = tot.terms as [number, number, number];
  return {
    files,
    total: {
      questions: measure(q0, q1, q2),
      answers: measure(a0, a1, a2),
      faq: faqMeasure(f0, f1, f2, f3),
      terms: measure(t0, t1, t2),
    },
    goldFiles: byFile.size,
    missingFiles,
    goldMsgsNotFound: unmatched,
  };
}
