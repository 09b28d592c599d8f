/**
 * What the glossary outputs show, computed from the docs: every curated term with how
 * often the chat uses it, the definitions and English equivalents people gave, an
 * example, and the FAQ entries tagged with it; plus the discovered candidates. Pure
 * given the rules; src/emit/glossary.ts only renders it.
 */
import type { Doc, FaqIndex, FaqIndexEntry } from '../model.js';
import { variantMap, type Glossary, type GlossaryTerm } from './curated.js';
import { mineDefinitions, type EnSuggestion, type MinedDefinition } from './definitions.js';
import { ownWords, type TermCandidate } from './corpus.js';
import { discoverTerms } from './discover.js';
import { definitionQuality } from './quality.js';
import { countCoOccurrence, relationsFrom, type Relation } from './relations.js';
import { stopReason, type GlossaryRules } from './rules.js';
import type { TermMatcher } from './matcher.js';
import { byPinyin, compareStrings } from '../text/order.js';

/** What the glossary needs of the pipeline's resources. */
export interface GlossaryResources {
  glossary: Glossary;
  terms: TermMatcher;
}

export interface GlossaryModelOptions {
  rules: GlossaryRules;
  /** Privacy redaction applied to every quoted chat text (none by default). */
  redact?: (text: string) => string;
  /** How a transcript's path is written in citations (default: as given). */
  sourcePath?: (file: string) => string;
  /** Mined definitions shown per term (default 3). */
  maxDefinitions?: number;
}

// ── order ──────────────────────────────────────────────────────────────────────────


// ── the model the outputs share ─────────────────────────────────────────────────────

export interface TermExample {
  kind: 'definition' | 'usage';
  /** The rule that found a definition; null for a usage example. */
  rule: string | null;
  /** A definition's quality, 0–1 (src/glossary/quality.ts); null for a usage example. */
  quality: number | null;
  text: string;
  source: SourceRef;
}

export interface SourceRef {
  file: string;
  line: number;
  time: string;
  date: string | null;
}

export interface TermEntry {
  term: string;
  category: string;
  en: string[];
  aliases: string[];
  definition: string;
  related: string[];
  /** Terms the chat uses alongside this one (co-occurrence), beyond the curated `related`. */
  seeAlso: Relation[];
  /** Matches in the transcripts (every form), and transcripts with one. */
  occurrences: number;
  documents: number;
  /** English equivalents the chat gives that the glossary lacks. */
  enSuggestions: { en: string; rule: string; source: SourceRef }[];
  examples: TermExample[];
  faq: { id: string; title: string; path: string }[];
}

export interface GlossaryModel {
  terms: TermEntry[];
  candidates: TermCandidate[];
  /** Definitions of candidates and of terms neither the glossary nor discovery knows (paths as cited), with their quality. */
  newDefinitions: (MinedDefinition & { quality: number })[];
  /** English suggestions for candidates and unknown terms. */
  newEn: EnSuggestion[];
}

export function ref(s: SourceRef, opts: Pick<GlossaryModelOptions, 'sourcePath'>): SourceRef {
  return { file: (opts.sourcePath ?? ((f) => f))(s.file), line: s.line, time: s.time, date: s.date };
}

