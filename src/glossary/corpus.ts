/**
 * The text term discovery reads, and what it finds: one unit per message in its own
 * words, candidate terms with their evidence, and the helpers both languages share
 * (ranking, examples, what the glossary already covers).
 */
import type { Doc, Message } from '../model.js';
import { askingText } from '../text/chat.js';
import { compareStrings } from '../text/order.js';
import type { VariantMap } from './curated.js';
import type { TermMatcher } from './matcher.js';

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

export interface TermCandidate {
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

export function dominatedByGlossary(term: string, matcher: TermMatcher, maxAffix: number): boolean {
  const matches = matcher.find(term);
  if (matches.length === 0) return false;
  let rest = term;
  for (const m of [...matches].reverse()) rest = rest.slice(0, m.start) + ' ' + rest.slice(m.end);
  const leftover = rest.match(/[A-Za-z0-9]+|\p{Script=Han}/gu) ?? [];
  return leftover.length <= maxAffix;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ── shared ──────────────────────────────────────────────────────────────────────────

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}


export function rank(cs: TermCandidate[], max: number): TermCandidate[] {
  return cs.sort((a, b) => b.score - a.score || compareStrings(a.term, b.term)).slice(0, max);
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
    return fit(ua) - fit(ub) || compareStrings(ua.file, ub.file) || ua.line - ub.line;
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


