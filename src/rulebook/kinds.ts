/**
 * The kinds of rule the engine knows, each with how its examples are judged: what a
 * case is (a text, a display name, a small chat) and what "fires" means for it. A rule
 * file says what a rule matches and weighs; its kind, from where it stands in the file
 * (src/rulebook/registry.ts), says how the engine uses it.
 */
import { pickTopic } from '../assemble/topics.js';
import type { GlossaryRules } from '../glossary/rules.js';
import type { Doc } from '../model.js';
import { classifyKind, ruleMatches } from '../normalize/kinds.js';
import { parseSpeaker } from '../normalize/speakers.js';
import { runPipeline } from '../pipeline.js';
import { redactText } from '../redact/redact.js';
import type { RedactRule } from '../redact/rules.js';
import type { Resources } from '../resources.js';
import { compileCue, cueRuleSchema, fireCues, type CueRule } from '../rules/cues.js';
import { asTextCase, isChatCase, isDisplayCase, type ChatCase, type ExampleCase } from '../rules/examples.js';
import { chatTranscript } from './chat.js';
import type { KindName, RuleEntry } from './registry.js';
import { rulesCitedAt } from './trace.js';

/** Everything the examples are judged with: the rule files under test, compiled. */
export interface TestContext {
  res: Resources;
  redact: readonly RedactRule[];
  glossary: GlossaryRules;
}

export interface Verdict {
  fired: boolean;
  /** For a case that fired: an expectation of the case that did not hold. */
  mismatch?: string;
  /** What happened instead, when it helps (the rule that took a text first, the profile read). */
  got?: string;
}

export type { KindName };

export interface RuleKind {
  name: KindName;
  description: string;
  /** What a case of this kind is. */
  reads: 'text' | 'chat' | 'display';
  judge(rule: RuleEntry, c: ExampleCase, ctx: TestContext): Verdict;
}

function textOf(c: ExampleCase): { text: string; speaker?: string; term?: string; en?: string } {
  const t = asTextCase(c);
  if (!t) throw new Error('this kind of rule takes a text (or `{ text }`) as an example');
  return t;
}

const compiledCues = new WeakMap<RuleEntry, CueRule>();
function cueOf(rule: RuleEntry): CueRule {
  let c = compiledCues.get(rule);
  if (!c) compiledCues.set(rule, (c = compileCue(cueRuleSchema.parse(rule.spec))));
  return c;
}

function byId<T extends { id: string }>(list: readonly T[] | undefined, rule: RuleEntry): T {
  const found = list?.find((r) => r.id === rule.id);
  if (!found) throw new Error(`${rule.id} is not among the compiled rules of its section`);
  return found;
}

/** Run a chat example through the real pipeline and judge the rule on its `at` message. */
function judgeChat(rule: RuleEntry, c: ExampleCase, ctx: TestContext): Verdict {
  if (!isChatCase(c)) throw new Error('this kind of rule weighs messages in context: its examples are `{ chat: [...] }`');
  const doc = runPipeline(chatTranscript(c, `${rule.file}:${rule.line}`), ctx.res);
  const at = (c.at ?? c.chat.length) - 1;
  const cited = rulesCitedAt(doc, at, ctx.res);
  const fired = cited.has(rule.id);
  const got = [...cited].sort().join(', ') || 'no rule';
  if (!fired) return { fired, got };
  const mismatch = expectations(c, doc, at, rule.id);
  return mismatch ? { fired, mismatch, got } : { fired };
}

function expectations(c: ChatCase, doc: Doc, at: number, id: string): string | undefined {
  const msgs = doc.transcript.messages;
  const line = (mid: string) => doc.index.get(mid)! + 1;
  const link = doc.links.find((l) => l.from === msgs[at]!.id);
  if (c.link !== undefined && (link ? line(link.to) : null) !== c.link) return `links to ${link ? line(link.to) : 'nothing'}, not ${c.link}`;
  if (c.answers !== undefined) {
    const x = doc.exchanges.find((e) => e.answers.includes(msgs[at]!.id));
    if ((x ? line(x.question[0]!) : null) !== c.answers) return `answers ${x ? `the question at ${line(x.question[0]!)}` : 'no question'}, not ${c.answers}`;
  }
  if (c.question !== undefined && doc.analyses[at]!.question !== c.question) return `is ${c.question ? 'not ' : ''}a question`;
  if (c.score !== undefined) {
    const inLink = link && (link.rule === id || link.because.some((h) => h.rule === id));
    const score = inLink ? link.score : doc.exchanges.find((e) => e.question.includes(msgs[at]!.id))?.score;
    const [lo, hi] = c.score;
    if (score === undefined || score < lo - 1e-9 || score > hi + 1e-9) return `scores ${score ?? 'nothing'}, not in [${lo}, ${hi}]`;
  }
  return undefined;
}