/** Build everything the glossary outputs show. Pure given the rules. */
export function buildGlossaryModel(
  docs: readonly Doc[],
  res: GlossaryResources,
  faq: FaqIndex,
  opts: GlossaryModelOptions,
): GlossaryModel {
  const { rules } = opts;
  const redact = opts.redact ?? ((s: string) => s);
  const sorted = [...docs].sort((a, b) => compareStrings(a.transcript.file, b.transcript.file));
  const variants = variantMap(res.glossary.variants);
  const candidates = discoverTerms(sorted, res.terms, rules, variants).map((c) => ({
    ...c,
    examples: c.examples.map((e) => ({ ...e, ...ref(e, opts), text: redact(e.text) })),
  }));
  const mined = mineDefinitions(sorted, rules.definitions, {
    matcher: res.terms,
    candidates: candidates.map((c) => c.term),
    isStop: (s) => stopReason(s, rules) !== null,
    skipKinds: rules.discovery.skipKinds,
    maxLength: rules.discovery.exampleLength * 2,
  });

  // Usage: how often each curated term occurs, and one plain example of it.
  const usage = new Map<string, { occurrences: number; docs: Set<number>; best: { key: [number, number, string, number]; ex: TermExample } | null }>();
  const definedAt = new Set(mined.definitions.map((d) => `${d.file}\u0000${d.messageId}`));
  const skip = new Set(rules.discovery.skipKinds);
  sorted.forEach((d, di) => {
    const answers = new Set(d.exchanges.flatMap((x) => x.answers));
    d.transcript.messages.forEach((m, i) => {
      if (d.analyses[i]?.skip || skip.has(m.kind)) return;
      const text = ownWords(m);
      if (text === '') return;
      const seen = new Set<string>();
      for (const match of res.terms.find(text)) {
        let u0 = usage.get(match.term);
        if (!u0) usage.set(match.term, (u0 = { occurrences: 0, docs: new Set(), best: null }));
        u0.occurrences++;
        u0.docs.add(di);
        if (seen.has(match.term) || definedAt.has(`${d.transcript.file}\u0000${m.id}`)) continue;
        seen.add(match.term);
        // Prefer an answer of a readable length; then the earliest.
        const len = [...text].length;
        const key: [number, number, string, number] = [answers.has(m.id) ? 0 : 1, Math.abs(len - 50) + (len < 10 ? 100 : 0), d.transcript.file, m.line];
        if (!u0.best || compareKeys(key, u0.best.key) < 0) {
          u0.best = {
            key,
            ex: {
              kind: 'usage',
              rule: null,
              quality: null,
              text: redact(cutAround(text, match.start, rules.discovery.exampleLength * 2)),
              source: ref({ file: d.transcript.file, line: m.line, time: m.time, date: d.transcript.date }, opts),
            },
          };
        }
      }
    });
  });

  const faqByTerm = new Map<string, { id: string; title: string; path: string }[]>();
  const linked = faq.entries.filter((e) => e.status !== 'rejected' && e.status !== 'orphaned' && e.action !== 'orphaned');
  // What editors approved first, then by score: a reader meets the surest answer first.
  const standing = (s: string) => ({ approved: 0, reviewed: 1, draft: 2 })[s] ?? 3;
  const order = (a: FaqIndexEntry, b: FaqIndexEntry) => standing(a.status) - standing(b.status) || (b.score ?? 0) - (a.score ?? 0) || compareStrings(a.id, b.id);
  for (const e of [...linked].sort(order)) {
    const terms = new Set(e.tags.map((t) => res.terms.lookup(t)?.term).filter((t): t is string => t !== undefined));
    for (const t of terms) {
      const list = faqByTerm.get(t) ?? [];
      list.push({ id: e.id, title: e.title ?? e.question, path: e.path });
      faqByTerm.set(t, list);
    }
  }

  const cooc = relationsFrom(countCoOccurrence(sorted, rules.relations.span, rules.discovery.skipKinds), rules.relations);

  const maxDefs = opts.maxDefinitions ?? 3;
  const terms = [...res.glossary.terms]
    .sort((a, b) => byPinyin(a.term, b.term))
    .map((t: GlossaryTerm): TermEntry => {
      const use = usage.get(t.term);
      // Best first; equals keep transcript order (mineDefinitions sorts by source), so the order is stable.
      const shown = mined.definitions
        .filter((d) => d.status === 'glossary' && d.term === t.term)
        .map((d, i) => ({ d, i, q: definitionQuality(d, rules.quality).score }))
        .sort((a, b) => b.q - a.q || a.i - b.i)
        .slice(0, maxDefs);
      const examples: TermExample[] = shown.map(({ d, q }) => ({ kind: 'definition', rule: d.rule, quality: q, text: redact(d.text), source: ref(d, opts) }));
      if (use?.best) examples.push(use.best.ex);
      const suggestions = mined.en
        .filter((s) => s.status === 'glossary' && s.term === t.term)
        .map((s) => ({ en: s.en, rule: s.rule, source: ref(s, opts) }));
      return {
        term: t.term,
        category: t.category,
        en: [...t.en],
        aliases: [...t.aliases],
        definition: t.definition,
        related: [...t.related],
        seeAlso: (cooc.get(t.term) ?? []).filter((r) => !t.related.includes(r.term)),
        occurrences: use?.occurrences ?? 0,
        documents: use?.docs.size ?? 0,
        enSuggestions: suggestions,
        examples,
        faq: faqByTerm.get(t.term) ?? [],
      };
    });
  return {
    terms,
    candidates,
    newDefinitions: mined.definitions
      .filter((d) => d.status !== 'glossary')
      .map((d) => ({ ...d, file: ref(d, opts).file, text: redact(d.text), quality: definitionQuality(d, rules.quality).score })),
    newEn: mined.en.filter((s) => s.status !== 'glossary').map((s) => ({ ...s, file: ref(s, opts).file })),
  };
}

function compareKeys(a: [number, number, string, number], b: [number, number, string, number]): number {
  return a[0] - b[0] || a[1] - b[1] || compareStrings(a[2], b[2]) || a[3] - b[3];
}

function cutAround(text: string, at: number, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cp = [...text.slice(0, at)].length;
  let from = Math.max(0, cp - Math.floor(max / 3));
  const to = Math.min(chars.length, from + max);
  from = Math.max(0, to - max);
  return `${from > 0 ? '…' : ''}${chars.slice(from, to).join('').trim()}${to < chars.length ? '…' : ''}`;
}
