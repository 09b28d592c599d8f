/**
 * The glossary outputs: `glossary.md` (every curated term, sorted by pinyin, with how
 * often the chat uses it, what people said it means, and the FAQ entries about it),
 * `glossary.json` (the same for other tools) and `glossary-candidates.md` (terms the
 * chat uses that the glossary lacks, and English equivalents the chat suggests, for
 * editors to move into glossary/payments.yaml).
 *
 * Markdown is built as mdast and printed by remark-stringify, so chat text is escaped
 * (`#`, `*`, `[x](y)`, `<b>` stay literal) and never turns into markup. Output is
 * deterministic: everything is sorted, nothing reads the clock.
 */
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { u } from 'unist-builder';
import type { TermMatcher } from '../analyze/terms.js';
import { variantMap, type Glossary, type GlossaryTerm } from '../glossary/curated.js';
import { mineDefinitions, type EnSuggestion, type MinedDefinition, type Source } from '../glossary/definitions.js';
import {
  discoverTerms,
  loadGlossaryRules,
  ownWords,
  stopReason,
  type Candidate,
  type Example,
  type GlossaryRules,
} from '../glossary/discover.js';
import type { Doc } from '../model.js';
import type { ExtraOutput } from '../build.js';
import { termAnchor } from './anchors.js';

// ── the producer contract (shared with `chatkb build`) ──────────────────────────────

/**
 * One FAQ entry as the build lists it (src/kb/plan.ts `FaqIndexEntry` fits): tags are
 * glossary terms in any form. Rejected and orphaned entries are not linked.
 */
export interface FaqIndexEntry {
  id: string;
  topic: string;
  /** Relative to the output folder. */
  path: string;
  tags: readonly string[];
  /** Link text: the title, else the question, else the id. */
  title?: string;
  question?: string;
  status?: string;
  action?: string;
}

/** The FAQ index as a list, or as the build's `{ entries }`. */
export type FaqInput = readonly FaqIndexEntry[] | { entries: readonly FaqIndexEntry[] };

export interface OutputFile {
  /** Relative to the output folder. */
  path: string;
  content: string;
}

/** What the glossary outputs need of the pipeline's resources. */
export interface GlossaryResources {
  glossary: Glossary;
  terms: TermMatcher;
}

export type OutputProducer = (docs: readonly Doc[], res: GlossaryResources, faq: FaqInput) => OutputFile[];

export interface GlossaryOutputOptions {
  /** rules/glossary.yaml, compiled; read from the package when not given. */
  rules?: GlossaryRules;
  /** Privacy redaction applied to every quoted chat text (none by default). */
  redact?: (text: string) => string;
  /** How a transcript's path is written in citations (default: as given). */
  sourcePath?: (file: string) => string;
  /** Mined definitions shown per term (default 3). */
  maxDefinitions?: number;
}

// ── anchors and order ───────────────────────────────────────────────────────────────

// The anchor rule is shared with the FAQ writer (tag links), so a link lands on its term.
export { termAnchor };

/**
 * Pinyin order (`zh-u-co-pinyin`). Node 20 ships full ICU, which has it; a Node built
 * with small ICU falls back to the root collation, and code-point order breaks ties so
 * the output is the same wherever the collation is.
 */
const pinyin = new Intl.Collator('zh-u-co-pinyin');

