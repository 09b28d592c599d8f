/**
 * Term discovery: strings the corpus uses like terms that the curated glossary lacks,
 * for editors to accept into glossary/payments.yaml.
 *
 * Chinese has no spaces, so words are found by statistics over symbol n-grams (a symbol
 * is a Chinese character, or a whole Latin word or number, so H5支付 and II类户 are
 * found too): how often a string occurs, how much its parts belong together (the lowest
 * pointwise mutual information over its splits), how freely it combines with what is
 * around it (left and right branching entropy), and how much more often the group uses
 * it than general Chinese does (jieba's dictionary frequencies are the background).
 * English terms are noun phrases that compromise finds in the few mostly-English
 * sentences, scored with TF-IDF over transcripts (natural).
 *
 * Everything the glossary already has is left out: its forms, strings inside its terms
 * (原路退 inside 原路退回) and strings that are a curated term plus a character or two.
 * Thresholds and stop lists live in rules/glossary.yaml.
 */
import { join } from 'node:path';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';
import nlp from 'compromise';
import tfidfModule from 'natural/lib/natural/tfidf/index.js';
import { z } from 'zod';
import type { TermMatcher } from '../analyze/terms.js';
import { askingText } from '../text/chat.js';
import type { Doc, Message } from '../model.js';
import { PACKAGE_ROOT } from '../paths.js';
import { loadYaml, parseYaml } from '../rules/load.js';
import { compile, regexSource, ruleBase, uniqueIds } from '../rules/schema.js';
import type { VariantMap } from './curated.js';
import { checkDefinitionPatterns, compileDefinitionRules, definitionSectionsSchema, type DefinitionRules } from './definitions.js';

const { TfIdf } = tfidfModule;

// ── rules/glossary.yaml ─────────────────────────────────────────────────────────────

const examplesSchema = z
  .object({ match: z.array(z.string()).default([]), 'no-match': z.array(z.string()).default([]) })
  .strict();

const stopPatternSchema = z
  .object({ ...ruleBase, pattern: regexSource, examples: examplesSchema.optional() })
  .strict();

const positive = z.number().positive();
const count = z.number().int().min(1);

