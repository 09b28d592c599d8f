/**
 * Definitions from chat: the places where someone explains a term ("内部户就是…",
 * "所谓二清，就是…", "X 指的是…"), and English equivalents people give ("轧差（netting）",
 * or "inflow / outflow" answering "入账、出账英文怎么说？"). Each is kept with its source
 * (file, line, time) so the glossary can cite it.
 *
 * Three kinds of rule in rules/glossary.yaml drive it:
 *   definitions    a sentence pattern with a `term` group (or `termFrom: question`: the
 *                  term is the one the question being answered asked about);
 *   termQuestions  a question asking what a term means; the answers to it (from the
 *                  exchange and the reply graph) are definitions of that term, and when
 *                  the question asks for English (`english: true`) the English words in
 *                  the answers become `en` suggestions for the question's terms;
 *   bilingual      a term written next to its English (`term` and `en` groups).
 *
 * A captured term counts when it is a glossary form as a whole, or a discovered
 * candidate; rules marked `unknown: true` (strong wording such as 所谓 or 指的是) and
 * term questions may also name a term that neither knows, if no stop rule rejects it.
 */
import { compareStrings } from '../text/order.js';
import { z } from 'zod';
import { askingText } from '../text/chat.js';
import type { TermMatcher } from './matcher.js';
import type { Doc, Message } from '../model.js';
import { compile, ruleBase } from '../rules/schema.js';

// ── rules ───────────────────────────────────────────────────────────────────────────

const patternFields = {
  ...ruleBase,
  /** A regular expression; `{NAME}` inserts the macro NAME. Checked after expansion. */
  pattern: z.string().min(1),
};

const definitionRuleSchema = z
  .object({
    ...patternFields,
    /** The term may be one neither the glossary nor discovery knows. */
    unknown: z.boolean().default(false),
    /** `capture`: the `term` group; `question`: the `term` group if it names a known term, else the term the answered question is about. */
    termFrom: z.enum(['capture', 'question']).default('capture'),
  })
  .strict();

const termQuestionRuleSchema = z.object({ ...patternFields, english: z.boolean().default(false) }).strict();

const bilingualRuleSchema = z.object(patternFields).strict();

/** The sections of rules/glossary.yaml this module reads (the file schema is in discover.ts). */
export const definitionSectionsSchema = z.object({
  macros: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a macro name is upper-case, e.g. TERM'), z.string().min(1)).default({}),
  definitions: z.array(definitionRuleSchema).default([]),
  termQuestions: z.array(termQuestionRuleSchema).default([]),
  bilingual: z.array(bilingualRuleSchema).default([]),
});

type Sections = z.infer<typeof definitionSectionsSchema>;

