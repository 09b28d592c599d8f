/**
 * Chinese term discovery. Chinese has no spaces, so words are found by statistics over
 * symbol n-grams (a symbol is a Chinese character, or a whole Latin word or number, so
 * H5支付 and II类户 are found too): how often a string occurs, how much its parts belong
 * together (the lowest pointwise mutual information over its splits), how freely it
 * combines with what is around it (left and right branching entropy), and how much more
 * often the group uses it than general Chinese does (jieba's dictionary frequencies are
 * the background).
 */
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';
import { dominatedByGlossary, pickExamples, rank, round, type DiscoveryContext, type TermCandidate, type TextUnit } from './corpus.js';
import { stopReason, type GlossaryRules } from './rules.js';

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

export function discoverChinese(units: readonly TextUnit[], ctx: DiscoveryContext, rules: GlossaryRules): TermCandidate[] {
  const cfg = rules.discovery;
  const zh = cfg.chinese;
  const minOcc = cfg.minOccurrences;
  const symbols = new Symbols();
  const runs = toRuns(units, ctx, symbols);

  // n-gram counts by length; an n-gram is counted only when both its (n-1)-gram prefix
  // and suffix are frequent enough (a rarer string cannot be a candidate). An n-gram is a
  // number, not a string: (its prefix's number, its last code unit) interned per length,
  // so counting twelve million characters makes no strings; only the frequent n-grams get
  // their text, in the order they were first seen.
  const counts: Map<string, number>[] = [new Map(), new Map()];
  let total = 0;
  for (const r of runs) {
    for (const c of r.s) counts[1]!.set(c, (counts[1]!.get(c) ?? 0) + 1);
    total += r.s.length;
  }
  const unitCount = new Int32Array(65536);
  for (const [c, f] of counts[1]!) if (c.length === 1) unitCount[c.charCodeAt(0)] = f;
  /** Per length ≥ 2: (prefix number · 65536 + last unit) → the n-gram's number. */
  const interned: Map<number, number>[] = [new Map(), new Map()];
  let ids: Int32Array[] = runs.map((r) => {
    const a = new Int32Array(r.s.length);
    for (let i = 0; i < r.s.length; i++) a[i] = r.s.charCodeAt(i);
    return a;
  });
  let frequent = (id: number) => unitCount[id]! >= minOcc;
  for (let n = 2; n <= zh.maxLength; n++) {
    const intern = new Map<number, number>();
    const tally: number[] = [];
    const first: number[] = [];
    const next = runs.map((r, ri) => {
      const s = r.s;
      const prev = ids[ri]!;
      const here = new Int32Array(Math.max(0, s.length - n + 1)).fill(-1);
      for (let i = 0; i + n <= s.length; i++) {
        const p = prev[i]!;
        const q = prev[i + 1]!;
        if (p < 0 || q < 0 || !frequent(p) || !frequent(q)) continue;
        const key = p * 65536 + s.charCodeAt(i + n - 1);
        let id = intern.get(key);
        if (id === undefined) {
          id = tally.length;
          intern.set(key, id);
          tally.push(0);
          first.push(ri, i);
        }
        tally[id]!++;
        here[i] = id;
      }
      return here;
    });
    const text = new Map<string, number>();
    for (let id = 0; id < tally.length; id++) {
      if (tally[id]! < minOcc) continue;
      const ri = first[2 * id]!;
      const i = first[2 * id + 1]!;
      text.set(runs[ri]!.s.slice(i, i + n), tally[id]!);
    }
    counts.push(text);
    interned.push(intern);
    ids = next;
    frequent = (id: number) => tally[id]! >= minOcc;
  }
  ids = [];
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
  // Each position's n-grams are found by their numbers, longest chain first, then visited
  // length by length as the statistics expect.
  const statsOf: Map<number, ZhStats>[] = [];
  for (let n = zh.minLength; n <= zh.maxLength; n++) statsOf[n] = new Map();
  for (const [g, st] of stats) {
    // the number of a frequent n-gram: follow its units through the interned prefixes
    let id = g.charCodeAt(0);
    for (let n = 2; n <= g.length; n++) id = interned[n]!.get(id * 65536 + g.charCodeAt(n - 1))!;
    statsOf[g.length]!.set(id, st);
  }
  for (const r of runs) {
    const s = r.s;
    const doc = units[r.unit]!.doc;
    // chains[n][i]: the number of the n-gram at i, or -1
    const chains: Int32Array[] = [];
    let prev = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) prev[i] = s.charCodeAt(i);
    for (let n = 2; n <= zh.maxLength; n++) {
      const here = new Int32Array(Math.max(0, s.length - n + 1)).fill(-1);
      const intern = interned[n]!;
      for (let i = 0; i + n <= s.length; i++) {
        const p = prev[i]!;
        if (p < 0) continue;
        here[i] = intern.get(p * 65536 + s.charCodeAt(i + n - 1)) ?? -1;
      }
      chains[n] = here;
      prev = here;
    }
    for (let n = zh.minLength; n <= zh.maxLength; n++) {
      const chain = chains[n]!;
      const byId = statsOf[n]!;
      for (let i = 0; i + n <= s.length; i++) {
        const id = chain[i]!;
        if (id < 0) continue;
        const st = byId.get(id);
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
  const prefixTags = new Set(zh.properPrefixTags);
  // 厦门民生, 江苏银行: a place name in front makes the string an institution's name.
  const properPrefix = (g: string): boolean => {
    for (let k = 2; k < g.length && k <= 3; k++) if (prefixTags.has(bg.tag.get(g.slice(0, k)) ?? '')) return true;
    return false;
  };
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
    if (properTags.has(tag) || generalTags.has(tag) || properPrefix(st.gram)) continue;
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

  const candidates = pieces.map((c): TermCandidate => {
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