/** A definition-like pattern: fires when it matches, capturing the case's `term` and `en` when given. */
function judgePattern(pick: (g: GlossaryRules['definitions']) => readonly { id: string; all: RegExp; regex: RegExp }[]) {
  return (rule: RuleEntry, c: ExampleCase, ctx: TestContext): Verdict => {
    const r = byId(pick(ctx.glossary.definitions), rule);
    const t = textOf(c);
    const hits = [...t.text.matchAll(r.all)];
    if (hits.length === 0) return { fired: false };
    const hit = hits.find((h) => t.term === undefined || h.groups?.['term'] === t.term);
    if (!hit) return { fired: true, mismatch: `captures ${hits.map((h) => h.groups?.['term'] ?? '?').join(', ')}, not ${t.term}` };
    if (t.en !== undefined && hit.groups?.['en'] !== t.en) return { fired: true, mismatch: `captures en ${hit.groups?.['en'] ?? 'nothing'}, not ${t.en}` };
    return { fired: true };
  };
}

export const KINDS: Record<KindName, RuleKind> = {
  cue: {
    name: 'cue',
    description: 'a pattern or a word list that fires on a message text and adds its weight',
    reads: 'text',
    judge: (rule, c) => ({ fired: fireCues([cueOf(rule)], textOf(c).text).length > 0 }),
  },
  feature: {
    name: 'feature',
    description: 'a weighted feature of a message in its context (a link, an answer, an exchange); cited in `because`',
    reads: 'chat',
    judge: judgeChat,
  },
  link: {
    name: 'link',
    description: 'makes a reply link; its `role` says whether the link answers (see rules/linking.yaml)',
    reads: 'chat',
    judge: judgeChat,
  },
  detector: {
    name: 'detector',
    description: 'finds a structure over several messages (a talk, a duplicate, a follow-up, a name without @)',
    reads: 'chat',
    judge: judgeChat,
  },
  kind: {
    name: 'kind',
    description: "sets a message's kind; the first rule of the file that matches wins",
    reads: 'text',
    judge: (rule, c, ctx) => {
      const t = textOf(c);
      const speaker = t.speaker ?? '林小雨-某某支付-产品-杭州';
      const took = classifyKind(t.text, speaker, ctx.res.normalize.kinds);
      if (took.rule === rule.id) return { fired: true };
      // A quiet case must not match the rule at all; a firing one must be taken by it.
      const matches = ruleMatches(byId(ctx.res.normalize.kinds, rule), t.text, speaker);
      return { fired: matches, ...(matches ? { mismatch: `taken first by ${took.rule}` } : {}), got: took.rule ?? 'text' };
    },
  },
  parser: {
    name: 'parser',
    description: 'reads a display name into name, organisation, role and city',
    reads: 'display',
    judge: (_rule, c, ctx) => {
      if (!isDisplayCase(c)) throw new Error('a speaker rule takes `{ display, profile }` examples');
      const p = parseSpeaker(c.display, ctx.res.normalize.speakers);
      const got = JSON.stringify({ name: p.name, org: p.org, role: p.role, city: p.city });
      const fired = p.org !== null || p.role !== null || p.city !== null;
      if (!fired || !c.profile) return { fired, got };
      const wrong = (Object.keys(c.profile) as (keyof typeof c.profile)[]).filter((k) => (c.profile![k] ?? null) !== p[k]);
      return wrong.length ? { fired, mismatch: `reads ${wrong.map((k) => `${k} ${p[k]}`).join(', ')}`, got } : { fired };
    },
  },
  address: {
    name: 'address',
    description: 'finds a name written without @ (IRC `nick: text`)',
    reads: 'text',
    judge: (rule, c, ctx) => {
      const form = byId(ctx.res.normalize.addressing?.forms, rule);
      return { fired: [...textOf(c).text.matchAll(form.regex)].some((h) => h.groups?.['nick']) };
    },
  },
  redact: {
    name: 'redact',
    description: 'replaces personal data in every output',
    reads: 'text',
    judge: (rule, c, ctx) => ({ fired: redactText(textOf(c).text, [byId(ctx.redact, rule)]).rules.length > 0 }),
  },
  topic: {
    name: 'topic',
    description: "an FAQ topic: the exchange goes to the topic whose words it uses most",
    reads: 'text',
    judge: (rule, c, ctx) => {
      const got = pickTopic(ctx.res.topics, textOf(c).text, '');
      return { fired: got === rule.id, got: got ?? ctx.res.topics.fallback };
    },
  },
  stop: {
    name: 'stop',
    description: 'a string term discovery never proposes',
    reads: 'text',
    judge: (rule, c, ctx) => ({ fired: byId(ctx.glossary.stopPatterns, rule).regex.test(textOf(c).text) }),
  },
  definition: {
    name: 'definition',
    description: 'finds a definition of a term in chat (X 是指 …)',
    reads: 'text',
    judge: judgePattern((g) => g.definitions),
  },
  'term-question': {
    name: 'term-question',
    description: 'finds a question about a term (什么是 X)',
    reads: 'text',
    judge: judgePattern((g) => g.termQuestions),
  },
  bilingual: {
    name: 'bilingual',
    description: 'finds a term with its English in chat (轧差（netting）)',
    reads: 'text',
    judge: judgePattern((g) => g.bilingual),
  },
  quality: {
    name: 'quality',
    description: 'raises or lowers the quality of a mined definition (a hedge, a joke)',
    reads: 'text',
    judge: (rule, c, ctx) => ({ fired: byId(ctx.glossary.quality.signals, rule).regex.test(textOf(c).text) }),
  },
};