export const discoverySchema = z
  .object({
    skipKinds: z.array(z.string()).default([]),
    minOccurrences: count,
    minDocuments: count,
    maxCandidates: count,
    examples: z.number().int().min(0),
    exampleLength: z.number().int().min(20),
    chinese: z
      .object({
        minLength: z.number().int().min(2),
        maxLength: z.number().int().min(2).max(10),
        minCohesion: z.number(),
        minEntropy: z.number().min(0),
        minSpecificity: z.number(),
        composeRatio: positive,
        nestedShare: z.number().min(0).max(1),
        maxAffix: z.number().int().min(0),
        properNounTags: z.array(z.string()).default([]),
        generalTags: z.array(z.string()).default([]),
        contextBase: z.number().min(0),
        minContext: z.number().min(0).max(1).default(0),
        capEntropy: positive,
        capSpecificity: positive,
        capCohesion: positive,
      })
      .strict()
      .refine((c) => c.minLength <= c.maxLength, { message: 'minLength is more than maxLength', path: ['minLength'] }),
    english: z
      .object({
        minWords: count,
        minLatinShare: z.number().min(0).max(1),
        maxWords: count,
        minOccurrences: count,
        minDocuments: count,
        maxAffix: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();

export const glossaryRulesSchema = z
  .object({
    discovery: discoverySchema,
    stopWords: z.array(z.string().min(1)).default([]),
    stopPatterns: z.array(stopPatternSchema).default([]),
    ...definitionSectionsSchema.shape,
  })
  .strict()
  .superRefine((f, ctx) => {
    uniqueIds(f.stopPatterns, ctx, 'stopPatterns');
    uniqueIds(f.definitions, ctx, 'definitions');
    uniqueIds(f.termQuestions, ctx, 'termQuestions');
    uniqueIds(f.bilingual, ctx, 'bilingual');
    checkDefinitionPatterns(f, ctx);
  });

export type GlossaryRulesFile = z.infer<typeof glossaryRulesSchema>;
export type DiscoveryRules = z.infer<typeof discoverySchema>;

export interface StopPattern {
  id: string;
  description: string;
  regex: RegExp;
  spec: z.infer<typeof stopPatternSchema>;
}

export interface GlossaryRules {
  file: string;
  discovery: DiscoveryRules;
  /** Folded (lower-case) stop words. */
  stopWords: Set<string>;
  stopPatterns: StopPattern[];
  definitions: DefinitionRules;
}

export function defaultGlossaryRulesFile(root = PACKAGE_ROOT): string {
  return join(root, 'rules', 'glossary.yaml');
}

function toRules(file: string, spec: GlossaryRulesFile): GlossaryRules {
  return {
    file,
    discovery: spec.discovery,
    stopWords: new Set(spec.stopWords.map((w) => w.toLowerCase())),
    stopPatterns: spec.stopPatterns.map((p) => ({ id: p.id, description: p.description, regex: compile(p.pattern, 'i'), spec: p })),
    definitions: compileDefinitionRules(spec),
  };
}

/** Load and validate rules/glossary.yaml; throws DataFileError with file:line:col problems. */
export function loadGlossaryRules(file = defaultGlossaryRulesFile()): GlossaryRules {
  return toRules(file, loadYaml(file, glossaryRulesSchema));
}

export function parseGlossaryRules(text: string, file = '<glossary rules>'): GlossaryRules {
  return toRules(file, parseYaml(text, file, glossaryRulesSchema));
}

/** The stop rule that rejects `s` (a stop word, or the id of a stop pattern), or null. */
export function stopReason(s: string, rules: Pick<GlossaryRules, 'stopWords' | 'stopPatterns'>): string | null {
  if (rules.stopWords.has(s.toLowerCase())) return 'stop/word';
  for (const p of rules.stopPatterns) if (p.regex.test(s)) return p.id;
  return null;
}

// ── the text discovery reads ────────────────────────────────────────────────────────

/** One message's text, with where it came from. */
export interface TextUnit {
  /** Index of the transcript in the docs given. */
  doc: number;
  file: string;
  line: number;
  time: string;
  /** `YYYY-MM-DD` of the transcript, or null. */
  date: string | null;
  messageId: string;
  text: string;
}

const URL_RE = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s\u0080-\uffff]+/giu;

/** Text without @mentions, sticker codes and links: what people wrote in their own words. */
export function ownWords(m: Message): string {
  return askingText(m).replace(URL_RE, ' ').replace(/\s+/gu, ' ').trim();
}

/** The messages discovery and definition mining read: analysed, not noise, not duplicates. */
export function textUnits(docs: readonly Doc[], skipKinds: Iterable<string>): TextUnit[] {
  const skip = new Set(skipKinds);
  const units: TextUnit[] = [];
  docs.forEach((d, doc) => {
    d.transcript.messages.forEach((m, i) => {
      if (d.analyses[i]?.skip || skip.has(m.kind)) return;
      const text = ownWords(m);
      if (text === '') return;
      units.push({ doc, file: d.transcript.file, line: m.line, time: m.time, date: d.transcript.date, messageId: m.id, text });
    });
  });
  return units;
}

// ── candidates ──────────────────────────────────────────────────────────────────────

export interface Example {
  text: string;
  file: string;
  line: number;
  time: string;
  date: string | null;
}

export interface Candidate {
  term: string;
  lang: 'zh' | 'en';
  /** Rounded to three decimals, so output does not change with floating-point noise. */
  score: number;
  /** Occurrences outside curated terms. */
  occurrences: number;
  /** Transcripts it occurs in. */
  documents: number;
  /** The measures behind the score (cohesion, entropy, specificity, context; or tfidf). */
  stats: Record<string, number>;
  examples: Example[];
}

export interface DiscoveryContext {
  matcher: TermMatcher;
  variants?: VariantMap;
  /** Person and organisation names (speaker profiles): never terms. */
  names?: Iterable<string>;
  orgs?: Iterable<string>;
}

/** Names of the people in the transcripts and of their employers, from speaker profiles. */
export function speakerNames(docs: readonly Doc[]): { names: string[]; orgs: string[] } {
  const names = new Set<string>();
  const orgs = new Set<string>();
  for (const d of docs) {
    for (const m of d.transcript.messages) {
      if (m.profile?.name) names.add(m.profile.name);
      else if (m.speaker && !/[-—_|]/u.test(m.speaker)) names.add(m.speaker);
      if (m.profile?.org) orgs.add(m.profile.org);
    }
  }
  return { names: [...names].sort(), orgs: [...orgs].sort() };
}

/** Discover candidate terms in the docs: Chinese first, then English, each best first. */
export function discoverTerms(
  docs: readonly Doc[],
  matcher: TermMatcher,
  rules: GlossaryRules,
  variants: VariantMap = new Map(),
): Candidate[] {
  const units = textUnits(docs, rules.discovery.skipKinds);
  const { names, orgs } = speakerNames(docs);
  const ctx: DiscoveryContext = { matcher, variants, names, orgs };
  return [...discoverChinese(units, ctx, rules), ...discoverEnglish(units, ctx, rules)];
}

// ── background: jieba's dictionary ─────────────────────────────────────────────────

interface Background {
  freq: Map<string, number>;
  tag: Map<string, string>;
  total: number;
}

let background: Background | undefined;

/** jieba's dictionary as word → frequency (about 350,000 words, read once). */
function loadBackground(): Background {
  if (background) return background;
  const freq = new Map<string, number>();
  const tag = new Map<string, string>();
  let total = 0;
  for (const line of Buffer.from(jiebaDict).toString('utf8').split('\n')) {
    const [w, f, t] = line.split(' ');
    if (!w || !f) continue;
    const n = Number(f);
    freq.set(w, n);
    if (t) tag.set(w, t);
    total += n;
  }
  background = { freq, tag, total };
  return background;
}

/**
 * The probability of a string in general Chinese: its own dictionary frequency, or, when
 * the dictionary lacks it, the likeliest way to make it of two parts (independent).
 * Latin words and numbers (not in the dictionary) count as rare single symbols.
 */
function backgroundProbability(bg: Background, memo: Map<string, number>, s: string): number {
  const cached = memo.get(s);
  if (cached !== undefined) return cached;
  const symbols = [...s];
  let p = (bg.freq.get(s) ?? 0) / bg.total;
  if (symbols.length === 1) p = Math.max(p, 0.5 / bg.total);
  let offset = 0;
  for (let k = 1; k < symbols.length; k++) {
    offset += symbols[k - 1]!.length;
    p = Math.max(p, backgroundProbability(bg, memo, s.slice(0, offset)) * backgroundProbability(bg, memo, s.slice(offset)));
  }
  memo.set(s, p);
  return p;
}

// ── Chinese ─────────────────────────────────────────────────────────────────────────

/**
 * Latin words and numbers become single symbols (private-use code points) so that string
 * code can treat `II类账户` as four symbols. Numbers all share one symbol: `96号文` and
 * `22号文` are the same pattern, and a candidate with a number in it is not a term.
 */
class Symbols {
  static readonly NUMBER = '\uE000';
  private readonly byWord = new Map<string, string>();
  private readonly spelling = new Map<string, Map<string, number>>();
  private next = 0xe001;

  symbol(word: string): string | null {
    if (/^\d+(?:[.,]\d+)*$/u.test(word)) return Symbols.NUMBER;
    const key = word.toLowerCase();
    let s = this.byWord.get(key);
    if (s === undefined) {
      if (this.next > 0xf8ff) return null;
      s = String.fromCharCode(this.next++);
      this.byWord.set(key, s);
      this.spelling.set(s, new Map());
    }
    const seen = this.spelling.get(s)!;
    seen.set(word, (seen.get(word) ?? 0) + 1);
    return s;
  }

  isLatin(ch: string): boolean {
    const c = ch.charCodeAt(0);
    return c >= 0xe000 && c <= 0xf8ff;
  }

  /** Back to text: each word as it was most often spelled. */
  decode(s: string): string {
    let out = '';
    for (const ch of s) {
      if (ch === Symbols.NUMBER) out += '#';
      else if (this.isLatin(ch)) {
        const spellings = [...(this.spelling.get(ch) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        out += spellings[0]?.[0] ?? '?';
      } else out += ch;
    }
    return out;
  }
}

/** A maximal run of Chinese characters and Latin words, as symbols. */
interface Run {
  s: string;
  unit: number;
  /** Original text offsets of each symbol: start and end. */
  from: number[];
  to: number[];
  /** For each symbol, the index of the curated match covering it, or -1. */
  owner: number[];
  /** Curated matches in the unit (for the "used with glossary terms" share). */
  curated: number;
  /**
   * What stands just outside the run: a punctuation mark or a space (a neighbour like any
   * other, so a string always followed by 、 is a piece of a list), or null at the start
   * or end of the message (a fresh neighbour each time).
   */
  before: string | null;
  after: string | null;
}

const HAN = /\p{Script=Han}/u;
// A Han character; a Latin word or number (T+1, 3.5, B2B and Ⅲ whole, full-width too);
// whitespace; or any other single character.
const PIECE =
  /(\p{Script=Han})|([A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2160-\u217F]+(?:[+.][A-Za-z0-9]+)*)|(\s+)|([\s\S])/gu;

function toRuns(units: readonly TextUnit[], ctx: DiscoveryContext, symbols: Symbols): Run[] {
  const runs: Run[] = [];
  const variants = ctx.variants ?? new Map<string, string>();
  units.forEach((u, unit) => {
    const matches = ctx.matcher.find(u.text);
    const ownerAt = new Int32Array(u.text.length).fill(-1);
    matches.forEach((m, k) => ownerAt.fill(k, m.start, m.end));
    let cur: Run | null = null;
    let lastLatin = false;
    let pendingSpace = false;
    let before: string | null = null;
    const close = (next: string | null) => {
      if (cur && cur.s.length > 0) {
        cur.after = next;
        runs.push(cur);
      }
      cur = null;
      lastLatin = false;
      pendingSpace = false;
      before = next;
    };
    for (const m of u.text.matchAll(PIECE)) {
      const at = m.index;
      const [, han, word, space, other] = m;
      if (space !== undefined) {
        pendingSpace = true;
        continue;
      }
      if (other !== undefined) {
        close(other);
        continue;
      }
      const isLatin = word !== undefined;
      // Two Latin words with a space between are English, not part of a Chinese term.
      if (pendingSpace && isLatin && lastLatin) close(' ');
      pendingSpace = false;
      const sym = isLatin ? symbols.symbol(word.normalize('NFKC')) : (variants.get(han!) ?? han!);
      if (sym === null) {
        close(null);
        continue;
      }
      cur ??= { s: '', unit, from: [], to: [], owner: [], curated: matches.length, before, after: null };
      cur.s += sym;
      cur.from.push(at);
      cur.to.push(at + m[0].length);
      cur.owner.push(ownerAt[at]!);
      lastLatin = isLatin;
    }
    close(null);
  });
  return runs;
}

interface ZhStats {
  gram: string;
  freq: number;
  cohesion: number;
  free: number;
  docs: Set<number>;
  units: number[];
  /** First occurrence in each unit: [start, end) offsets in the unit's text. */
  spans: Map<number, [number, number]>;
  left: Map<string, number>;
  right: Map<string, number>;
  leftEdges: number;
  rightEdges: number;
  withCurated: number;
}

/** Whether [i, j) lies inside a curated match or covers only part of one. */
function cutsCurated(owner: readonly number[], i: number, j: number): boolean {
  const first = owner[i]!;
  const last = owner[j - 1]!;
  if (first >= 0 && (i > 0 && owner[i - 1] === first)) return true;
  if (last >= 0 && (j < owner.length && owner[j] === last)) return true;
  // Whole matches only inside: [i, j) within a single match is caught above unless the
  // match is exactly [i, j), which is a curated form (looked up later).
  return false;
}

function entropy(neighbours: Map<string, number>, edges: number, total: number): number {
  let h = 0;
  for (const v of neighbours.values()) {
    const p = v / total;
    h -= p * Math.log(p);
  }
  // Each run edge (punctuation, a space, the end of a message) is its own neighbour: a
  // string that often stands alone is free.
  if (edges > 0) h += (edges / total) * Math.log(total);
  return h;
}

export function discoverChinese(units: readonly TextUnit[], ctx: DiscoveryContext, rules: GlossaryRules): Candidate[] {
  const cfg = rules.discovery;
  const zh = cfg.chinese;
  const minOcc = cfg.minOccurrences;
  const symbols = new Symbols();
  const runs = toRuns(units, ctx, symbols);

  // n-gram counts by length; an n-gram is counted only when both its (n-1)-gram prefix
  // and suffix are frequent enough (a rarer string cannot be a candidate).
  const counts: Map<string, number>[] = [new Map(), new Map()];
  let total = 0;
  for (const r of runs) {
    for (const c of r.s) counts[1]!.set(c, (counts[1]!.get(c) ?? 0) + 1);
    total += r.s.length;
  }
  for (let n = 2; n <= zh.maxLength; n++) {
    const prev = counts[n - 1]!;
    const here = new Map<string, number>();
    for (const r of runs) {
      const s = r.s;
      for (let i = 0; i + n <= s.length; i++) {
        const g = s.slice(i, i + n);
        if ((prev.get(g.slice(0, -1)) ?? 0) < minOcc || (prev.get(g.slice(1)) ?? 0) < minOcc) continue;
        here.set(g, (here.get(g) ?? 0) + 1);
      }
    }
    counts.push(here);
  }
  const freq = (g: string): number => counts[g.length]?.get(g) ?? 0;

  // Cohesion first: it needs only counts, and it removes most n-grams.
  const stats = new Map<string, ZhStats>();
  for (let n = zh.minLength; n <= zh.maxLength; n++) {
    for (const [g, f] of counts[n]!) {
      if (f < minOcc || !HAN.test(g) || g.includes(Symbols.NUMBER)) continue;
      let cohesion = Infinity;
      for (let k = 1; k < n; k++) cohesion = Math.min(cohesion, Math.log((f * total) / (freq(g.slice(0, k)) * freq(g.slice(k)))));
      if (cohesion < zh.minCohesion) continue;
      stats.set(g, {
        gram: g, freq: f, cohesion, free: 0, docs: new Set(), units: [], spans: new Map(),
        left: new Map(), right: new Map(), leftEdges: 0, rightEdges: 0, withCurated: 0,
      });
    }
  }

  // Occurrences outside curated terms, with their neighbours, transcripts and messages.
  for (const r of runs) {
    const s = r.s;
    const doc = units[r.unit]!.doc;
    for (let n = zh.minLength; n <= zh.maxLength; n++) {
      for (let i = 0; i + n <= s.length; i++) {
        const st = stats.get(s.slice(i, i + n));
        if (!st) continue;
        // Inside a curated term, or cutting through one (银行II of 银行II类账户): not free.
        if (cutsCurated(r.owner, i, i + n)) continue;
        st.free++;
        st.docs.add(doc);
        if (!st.spans.has(r.unit)) {
          st.units.push(r.unit);
          st.spans.set(r.unit, [r.from[i]!, r.to[i + n - 1]!]);
        }
        const l = i === 0 ? r.before : s[i - 1]!;
        const rt = i + n === s.length ? r.after : s[i + n]!;
        if (l === null) st.leftEdges++;
        else st.left.set(l, (st.left.get(l) ?? 0) + 1);
        if (rt === null) st.rightEdges++;
        else st.right.set(rt, (st.right.get(rt) ?? 0) + 1);
        // Does the message use a glossary term other than one this occurrence overlaps?
        const overlapping = new Set<number>();
        for (let k = i; k < i + n; k++) if (r.owner[k]! >= 0) overlapping.add(r.owner[k]!);
        if (r.curated > overlapping.size) st.withCurated++;
      }
    }
  }

  const bg = loadBackground();
  const memo = new Map<string, number>();
  const names = new Set(ctx.names ?? []);
  const orgNames = [...new Set(ctx.orgs ?? [])].filter((o) => /^\p{Script=Han}{2,}$/u.test(o) && !bg.freq.has(o));
  const properTags = new Set(zh.properNounTags);
  const generalTags = new Set(zh.generalTags);

  interface Scored {
    st: ZhStats;
    term: string;
    entropy: number;
    specificity: number;
    share: number;
  }
  // Strings that behave like words (frequent, cohesive, free): the parts that make a
  // longer string a mere combination, whatever the later filters say about them.
  const wordLike = new Set<string>();
  const kept: Scored[] = [];
  for (const st of stats.values()) {
    if (st.free < minOcc || st.docs.size < cfg.minDocuments) continue;
    const e = Math.min(entropy(st.left, st.leftEdges, st.free), entropy(st.right, st.rightEdges, st.free));
    if (e < zh.minEntropy) continue;
    wordLike.add(st.gram);
    const specificity = Math.log(st.freq / total / backgroundProbability(bg, memo, st.gram));
    if (specificity < zh.minSpecificity) continue;
    const term = symbols.decode(st.gram);
    if (ctx.matcher.lookup(term)) continue;
    if (stopReason(term, rules) !== null) continue;
    const tag = bg.tag.get(st.gram) ?? '';
    if (properTags.has(tag) || generalTags.has(tag)) continue;
    if (isName(st.gram, names, orgNames, bg)) continue;
    if (dominatedByGlossary(term, ctx.matcher, zh.maxAffix)) continue;
    const share = st.withCurated / st.free;
    if (share < zh.minContext) continue;
    kept.push({ st, term, entropy: e, specificity, share });
  }

  const isWord = (p: string): boolean => wordLike.has(p) || bg.freq.has(p) || ctx.matcher.lookup(symbols.decode(p)) !== undefined;
  const combination = (g: string, f: number): boolean => {
    for (let k = 1; k < g.length; k++) {
      const a = g.slice(0, k);
      const b = g.slice(k);
      // A single Chinese character is no word of its own here; a Latin word is (P2P平台).
      if ((a.length === 1 && !symbols.isLatin(a)) || (b.length === 1 && !symbols.isLatin(b))) continue;
      if (isWord(a) && isWord(b) && freq(a) >= zh.composeRatio * f && freq(b) >= zh.composeRatio * f) return true;
    }
    return false;
  };
  const uncombined = kept.filter((c) => !combination(c.st.gram, c.st.freq));
  const pieces = uncombined.filter(
    (c) => !uncombined.some((v) => v.st.gram.length > c.st.gram.length && v.st.gram.includes(c.st.gram) && v.st.free >= zh.nestedShare * c.st.free),
  );

  const candidates = pieces.map((c): Candidate => {
    const score =
      (zh.contextBase + c.share) *
      Math.log(c.st.free) *
      Math.min(c.entropy, zh.capEntropy) *
      Math.min(c.specificity, zh.capSpecificity) *
      (Math.min(c.st.cohesion, zh.capCohesion) / zh.capCohesion);
    return {
      term: c.term,
      lang: 'zh',
      score: round(score),
      occurrences: c.st.free,
      documents: c.st.docs.size,
      stats: {
        cohesion: round(c.st.cohesion),
        entropy: round(c.entropy),
        specificity: round(c.specificity),
        context: round(c.share),
      },
      examples: pickExamples(units, c.st.units, c.st.spans, cfg.examples, cfg.exampleLength),
    };
  });
  return rank(candidates, cfg.maxCandidates);
}

/**
 * A person's or a member company's name. People's names come from speaker profiles;
 * company names (the profile's org field) also count in part (星河 of 星河科技) unless the
 * part is an ordinary word, and as the start of a longer string (云桥支付 for 云桥).
 */
function isName(g: string, names: Set<string>, orgs: readonly string[], bg: Background): boolean {
  if (names.has(g)) return true;
  // A given name without the surname (晓明 of 王晓明): people's names are short.
  for (const n of names) if (n.length <= 4 && n.includes(g) && /^\p{Script=Han}+$/u.test(n)) return true;
  return orgs.some((o) => o === g || (o.includes(g) && !bg.freq.has(g)) || g.startsWith(o));
}

/** The string is a curated form plus at most `maxAffix` characters or words (原路退回的). */
function dominatedByGlossary(term: string, matcher: TermMatcher, maxAffix: number): boolean {
  const matches = matcher.find(term);
  if (matches.length === 0) return false;
  let rest = term;
  for (const m of [...matches].reverse()) rest = rest.slice(0, m.start) + ' ' + rest.slice(m.end);
  const leftover = rest.match(/[A-Za-z0-9]+|\p{Script=Han}/gu) ?? [];
  return leftover.length <= maxAffix;
}

// ── English ─────────────────────────────────────────────────────────────────────────

const LATIN_WORD = /[A-Za-z][A-Za-z0-9'&+-]*/g;
// English stays English up to a Chinese character or Chinese punctuation.
const NON_ENGLISH = /[\p{Script=Han}，。！？；：、「」（）【】《》“”\n]+/u;
const PHRASE_WORD = /^[a-z][a-z0-9+&'-]*$/;

/** Pieces of text that are mostly English and have enough words to parse (the cheap test). */
export function englishPieces(text: string, minWords: number, minLatinShare: number): string[] {
  const out: string[] = [];
  for (const piece of text.split(NON_ENGLISH)) {
    const words = piece.match(LATIN_WORD) ?? [];
    if (words.length < minWords) continue;
    const letters = words.join('').length;
    if (letters < piece.replace(/\s/g, '').length * minLatinShare) continue;
    out.push(piece.trim());
  }
  return out;
}

/** Noun phrases of an English piece, lower-cased; phrases with code-like words are dropped. */
export function nounPhrases(piece: string, maxWords: number): string[] {
  const out: string[] = [];
  // Determiners, possessives, pronouns and conjunctions are not part of a term (the
  // orbit ledger, Apple Pay and …).
  for (const raw of nlp(piece).nouns().not('(#Determiner|#Possessive|#Pronoun|#Conjunction)').out('array') as string[]) {
    const words = raw
      .toLowerCase()
      .replace(/^[^a-z0-9]+|[^a-z0-9+]+$/g, '')
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.length === 0 || words.length > maxWords) continue;
    if (!words.every((w) => PHRASE_WORD.test(w))) continue;
    out.push(words.join(' '));
  }
  return out;
}

export function discoverEnglish(units: readonly TextUnit[], ctx: DiscoveryContext, rules: GlossaryRules): Candidate[] {
  const cfg = rules.discovery;
  const en = cfg.english;
  // phrase → per transcript count, messages it occurs in, and how it was written.
  const byDoc = new Map<number, string[]>();
  const seenIn = new Map<string, { units: number[]; spans: Map<number, [number, number]>; docs: Set<number>; count: number }>();
  units.forEach((u, ui) => {
    for (const piece of englishPieces(u.text, en.minWords, en.minLatinShare)) {
      for (const phrase of nounPhrases(piece, en.maxWords)) {
        const list = byDoc.get(u.doc) ?? [];
        list.push(phrase);
        byDoc.set(u.doc, list);
        let s = seenIn.get(phrase);
        if (!s) seenIn.set(phrase, (s = { units: [], spans: new Map(), docs: new Set(), count: 0 }));
        s.count++;
        s.docs.add(u.doc);
        if (!s.spans.has(ui)) {
          const at = u.text.toLowerCase().indexOf(phrase.split(' ')[0]!);
          s.units.push(ui);
          s.spans.set(ui, [Math.max(0, at), Math.max(0, at) + phrase.length]);
        }
      }
    }
  });
  const tfidf = new TfIdf();
  const docIds = [...byDoc.keys()].sort((a, b) => a - b);
  for (const d of docIds) tfidf.addDocument(byDoc.get(d)!, String(d));

  const candidates: Candidate[] = [];
  for (const [phrase, s] of seenIn) {
    if (s.count < en.minOccurrences || s.docs.size < en.minDocuments) continue;
    const words = phrase.split(' ');
    // A single word is a term only when it is an abbreviation people write in capitals (MDR).
    if (words.length === 1 && (phrase.length < 2 || !writtenInCapitals(units, s.units, phrase))) continue;
    if (ctx.matcher.lookup(phrase)) continue;
    if (stopReason(phrase, rules) !== null) continue;
    if (dominatedByGlossary(phrase, ctx.matcher, en.maxAffix)) continue;
    let score = 0;
    docIds.forEach((_, i) => (score += tfidf.tfidf([phrase], i)));
    const spelled = spelling(units, s.units, phrase);
    candidates.push({
      term: spelled,
      lang: 'en',
      score: round(score),
      occurrences: s.count,
      documents: s.docs.size,
      stats: { tfidf: round(score) },
      examples: pickExamples(units, s.units, s.spans, cfg.examples, cfg.exampleLength),
    });
  }
  return rank(candidates, cfg.maxCandidates);
}

function writtenInCapitals(units: readonly TextUnit[], at: number[], phrase: string): boolean {
  const re = new RegExp(`(?<![A-Za-z])${escapeRegex(phrase)}(?![A-Za-z])`, 'gi');
  let upper = 0;
  let all = 0;
  for (const ui of at) {
    for (const m of units[ui]!.text.matchAll(re)) {
      all++;
      if (m[0] === m[0].toUpperCase()) upper++;
    }
  }
  return all > 0 && upper * 2 > all;
}

/** The spelling people used most (PCI DSS rather than pci dss), first seen on ties. */
function spelling(units: readonly TextUnit[], at: number[], phrase: string): string {
  const re = new RegExp(`(?<![A-Za-z])${escapeRegex(phrase).replace(/ /g, '\\s+')}(?![A-Za-z])`, 'gi');
  const seen = new Map<string, number>();
  for (const ui of at) for (const m of units[ui]!.text.matchAll(re)) seen.set(m[0].replace(/\s+/g, ' '), (seen.get(m[0]) ?? 0) + 1);
  const best = [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
  return best?.[0] ?? phrase;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ── shared ──────────────────────────────────────────────────────────────────────────

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(cs: Candidate[], max: number): Candidate[] {
  return cs.sort((a, b) => b.score - a.score || byCodePoint(a.term, b.term)).slice(0, max);
}

/** Cut a long text to `max` characters around [start, end), marking cuts with …. */
export function excerpt(text: string, start: number, end: number, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  // Offsets are UTF-16; convert to code point indices.
  const cpStart = [...text.slice(0, start)].length;
  const cpEnd = cpStart + [...text.slice(start, end)].length;
  const room = Math.max(0, max - (cpEnd - cpStart));
  let from = Math.max(0, cpStart - Math.floor(room / 2));
  const to = Math.min(chars.length, from + max);
  from = Math.max(0, to - max);
  return `${from > 0 ? '…' : ''}${chars.slice(from, to).join('').trim()}${to < chars.length ? '…' : ''}`;
}

/**
 * Example messages: from different transcripts when possible, of a readable length
 * (neither a bare word nor a long talk), in a stable order.
 */
export function pickExamples(
  units: readonly TextUnit[],
  at: readonly number[],
  spans: ReadonlyMap<number, [number, number]>,
  howMany: number,
  maxLength: number,
): Example[] {
  const ideal = Math.min(40, maxLength);
  const ranked = [...at].sort((a, b) => {
    const ua = units[a]!;
    const ub = units[b]!;
    const fit = (u: TextUnit) => Math.abs([...u.text].length - ideal) + ([...u.text].length < 8 ? 100 : 0);
    return fit(ua) - fit(ub) || byCodePoint(ua.file, ub.file) || ua.line - ub.line;
  });
  const chosen: number[] = [];
  const docs = new Set<number>();
  for (const ui of ranked) {
    if (chosen.length >= howMany) break;
    if (docs.has(units[ui]!.doc)) continue;
    chosen.push(ui);
    docs.add(units[ui]!.doc);
  }
  for (const ui of ranked) {
    if (chosen.length >= howMany) break;
    if (!chosen.includes(ui)) chosen.push(ui);
  }
  return chosen.map((ui) => {
    const u = units[ui]!;
    const [s, e] = spans.get(ui) ?? [0, 0];
    return { text: excerpt(u.text, s, e, maxLength), file: u.file, line: u.line, time: u.time, date: u.date };
  });
}

