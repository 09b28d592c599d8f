/**
 * Glossary term matching: every form of every term (the term, its `en` equivalents,
 * its aliases) is looked for in a text at once with an Aho–Corasick automaton over the
 * folded text (variants, NFKC, lower case, whitespace; see `foldText`), so matching is
 * case- and width-insensitive and offsets still point into the original text.
 *
 * Matches do not overlap: the longest wins, then the earliest, so 非原路退款 is one
 * match, not 原路退款 or 退款 inside it. A form that begins or ends with a Latin letter
 * or digit matches only at a word boundary on that side (API is not in RAPID, TN not in
 * ATN); Chinese has no word boundaries, so Chinese forms match anywhere.
 *
 * Which spelling a transcript's term list holds: the form as the chat wrote it, not the
 * canonical term. Editors list terms as people used them (both TN and 消费流水号, both
 * 虚户 and 虚拟账户, debit and credit), and an alias that people write is a term in its
 * own right for a reader of that day. So `termsIn` gives each distinct matched form,
 * spelled as the glossary spells it when it is the same form up to case and width
 * (`sdk` → `SDK`), else as written (`帐户体系`, matched through the 帐 → 账 variant).
 * The canonical term stays on every match (`term`) and `canonicalIn` gives those.
 */
import { compareStrings } from '../text/order.js';
import { foldForm, foldText, formsOf, isWordChar, variantMap, type Glossary, type GlossaryTerm } from './curated.js';

export interface TermMatch {
  /** The canonical term. */
  term: string;
  /** The text as written (a slice of the input). */
  form: string;
  /** The glossary form that matched (the term, an `en` form or an alias), as the glossary spells it. */
  entry: string;
  /** UTF-16 offsets into the input; `end` is exclusive. */
  start: number;
  end: number;
}

export interface TermMatcher {
  find(text: string): TermMatch[];
  /** Sorted distinct forms used in the texts (see the module comment for the spelling). */
  termsIn(texts: Iterable<string>): string[];
  /** Sorted distinct canonical terms used in the texts. */
  canonicalIn(texts: Iterable<string>): string[];
  /** The glossary entry that a term or any of its forms names, matched as `find` does. */
  lookup(form: string): GlossaryTerm | undefined;
}

interface Pattern {
  key: string;
  entry: string;
  term: GlossaryTerm;
  /** A word boundary is needed before / after (the form's edge is a Latin letter or digit). */
  boundStart: boolean;
  boundEnd: boolean;
}

/** Aho–Corasick over UTF-16 code units of folded keys. */
class Automaton {
  private readonly next: Map<string, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];

  constructor(keys: readonly string[]) {
    keys.forEach((key, id) => {
      let s = 0;
      for (const c of key) {
        // Code units, not code points, so the search loop below can index the string.
        for (let k = 0; k < c.length; k++) s = this.step(s, c[k]!);
      }
      this.out[s]!.push(id);
    });
    const queue: number[] = [];
    for (const s of this.next[0]!.values()) queue.push(s);
    for (let q = 0; q < queue.length; q++) {
      const r = queue[q]!;
      for (const [c, s] of this.next[r]!) {
        queue.push(s);
        let f = this.fail[r]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const g = this.next[f]!.get(c);
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        this.out[s]!.push(...this.out[this.fail[s]!]!);
      }
    }
  }

  private step(s: number, c: string): number {
    let t = this.next[s]!.get(c);
    if (t === undefined) {
      t = this.next.length;
      this.next.push(new Map());
      this.fail.push(0);
      this.out.push([]);
      this.next[s]!.set(c, t);
    }
    return t;
  }

  /** Every occurrence as [start, end, id] in code units of `text`. */
  search(text: string, emit: (start: number, end: number, id: number) => void, lengths: readonly number[]): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      let t = this.next[s]!.get(c);
      while (t === undefined && s !== 0) {
        s = this.fail[s]!;
        t = this.next[s]!.get(c);
      }
      s = t ?? 0;
      for (const id of this.out[s]!) emit(i + 1 - lengths[id]!, i + 1, id);
    }
  }
}