/** Replace `{NAME}` by its macro; throws on an unknown name. */
export function expandMacros(pattern: string, macros: Readonly<Record<string, string>>): string {
  return pattern.replace(/\{([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => {
    const m = macros[name];
    if (m === undefined) throw new Error(`unknown macro {${name}}`);
    return m;
  });
}

/**
 * Zod refinement for the whole file: every pattern must expand and compile, and have the
 * groups its kind needs. Problems point at the pattern's line and column.
 */
export function checkDefinitionPatterns(f: Sections, ctx: z.RefinementCtx): void {
  const check = (section: 'definitions' | 'termQuestions' | 'bilingual', i: number, pattern: string, groups: string[]) => {
    let re: RegExp;
    try {
      re = compile(expandMacros(pattern, f.macros), 'i');
    } catch (e) {
      // The engine's message repeats the whole expanded pattern; the reason is what helps.
      const why = (e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
      ctx.addIssue({ code: 'custom', message: `not a valid pattern: ${why}`, path: [section, i, 'pattern'] });
      return;
    }
    const has = new Set(groupNames(re));
    for (const g of groups) {
      if (!has.has(g)) ctx.addIssue({ code: 'custom', message: `the pattern needs a (?<${g}>…) group`, path: [section, i, 'pattern'] });
    }
  };
  f.definitions.forEach((r, i) => check('definitions', i, r.pattern, r.termFrom === 'capture' ? ['term'] : []));
  f.termQuestions.forEach((r, i) => check('termQuestions', i, r.pattern, r.english ? [] : ['term']));
  f.bilingual.forEach((r, i) => check('bilingual', i, r.pattern, ['term', 'en']));
}

function groupNames(re: RegExp): string[] {
  return [...re.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
}

export interface PatternRule {
  id: string;
  description: string;
  regex: RegExp;
  /** The same pattern with the `g` flag, for every match in a sentence. */
  all: RegExp;
}

export interface DefinitionRule extends PatternRule {
  unknown: boolean;
  termFrom: 'capture' | 'question';
}

export interface TermQuestionRule extends PatternRule {
  english: boolean;
}

export interface DefinitionRules {
  definitions: DefinitionRule[];
  termQuestions: TermQuestionRule[];
  bilingual: PatternRule[];
}

function compileRule(r: z.infer<typeof bilingualRuleSchema>, macros: Record<string, string>): PatternRule {
  const source = expandMacros(r.pattern, macros);
  return {
    id: r.id,
    description: r.description,
    regex: compile(source, 'i'),
    all: compile(source, 'gi'),
  };
}

export function compileDefinitionRules(f: Sections): DefinitionRules {
  return {
    definitions: f.definitions.map((r) => ({ ...compileRule(r, f.macros), unknown: r.unknown, termFrom: r.termFrom })),
    termQuestions: f.termQuestions.map((r) => ({ ...compileRule(r, f.macros), english: r.english })),
    bilingual: f.bilingual.map((r) => compileRule(r, f.macros)),
  };
}

// ── mining ──────────────────────────────────────────────────────────────────────────

export interface Citation {
  file: string;
  line: number;
  /** `HH:MM:SS` as written. */
  time: string;
  /** `YYYY-MM-DD` of the transcript, or null. */
  date: string | null;
  messageId: string;
}

/** Where a term comes from: the curated glossary, discovery, or only this sentence. */
export type TermStatus = 'glossary' | 'candidate' | 'new';

export interface MinedDefinition extends Citation {
  /** The canonical glossary term, or the term as written when the glossary lacks it. */
  term: string;
  /** The term as the message wrote it. */
  form: string;
  status: TermStatus;
  /** The definition or term-question rule that found it. */
  rule: string;
  /** `pattern`: the sentence explains the term; `answer`: it answers a question about it. */
  via: 'pattern' | 'answer';
  /** The explaining sentence (or the answer), cut to `maxLength`. */
  text: string;
}

export interface EnSuggestion extends Citation {
  term: string;
  status: TermStatus;
  en: string;
  rule: string;
}

export interface Mined {
  definitions: MinedDefinition[];
  en: EnSuggestion[];
}

export interface MineContext {
  matcher: TermMatcher;
  /** Discovered candidate terms: a captured term that is one of them counts as known. */
  candidates?: Iterable<string>;
  /** Rejects a captured string that is no term (stop words, pronouns, numbers). */
  isStop?: (s: string) => boolean;
  /** Message kinds to leave out (besides messages the analysis skipped). */
  skipKinds?: Iterable<string>;
  /** Longest quoted text; longer sentences are cut around the term. Default 160. */
  maxLength?: number;
}

interface Resolved {
  term: string;
  form: string;
  status: TermStatus;
}

/** What a captured string names: a whole glossary form, a candidate, or (if allowed) itself. */
export function resolveTerm(written: string, ctx: MineContext, candidates: ReadonlySet<string>, allowNew: boolean): Resolved | null {
  const form = written.trim();
  if (form === '') return null;
  const matches = ctx.matcher.find(form);
  const only = matches.length === 1 ? matches[0]! : undefined;
  if (only && only.start === 0 && only.end === form.length) return { term: only.term, form, status: 'glossary' };
  if (candidates.has(form)) return { term: form, form, status: 'candidate' };
  if (!allowNew) return null;
  const symbols = form.match(/[A-Za-z0-9]+|\p{Script=Han}/gu) ?? [];
  if (symbols.length < 2 || symbols.length > 10) return null;
  if (ctx.isStop?.(form)) return null;
  return { term: form, form, status: 'new' };
}

// Sentences end at Chinese or English end punctuation (English only before a space).
const SENTENCE_END = /(?<=[。！？!?；;])|(?<=[.])\s+/u;
// A question or a check ("…是吧", "…还是…的", "什么意思") explains nothing.
const QUESTION_LIKE = /(?:[?？]|[吗么嘛吧]|(?<![是的])呢)[\s\p{P}\p{S}]*$|什么意思|是不是|能不能|还是[^，,。]{1,20}[的呢]?[\s\p{P}]*$/u;

export function sentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function source(d: Doc, m: Message): Citation {
  return { file: d.transcript.file, line: m.line, time: m.time, date: d.transcript.date, messageId: m.id };
}

function cut(text: string, around: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const at = Math.max(0, text.indexOf(around));
  const cpAt = [...text.slice(0, at)].length;
  let from = Math.max(0, cpAt - Math.floor(max / 4));
  const to = Math.min(chars.length, from + max);
  from = Math.max(0, to - max);
  return `${from > 0 ? '…' : ''}${chars.slice(from, to).join('').trim()}${to < chars.length ? '…' : ''}`;
}

/** How many messages after a term question may hold its answer when nothing links one. */
const NEXT_REPLY_WINDOW = 3;

/** Answers to one term question kept as definitions: the first ones say what it is. */
const MAX_ANSWERS = 2;

/** How many messages after a term question its answers may stand. */
const ANSWER_WINDOW = 8;

/** Latin phrases of an answer ("inflow / outflow" → inflow, outflow). */
export function latinPhrases(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,4}/g) ?? []).map((p) => p.trim()).filter((p) => p.replace(/[^A-Za-z]/g, '').length >= 2);
}

/** Find definitions and English equivalents in the docs. Output is sorted and deterministic. */
export function mineDefinitions(docs: readonly Doc[], rules: DefinitionRules, ctx: MineContext): Mined {
  const candidates = new Set(ctx.candidates ?? []);
  const skip = new Set(ctx.skipKinds ?? []);
  const max = ctx.maxLength ?? 160;
  const definitions: MinedDefinition[] = [];
  const en: EnSuggestion[] = [];
  const seenDef = new Set<string>();
  const seenEn = new Set<string>();
  const addDef = (d: MinedDefinition) => {
    const key = `${d.file}\u0000${d.messageId}\u0000${d.term}`;
    if (seenDef.has(key)) return;
    seenDef.add(key);
    definitions.push(d);
  };
  const addEn = (s: EnSuggestion) => {
    const key = `${s.term}\u0000${s.en.toLowerCase()}\u0000${s.file}\u0000${s.messageId}`;
    if (seenEn.has(key)) return;
    // Already a form of that term: nothing to suggest.
    if (ctx.matcher.lookup(s.en)?.term === s.term || ctx.isStop?.(s.en)) return;
    seenEn.add(key);
    en.push(s);
  };

  for (const d of docs) {
    const msgs = d.transcript.messages;
    const index = d.index;
    const usable = (i: number) => !d.analyses[i]?.skip && !skip.has(msgs[i]!.kind);
    const texts = msgs.map((m, i) => (usable(i) ? askingText(m) : ''));

    // Which questions each message answers, and which answers each question has.
    const answersOf = new Map<string, Set<string>>();
    const questionsOf = new Map<string, Set<string>>();
    const relate = (q: string, a: string) => {
      if (q === a) return;
      (answersOf.get(q) ?? answersOf.set(q, new Set()).get(q)!).add(a);
      (questionsOf.get(a) ?? questionsOf.set(a, new Set()).get(a)!).add(q);
    };
    for (const x of d.exchanges) for (const q of x.question) for (const a of x.answers) relate(q, a);
    for (const l of d.links) relate(l.to, l.from);
    const inOrder = (ids: Iterable<string>) => [...ids].filter((id) => index.has(id)).sort((a, b) => index.get(a)! - index.get(b)!);

    /**
     * The answers to a question: what the exchanges and the reply graph say, and the
     * first statement by someone else within the next few messages (a term question is
     * usually answered at once, and the linker may have tied that reply elsewhere).
     */
    const repliesTo = (i: number): string[] => {
      const ids = new Set(answersOf.get(msgs[i]!.id) ?? []);
      for (let k = i + 1; k < msgs.length && k <= i + NEXT_REPLY_WINDOW; k++) {
        const n = msgs[k]!;
        if (!usable(k) || n.speaker === msgs[i]!.speaker || QUESTION_LIKE.test(texts[k]!)) continue;
        ids.add(n.id);
        break;
      }
      return inOrder(ids);
    };

    /** A reply that can explain: someone else's statement of substance, not thanks, not a talk. */
    const isAnswer = (qi: number, ai: number, maxLength: number): boolean => {
      const text = texts[ai]!;
      const len = [...text].length;
      return (
        usable(ai) &&
        msgs[ai]!.speaker !== msgs[qi]!.speaker &&
        !QUESTION_LIKE.test(text) &&
        (d.analyses[ai]?.closureCues.length ?? 0) === 0 &&
        len >= 6 &&
        len <= maxLength &&
        // Words, not a code or a name: some Chinese, or a few English words.
        ((text.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4 || (text.match(/[A-Za-z]+/g)?.length ?? 0) >= 3)
      );
    };

    // Term questions: what each question message asks about.
    const asked = new Map<string, Resolved[]>();
    msgs.forEach((m, i) => {
      const text = texts[i]!;
      if (text === '') return;
      for (const rule of rules.termQuestions) {
        const hit = rule.regex.exec(text);
        if (!hit) continue;
        if (rule.english) {
          // The question's glossary terms, in order; else the term it names.
          const terms: Resolved[] = [];
          for (const t of ctx.matcher.find(text)) if (!terms.some((x) => x.term === t.term)) terms.push({ term: t.term, form: t.form, status: 'glossary' });
          const named = hit.groups?.['term'];
          if (terms.length === 0 && named) {
            const r = resolveTerm(named, ctx, candidates, true);
            if (r) terms.push(r);
          }
          if (terms.length === 0) continue;
          for (const aid of repliesTo(i)) {
            const ai = index.get(aid)!;
            if (!usable(ai)) continue;
            const phrases = latinPhrases(texts[ai]!).filter((p) => !ctx.isStop?.(p));
            const pairs: [Resolved, string][] =
              phrases.length === terms.length ? terms.map((t, k) => [t, phrases[k]!]) : terms.length === 1 ? phrases.map((p) => [terms[0]!, p]) : [];
            for (const [t, p] of pairs) addEn({ ...source(d, msgs[ai]!), term: t.term, status: t.status, en: p, rule: rule.id });
          }
          asked.set(m.id, terms);
        } else {
          const r = resolveTerm(hit.groups?.['term'] ?? '', ctx, candidates, true);
          if (!r) continue;
          // A term neither known nor discovered must be one the group uses, not a word
          // someone happened to ask about once.
          if (r.status === 'new' && texts.filter((t) => t.includes(r.form)).length < 2) continue;
          asked.set(m.id, [r]);
          let taken = 0;
          for (const aid of repliesTo(i)) {
            const ai = index.get(aid)!;
            const text = texts[ai]!;
            // Far from the question, a linked reply is as likely about something else.
            if (taken >= (r.status === 'new' ? 1 : MAX_ANSWERS) || ai - i > ANSWER_WINDOW || !isAnswer(i, ai, max)) continue;
            taken++;
            addDef({ ...source(d, msgs[ai]!), term: r.term, form: r.form, status: r.status, rule: rule.id, via: 'answer', text: cut(text, r.form, max) });
          }
        }
        break;
      }
    });

    /** The term a reply is about: what its question asked, else the question's first term not in the reply. */
    const questionTerm = (mid: string, reply: string): Resolved | null => {
      for (const q of inOrder(questionsOf.get(mid) ?? [])) {
        const a = asked.get(q);
        if (a && a.length === 1) return a[0]!;
        const qi = index.get(q)!;
        const t = ctx.matcher.find(texts[qi]!).find((x) => !reply.includes(x.form));
        if (t) return { term: t.term, form: t.form, status: 'glossary' };
      }
      return null;
    };

    msgs.forEach((m, i) => {
      const text = texts[i]!;
      if (text === '') return;
      for (const sentence of sentences(text)) {
        if (QUESTION_LIKE.test(sentence)) continue;
        for (const rule of rules.definitions) {
          for (const hit of sentence.matchAll(rule.all)) {
            const written = hit.groups?.['term'];
            const r =
              rule.termFrom === 'question'
                ? (written ? resolveTerm(written, ctx, candidates, false) : null) ?? questionTerm(m.id, sentence)
                : resolveTerm(written ?? '', ctx, candidates, rule.unknown);
            if (!r) continue;
            addDef({ ...source(d, m), term: r.term, form: r.form, status: r.status, rule: rule.id, via: 'pattern', text: cut(sentence, r.form, max) });
          }
        }
        for (const rule of rules.bilingual) {
          for (const hit of sentence.matchAll(rule.all)) {
            const g = hit.groups;
            if (!g?.['term'] || !g['en']) continue;
            const r = resolveTerm(g['term'], ctx, candidates, false);
            if (!r) continue;
            addEn({ ...source(d, m), term: r.term, status: r.status, en: g['en'].trim(), rule: rule.id });
          }
        }
      }
    });
  }
  const order = <T extends Citation & { term: string }>(a: T, b: T) =>
    compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.messageId, b.messageId) || compareStrings(a.term, b.term);
  definitions.sort((a, b) => order(a, b) || compareStrings(a.rule, b.rule));
  en.sort((a, b) => order(a, b) || compareStrings(a.en, b.en));
  return { definitions, en };
}