export function byPinyin(a: string, b: string): number {
  return pinyin.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ── the model the outputs share ─────────────────────────────────────────────────────

export interface TermExample {
  kind: 'definition' | 'usage';
  /** The rule that found a definition; null for a usage example. */
  rule: string | null;
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
  anchor: string;
  category: string;
  en: string[];
  aliases: string[];
  definition: string;
  related: string[];
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
  candidates: Candidate[];
  /** Definitions of candidates and of terms neither the glossary nor discovery knows (paths as cited). */
  newDefinitions: MinedDefinition[];
  /** English suggestions for candidates and unknown terms. */
  newEn: EnSuggestion[];
}

function ref(s: SourceRef, opts: GlossaryOutputOptions): SourceRef {
  return { file: (opts.sourcePath ?? ((f) => f))(s.file), line: s.line, time: s.time, date: s.date };
}

/** Build everything the glossary outputs show. Pure given the rules. */
export function buildGlossaryModel(
  docs: readonly Doc[],
  res: GlossaryResources,
  faq: FaqInput,
  opts: GlossaryOutputOptions & { rules: GlossaryRules },
): GlossaryModel {
  const { rules } = opts;
  const redact = opts.redact ?? ((s: string) => s);
  const sorted = [...docs].sort((a, b) => byCodePoint(a.transcript.file, b.transcript.file));
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
              text: redact(cutAround(text, match.start, rules.discovery.exampleLength * 2)),
              source: ref({ file: d.transcript.file, line: m.line, time: m.time, date: d.transcript.date }, opts),
            },
          };
        }
      }
    });
  });

  const faqByTerm = new Map<string, { id: string; title: string; path: string }[]>();
  const entries: readonly FaqIndexEntry[] = isFaqList(faq) ? faq : faq.entries;
  const linked = entries.filter((e) => e.status !== 'rejected' && e.status !== 'orphaned' && e.action !== 'orphaned');
  for (const e of [...linked].sort((a, b) => byCodePoint(a.id, b.id))) {
    const terms = new Set(e.tags.map((t) => res.terms.lookup(t)?.term).filter((t): t is string => t !== undefined));
    for (const t of terms) {
      const list = faqByTerm.get(t) ?? [];
      list.push({ id: e.id, title: e.title ?? e.question ?? e.id, path: e.path });
      faqByTerm.set(t, list);
    }
  }

  const maxDefs = opts.maxDefinitions ?? 3;
  const terms = [...res.glossary.terms]
    .sort((a, b) => byPinyin(a.term, b.term))
    .map((t: GlossaryTerm): TermEntry => {
      const use = usage.get(t.term);
      const defs = mined.definitions.filter((d) => d.status === 'glossary' && d.term === t.term);
      // Pattern definitions before answers to "what is X?", each in transcript order.
      const shown = [...defs.filter((d) => d.via === 'pattern'), ...defs.filter((d) => d.via === 'answer')].slice(0, maxDefs);
      const examples: TermExample[] = shown.map((d) => ({ kind: 'definition', rule: d.rule, text: redact(d.text), source: ref(d, opts) }));
      if (use?.best) examples.push(use.best.ex);
      const suggestions = mined.en
        .filter((s) => s.status === 'glossary' && s.term === t.term)
        .map((s) => ({ en: s.en, rule: s.rule, source: ref(s, opts) }));
      return {
        term: t.term,
        anchor: termAnchor(t.term),
        category: t.category,
        en: [...t.en],
        aliases: [...t.aliases],
        definition: t.definition,
        related: [...t.related],
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
      .map((d) => ({ ...d, file: ref(d, opts).file, text: redact(d.text) })),
    newEn: mined.en.filter((s) => s.status !== 'glossary').map((s) => ({ ...s, file: ref(s, opts).file })),
  };
}

function isFaqList(faq: FaqInput): faq is readonly FaqIndexEntry[] {
  return Array.isArray(faq);
}

function compareKeys(a: [number, number, string, number], b: [number, number, string, number]): number {
  return a[0] - b[0] || a[1] - b[1] || byCodePoint(a[2], b[2]) || a[3] - b[3];
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

// ── Markdown ────────────────────────────────────────────────────────────────────────

function toMarkdown(children: RootContent[]): string {
  const tree: Root = u('root', children);
  return String(unified().use(remarkStringify, { bullet: '-', listItemIndent: 'one', rule: '-' }).use(remarkGfm).stringify(tree));
}

const text = (value: string): PhrasingContent => u('text', value);
const strong = (value: string): PhrasingContent => u('strong', [text(value)]);
const para = (children: PhrasingContent[]): Paragraph => u('paragraph', children);
const list = (items: PhrasingContent[][]): List =>
  u('list', { ordered: false, spread: false }, items.map((c): ListItem => u('listItem', { spread: false }, [para(c)])));

function cite(s: SourceRef): string {
  const when = [s.date, s.time].filter((x) => x).join(' ');
  return `${s.file}:${s.line}${when ? `, ${when}` : ''}`;
}

/** `“text” — file:line, date time (rule)` */
function quoted(body: string, s: SourceRef, rule: string | null): PhrasingContent[] {
  return [text(`“${body}” — ${cite(s)}${rule ? ` (${rule})` : ''}`)];
}

/** Label: a, b, c — a run of phrasing content for the facts line. */
function facts(pairs: [string, string][]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  pairs.forEach(([label, value], i) => {
    if (i > 0) out.push(text(' · '));
    out.push(strong(`${label}:`), text(` ${value}`));
  });
  return out;
}

function times(n: number, docs: number): string {
  if (n === 0) return 'not used in these transcripts';
  return `${n} ${n === 1 ? 'time' : 'times'} in ${docs} ${docs === 1 ? 'transcript' : 'transcripts'}`;
}

export function glossaryMarkdown(model: GlossaryModel): string {
  const used = model.terms.filter((t) => t.occurrences > 0).length;
  const out: RootContent[] = [
    u('heading', { depth: 1 }, [text('Glossary')]) as Heading,
    para([
      text(
        `${model.terms.length} terms from glossary/payments.yaml in pinyin order, ${used} of them used in the transcripts. ` +
          'Generated by chatkb: edit glossary/payments.yaml, not this file. Quotes from the chat cite file:line.',
      ),
    ]),
  ];
  const anchors = new Map<string, number>();
  for (const t of model.terms) {
    // Two terms with the same anchor (T+1 and T1) get -1, -2 … as GitHub numbers headings.
    const n = anchors.get(t.anchor) ?? 0;
    anchors.set(t.anchor, n + 1);
    const anchor = n === 0 ? t.anchor : `${t.anchor}-${n}`;
    out.push(u('heading', { depth: 2 }, [u('html', `<a id="${anchor}"></a>`), text(t.term)]) as Heading);
    const line: [string, string][] = [];
    if (t.en.length) line.push(['English', t.en.join(', ')]);
    if (t.aliases.length) line.push(['Aliases', t.aliases.join(', ')]);
    line.push(['Category', t.category], ['Used', times(t.occurrences, t.documents)]);
    out.push(para(facts(line)));
    out.push(para([text(t.definition)]));
    if (t.enSuggestions.length) {
      out.push(para([strong('English in the chat:')]));
      out.push(list(t.enSuggestions.map((s) => [text(`${s.en} — ${cite(s.source)} (${s.rule})`)])));
    }
    if (t.examples.length) {
      out.push(para([strong('From the chat:')]));
      out.push(list(t.examples.map((e) => quoted(e.text, e.source, e.rule))));
    }
    if (t.faq.length) {
      out.push(para([strong('FAQ:')]));
      out.push(list(t.faq.map((f) => [u('link', { url: f.path }, [text(f.title)])])));
    }
    if (t.related.length) {
      const links: PhrasingContent[] = [strong('Related:'), text(' ')];
      [...t.related].sort(byPinyin).forEach((r, i) => {
        if (i > 0) links.push(text(', '));
        links.push(u('link', { url: `#${termAnchor(r)}` }, [text(r)]));
      });
      out.push(para(links));
    }
  }
  return toMarkdown(out);
}

export function candidatesMarkdown(model: GlossaryModel): string {
  const out: RootContent[] = [
    u('heading', { depth: 1 }, [text('Glossary candidates')]) as Heading,
    para([
      text(
        'Terms the transcripts use that glossary/payments.yaml lacks, found by chatkb from the chat itself. ' +
          'To accept one, add it to glossary/payments.yaml with a definition in your own words; to silence one, ' +
          'add it to stopWords in rules/glossary.yaml. Generated: edit neither this file nor its order.',
      ),
    ]),
  ];
  const definedBy = new Map<string, MinedDefinition[]>();
  for (const d of model.newDefinitions) definedBy.set(d.term, [...(definedBy.get(d.term) ?? []), d]);
  const section = (title: string, explain: string, cs: Candidate[]) => {
    out.push(u('heading', { depth: 2 }, [text(title)]) as Heading, para([text(explain)]));
    if (cs.length === 0) out.push(para([text('None.')]));
    cs.forEach((c, i) => {
      out.push(u('heading', { depth: 3 }, [text(`${i + 1}. ${c.term}`)]) as Heading);
      const stats = Object.entries(c.stats).map(([k, v]) => `${k} ${v}`).join(', ');
      out.push(para(facts([['Score', String(c.score)], ['Used', times(c.occurrences, c.documents)], ['Measures', stats]])));
      const defs = definedBy.get(c.term) ?? [];
      const items = [
        ...defs.map((d) => quoted(d.text, ref(d, {}), d.rule)),
        ...c.examples.map((e) => quoted(e.text, e, null)),
      ];
      if (items.length) out.push(list(items));
    });
  };
  section(
    'Chinese',
    'Found by statistics over the text: frequency, cohesion (lowest PMI over the splits), freedom (branching entropy), ' +
      'specificity against general Chinese, and the share of messages that also use glossary terms.',
    model.candidates.filter((c) => c.lang === 'zh'),
  );
  section(
    'English',
    'Noun phrases in mostly-English sentences, scored by TF-IDF over transcripts.',
    model.candidates.filter((c) => c.lang === 'en'),
  );
  const known = new Set(model.candidates.map((c) => c.term));
  const explained = [...definedBy].filter(([term]) => !known.has(term)).sort((a, b) => byPinyin(a[0], b[0]));
  out.push(
    u('heading', { depth: 2 }, [text('Explained in the chat')]) as Heading,
    para([text('Terms someone explained that neither the glossary nor the statistics above know.')]),
  );
  if (explained.length === 0) out.push(para([text('None.')]));
  for (const [term, defs] of explained) {
    out.push(u('heading', { depth: 3 }, [text(term)]) as Heading);
    out.push(list(defs.map((d) => quoted(d.text, ref(d, {}), d.rule))));
  }
  out.push(
    u('heading', { depth: 2 }, [text('English suggested by the chat')]) as Heading,
    para([text('English equivalents people gave for terms outside the glossary (suggestions for glossary terms are in glossary.md).')]),
  );
  if (model.newEn.length === 0) out.push(para([text('None.')]));
  else out.push(list(model.newEn.map((s) => [text(`${s.term} → ${s.en} — ${cite(ref(s, {}))} (${s.rule})`)])));
  return toMarkdown(out);
}

// ── JSON ────────────────────────────────────────────────────────────────────────────

export function glossaryJson(model: GlossaryModel): string {
  const src = (s: SourceRef) => ({ file: s.file, line: s.line, time: s.time, date: s.date });
  const doc = {
    version: 1,
    terms: model.terms.map((t) => ({
      term: t.term,
      anchor: t.anchor,
      category: t.category,
      en: t.en,
      aliases: t.aliases,
      definition: t.definition,
      related: t.related,
      occurrences: t.occurrences,
      documents: t.documents,
      enSuggestions: t.enSuggestions.map((s) => ({ en: s.en, rule: s.rule, source: src(s.source) })),
      examples: t.examples.map((e) => ({ kind: e.kind, rule: e.rule, text: e.text, source: src(e.source) })),
      faq: t.faq.map((f) => f.id),
    })),
    candidates: model.candidates.map((c) => ({
      term: c.term,
      lang: c.lang,
      score: c.score,
      occurrences: c.occurrences,
      documents: c.documents,
      stats: Object.fromEntries(Object.entries(c.stats).sort(([a], [b]) => byCodePoint(a, b))),
      examples: c.examples.map((e) => ({ text: e.text, source: src(e) })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ── producers ───────────────────────────────────────────────────────────────────────

/**
 * The producer for `chatkb build`: glossary.md, glossary.json and glossary-candidates.md
 * from one model (discovery and mining run once).
 */
export function glossaryOutputs(opts: GlossaryOutputOptions = {}): OutputProducer {
  return (docs, res, faq) => {
    const rules = opts.rules ?? loadGlossaryRules();
    const model = buildGlossaryModel(docs, res, faq, { ...opts, rules });
    const file = (path: string, content: string): OutputFile => ({ path, content });
    return [
      file('glossary.md', glossaryMarkdown(model)),
      file('glossary.json', glossaryJson(model)),
      file('glossary-candidates.md', candidatesMarkdown(model)),
    ];
  };
}

/**
 * The producer with the package's rules/glossary.yaml and no extra redaction: `chatkb
 * build` hands producers docs it has already made private (src/redact/doc.ts).
 */
export const glossaryProducer = glossaryOutputs() satisfies ExtraOutput;