/**
 * Links are not prose: `mid=`, `cgi-bin` or `x:str` inside a URL are no one's use of a
 * term. ASCII only, so a URL ends where Chinese text starts.
 */
const URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s"'<>\u0080-\uffff]+/giu;

function urlSpans(text: string): [number, number][] {
  if (!text.includes('://') && !/www\./i.test(text)) return [];
  return [...text.matchAll(URL)].map((m) => [m.index, m.index + m[0].length]);
}

function insideAny(spans: [number, number][], at: number): boolean {
  return spans.some(([s, e]) => at >= s && at < e);
}

/** How the gold measure and a reader compare spellings: NFKC, case-folded, spaces collapsed. */
function sameSpelling(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}


export function buildTermMatcher(glossary: Glossary): TermMatcher {
  const variants = variantMap(glossary.variants);
  const patterns: Pattern[] = [];
  const byKey = new Map<string, Pattern>();
  for (const t of glossary.terms) {
    for (const entry of formsOf(t)) {
      const key = foldForm(entry, variants);
      // A validated glossary has no shared forms; otherwise the first term keeps it.
      if (key === '' || byKey.has(key)) continue;
      const p: Pattern = {
        key,
        entry,
        term: t,
        boundStart: isWordChar(key[0]!),
        boundEnd: isWordChar(key[key.length - 1]!),
      };
      patterns.push(p);
      byKey.set(key, p);
    }
  }
  const automaton = new Automaton(patterns.map((p) => p.key));
  const lengths = patterns.map((p) => p.key.length);

  function find(text: string): TermMatch[] {
    const urls = urlSpans(text);
    const folded = foldText(text, variants);
    const f = folded.text;
    const n = f.length;
    const candidates: [number, number, number][] = [];
    automaton.search(
      f,
      (start, end, id) => {
        const p = patterns[id]!;
        // Whole characters only: an NFKC expansion (ﬁ → fi) is matched whole or not at all.
        if (start > 0 && folded.from[start] === folded.from[start - 1]) return;
        if (end < n && folded.from[end] === folded.from[end - 1]) return;
        if (p.boundStart && start > 0 && isWordChar(f[start - 1]!)) return;
        if (p.boundEnd && end < n && isWordChar(f[end]!)) return;
        if (urls.length > 0 && insideAny(urls, folded.from[start]!)) return;
        candidates.push([start, end, id]);
      },
      lengths,
    );
    if (candidates.length === 0) return [];
    candidates.sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || a[0] - b[0]);
    const taken = new Uint8Array(n);
    const chosen: [number, number, number][] = [];
    for (const c of candidates) {
      let free = true;
      for (let k = c[0]; k < c[1] && free; k++) free = taken[k] === 0;
      if (!free) continue;
      taken.fill(1, c[0], c[1]);
      chosen.push(c);
    }
    chosen.sort((a, b) => a[0] - b[0]);
    return chosen.map(([s, e, id]) => {
      const p = patterns[id]!;
      const start = folded.from[s]!;
      const end = folded.to[e - 1]!;
      return { term: p.term.term, form: text.slice(start, end), entry: p.entry, start, end };
    });
  }

  function termsIn(texts: Iterable<string>): string[] {
    const seen = new Map<string, string>();
    for (const text of texts) {
      for (const m of find(text)) {
        const written = m.form.replace(/\s+/gu, ' ');
        const key = sameSpelling(written);
        if (seen.has(key)) continue;
        seen.set(key, key === sameSpelling(m.entry) ? m.entry : written);
      }
    }
    return [...seen.values()].sort(compareStrings);
  }

  function canonicalIn(texts: Iterable<string>): string[] {
    const seen = new Set<string>();
    for (const text of texts) for (const m of find(text)) seen.add(m.term);
    return [...seen].sort(compareStrings);
  }

  function lookup(form: string): GlossaryTerm | undefined {
    return byKey.get(foldForm(form, variants))?.term;
  }

  return { find, termsIn, canonicalIn, lookup };
}
