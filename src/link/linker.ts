/**
 * The reply graph: every message gets at most one parent, the earlier message it replies
 * to. Explicit links (a platform's reply id, a quote-reply, a name: an @mention or an IRC
 * `nick:`) come first; then the answer scorer; otherwise the recent messages are scored as
 * parents and the best one at or above the threshold wins, or the message starts a
 * conversation. Which messages *answer* a
 * question is read off this graph by the assembler.
 *
 * One linker for every format: with no speakers (anonymised logs) the speaker features
 * simply never fire.
 */
import type { Doc, Link, Message, MessageAnalysis, QuestionUnit, RuleHit, Talk } from '../model.js';
import { textGrams } from '../text/chat.js';
import { fireCues, sumWeights } from '../rules/cues.js';
import { ownChars } from '../text/chat.js';
import type { ExplicitRule, LinkRules } from './rules.js';
import { gapSeconds, secondsOf } from '../text/time.js';

/** What the linker reads of the doc: messages and their analyses, units and talks. */
export type LinkInput = Pick<Doc, 'transcript' | 'index' | 'analyses' | 'units' | 'talks' | 'tokens'>;

interface Ctx {
  messages: readonly Message[];
  analyses: readonly MessageAnalysis[];
  seconds: readonly (number | null)[];
  unitOf: Map<string, QuestionUnit>;
  units: readonly QuestionUnit[];
  grams: readonly Set<string>[];
  index: ReadonlyMap<string, number>;
  /** The share of spoken messages that name someone else (see namingShare). */
  namingShare: number;
  /** spoken[i]: how many messages before position i are not noise (a prefix count). */
  spoken: readonly number[];
  /** lastUnit[i]: index in `units` of the last unit starting before position i, or -1. */
  lastUnit: readonly number[];
  /** Each unit's features and text, joined once. */
  unitGrams: Map<QuestionUnit, Set<string>>;
  unitText: Map<QuestionUnit, string>;
  talks: readonly Talk[];
  /** The questions each talk's speaker has answered so far (grows as the linker goes). */
  guestAnswered: Map<Talk, Set<QuestionUnit>>;
  rules: LinkRules;
  /** The answer features with the weights in use. */
  features: AnswerFeature[];
  /** next[i]: the positions of the (up to) three spoken messages after i. */
  next: readonly number[][];
  /** How many answers each unit has so far, as the linker goes, and their overlap features. */
  answers: Map<QuestionUnit, number>;
  threadGrams: Map<QuestionUnit, Set<string>>;
  /** The position of each unit's latest answer (as the linker goes). */
  threadLast: Map<QuestionUnit, number>;
  /** log(messages / messages holding it) of every bigram and word of the day. */
  idf: Map<string, number>;
  /** Content words of each message (two characters or more), from the tokenize stage. */
  tokens: readonly Set<string>[];
  observe?: LinkOptions['observe'];
  assign?: LinkOptions['assign'];
}

/** Hooks for fitting the answer weights: see every decision, or make it. */
export interface LinkOptions {
  /** Called at every message the answer scorer weighs, with its candidates. */
  observe?(i: number, candidates: readonly AnswerCandidate[]): void;
  /** Decide for the scorer (teacher forcing): a unit, null for "answers nothing", undefined to let it decide. */
  assign?(i: number): QuestionUnit | null | undefined;
}

export function linkMessages(doc: LinkInput, rules: LinkRules, opts: LinkOptions = {}): Link[] {
  const { units, talks, analyses, index } = doc;
  const { messages } = doc.transcript;
  const unitOf = new Map<string, QuestionUnit>();
  for (const u of units) for (const id of u.messages) unitOf.set(id, u);
  const seconds = messages.map(secondsOf);
  const ctx: Ctx = {
    messages,
    analyses,
    seconds,
    unitOf,
    units,
    grams: messages.map((m, i) => featureSet(m, analyses[i]!)),
    index,
    namingShare: namingShare(messages, analyses),
    spoken: prefixSpoken(analyses),
    lastUnit: lastUnitIndex(messages.length, units),
    unitGrams: new Map(),
    unitText: new Map(),
    talks,
    guestAnswered: new Map(),
    rules,
    features: answerFeatures(rules),
    next: nextSpoken(analyses, 3),
    answers: new Map(),
    threadGrams: new Map(),
    threadLast: new Map(),
    idf: new Map(),
    tokens: messages.map((_, i) => new Set((doc.tokens[i] ?? []).filter((w) => [...w].length >= 2))),
    ...(opts.observe ? { observe: opts.observe } : {}),
    ...(opts.assign ? { assign: opts.assign } : {}),
  };
  const df = new Map<string, number>();
  for (const g of ctx.grams) for (const x of g) df.set(x, (df.get(x) ?? 0) + 1);
  const spokenCount = ctx.spoken[messages.length]! || 1;
  for (const [x, n] of df) ctx.idf.set(x, Math.log((spokenCount + 1) / n));
  for (const u of units) {
    const positions = u.messages.map((id) => ctx.index.get(id)!);
    ctx.unitGrams.set(u, new Set(positions.flatMap((p) => [...ctx.grams[p]!])));
    ctx.unitText.set(u, positions.map((p) => messages[p]!.text).join('\n'));
  }
  const byPlatformId = new Map<string, number>();
  messages.forEach((m, i) => m.platformId && byPlatformId.set(m.platformId, i));

  const links: Link[] = [];
  const answerOf = new Map<string, QuestionUnit>();
  for (let i = 0; i < messages.length; i++) {
    if (analyses[i]!.skip) continue;
    const unit = unitOf.get(messages[i]!.id);
    // A question split over several messages: the later parts continue the first.
    if (unit && unit.messages[0] !== messages[i]!.id) {
      const head = unit.messages[0]!;
      links.push({ from: messages[i]!.id, to: head, rule: rules.units.id, kind: 'unit', role: rules.units.role, score: 1, because: [{ rule: rules.units.id, weight: 1 }] });
      continue;
    }
    const explicit = explicitLink(ctx, i, byPlatformId);
    const target = explicit && unitOf.get(explicit.to);
    if (explicit && target && target.asker !== messages[i]!.speaker) setAnswer(ctx, answerOf, messages[i]!.id, target);
    const answer = explicit ? null : answerLink(ctx, i, answerOf);
    const answered = answerOf.get(messages[i]!.id);
    const talk = answered && guestTalk(ctx, i);
    if (talk) ctx.guestAnswered.set(talk, (ctx.guestAnswered.get(talk) ?? new Set()).add(answered));
    const link = explicit ?? answer ?? implicitLink(ctx, i);
    if (link) links.push(link);
  }
  return links;
}

function explicitLink(ctx: Ctx, i: number, byPlatformId: Map<string, number>): Link | null {
  const { messages, rules } = ctx;
  const m = messages[i]!;
  const { quote, platform } = rules.explicit;
  const link = (target: number, rule: ExplicitRule, match?: string): Link => ({
    from: m.id,
    to: messages[target]!.id,
    rule: rule.id,
    kind: 'explicit',
    role: rule.role,
    score: rule.score,
    because: [{ rule: rule.id, weight: rule.score, ...(match ? { match } : {}) }],
  });

  if (m.platformReplyId) {
    const target = byPlatformId.get(m.platformReplyId);
    if (target !== undefined && target < i) return link(target, platform);
  }
  if (m.quote?.messageId) {
    const target = ctx.index.get(m.quote.messageId);
    if (target !== undefined && target < i) return link(target, quote, m.quote.speaker);
  }
  return mentionLink(ctx, i, link);
}

/**
 * A message that names someone (an @mention, or an IRC `nick:`) replies to them. When this
 * speaker's message right before named the same person, who has not spoken since, it goes
 * on from that message; else it answers the one of the named person's recent messages that
 * `mentionTarget` picks. A message that names nobody may still answer someone who named
 * its speaker (`addressedLink`).
 */
function mentionLink(ctx: Ctx, i: number, link: (target: number, rule: ExplicitRule, match?: string) => Link): Link | null {
  const { messages, analyses, rules, seconds } = ctx;
  const m = messages[i]!;
  const { mention, mentionReply, mentionAgain } = rules.explicit;
  const mentioned = m.mentions.filter((x) => x.speaker && x.speaker !== m.speaker);
  const now = seconds[i] ?? null;
  if (mentioned.length === 0) return addressedLink(ctx, i, link);
  const addressee = mentioned[0]!;
  const mine = previousBy(messages, analyses, i, m.speaker, mentionAgain.windowMessages);
  if (mine >= 0 && messages[mine]!.mentions.some((x) => x.speaker === addressee.speaker)) {
    const theirs = previousBy(messages, analyses, i, addressee.speaker!, i - mine);
    const gap = gapSeconds(seconds[mine] ?? null, now);
    if (theirs < 0 && (gap === null || gap <= mentionAgain.maxGapSeconds)) return link(mine, mentionAgain, addressee.raw);
  }
  // Whose message: the mentioned person who spoke last.
  let latest = -1;
  let by: (typeof mentioned)[number] | undefined;
  for (let k = i - 1; k >= 0 && latest < 0; k--) {
    if (analyses[k]!.skip) continue;
    by = mentioned.find((x) => x.speaker === messages[k]!.speaker);
    if (by) latest = k;
  }
  if (latest < 0) return null;
  const gap = gapSeconds(seconds[latest] ?? null, now);
  if (gap !== null && gap > mention.windowMinutes * 60) return null;
  const best = mentionTarget(ctx, i, by!.speaker!, latest);
  const chosen = link(best.k, ctx.unitOf.has(messages[best.k]!.id) ? mention : mentionReply, by!.raw);
  return best.because.length ? { ...chosen, because: [...chosen.because, ...best.because] } : chosen;
}

/**
 * Which of the named person's recent messages a reply by name answers: their latest, unless
 * an earlier one fits better — it named this speaker, shares words with the reply, or came
 * after this speaker last spoke (the later ones may be to someone else).
 */
function mentionTarget(ctx: Ctx, i: number, speaker: string, latest: number): { k: number; because: RuleHit[] } {
  const { messages, analyses, seconds, rules } = ctx;
  const t = rules.explicit.mentionTarget;
  const f = t.features;
  const m = messages[i]!;
  const lowest = Math.max(0, latest - t.windowMessages);
  const mine = previousBy(messages, analyses, i, m.speaker, i - lowest);
  let best: { k: number; score: number; because: RuleHit[] } | null = null;
  let rank = 0;
  for (let k = latest; k >= lowest && rank < t.candidates; k--) {
    if (analyses[k]!.skip || messages[k]!.speaker !== speaker) continue;
    const gap = gapSeconds(seconds[k] ?? null, seconds[i] ?? null);
    if (gap !== null && gap > rules.explicit.mention.windowMinutes * 60) break;
    const p = messages[k]!;
    const because: RuleHit[] = [];
    if (rank > 0) because.push({ rule: f.older.id, weight: f.older.weight * rank });
    const namesMe = p.mentions.some((x) => x.speaker === m.speaker);
    if (namesMe) because.push({ rule: f.namesMe.id, weight: f.namesMe.weight });
    else if (p.mentions.some((x) => x.speaker !== null)) because.push({ rule: f.namesOther.id, weight: f.namesOther.weight });
    const shared = sharedWords(ctx.grams[i]!, ctx.grams[k]!);
    if (shared > 0) because.push({ rule: f.shared.id, weight: f.shared.weight * Math.min(f.shared.max, shared) });
    if (mine > k) because.push({ rule: f.answered.id, weight: f.answered.weight });
    const score = sumWeights(because);
    if (!best || score > best.score) best = { k, score, because };
    rank++;
  }
  return best && best.k !== latest ? { k: best.k, because: best.because.map((h) => ({ ...h, weight: Math.round(h.weight * 1000) / 1000 })) } : { k: latest, because: [] };
}

/**
 * A message that names nobody, by someone who was named since they last spoke: it answers
 * the latest message that named them (A says `kim: try this`, kim's next line replies to A).
 * Only in a channel where replies name their addressee (IRC); where they mostly do not
 * (WeChat groups), such a message is as likely to answer an open question, and the answer
 * scorer weighs it first (the implicit `addressedMe` feature still counts the naming).
 */
function addressedLink(ctx: Ctx, i: number, link: (target: number, rule: ExplicitRule, match?: string) => Link): Link | null {
  const { messages, analyses, seconds, rules } = ctx;
  const m = messages[i]!;
  const rule = rules.explicit.addressed;
  if (m.speaker === '' || ctx.namingShare < rule.minNamingShare) return null;
  for (let k = i - 1; k >= 0 && i - k <= rule.windowMessages; k--) {
    if (analyses[k]!.skip) continue;
    const p = messages[k]!;
    if (p.speaker === m.speaker) return null;
    const gap = gapSeconds(seconds[k] ?? null, seconds[i] ?? null);
    if (gap !== null && gap > rule.maxGapSeconds) return null;
    const named = p.mentions.find((x) => x.speaker === m.speaker);
    if (named) return link(k, rule, named.raw);
  }
  return null;
}

/**
 * The share of spoken messages that name someone else: about half on IRC, where replies
 * name their addressee, under a tenth in WeChat groups, where they mostly do not.
 */
function namingShare(messages: readonly Message[], analyses: readonly MessageAnalysis[]): number {
  let spoken = 0;
  let naming = 0;
  messages.forEach((m, i) => {
    if (analyses[i]!.skip || m.speaker === '') return;
    spoken++;
    if (m.mentions.some((x) => x.speaker !== null && x.speaker !== m.speaker)) naming++;
  });
  return spoken ? naming / spoken : 0;
}

/** Position of `speaker`'s latest spoken message among the `limit` before `i`, or -1. */
function previousBy(messages: readonly Message[], analyses: readonly MessageAnalysis[], i: number, speaker: string, limit: number): number {
  if (speaker === '') return -1;
  for (let k = i - 1; k >= 0 && i - k <= limit; k--) {
    if (!analyses[k]!.skip && messages[k]!.speaker === speaker) return k;
  }
  return -1;
}

/** An answer feature as the scorer weighs it: its rule (id, hand-set weight) and the weight in use. */
export interface AnswerFeature {
  id: string;
  weight: number;
}

/**
 * The answer features in the order a link's `because` cites them: the file's features and
 * type matches. A fitted model (rules/fitted.yaml) gives each its weight by id.
 */
export function answerFeatures(rules: LinkRules): AnswerFeature[] {
  const f = rules.answers.features;
  return [
    f.restates,
    f.overlap,
    f.terms,
    f.adjacent,
    f.continues,
    f.speakerRepeats,
    f.addressee,
    f.askedOther,
    f.mentionsOther,
    f.answerCue,
    f.notAnswer,
    f.shared,
    ...rules.typeMatches,
    f.gap,
    f.distance,
    f.guest,
    f.guestAnswered,
    f.thread,
    f.answeredBefore,
    f.latest,
    f.newer,
    f.askerReacts,
    f.askerSpoke,
    f.length,
    f.isQuestion,
    f.hasTerms,
    f.answersSoFar,
    f.tokenOverlap,
    f.threadOverlap,
    f.questionStrength,
    f.askerAnswering,
    f.threadGap,
    f.threadDistance,
    f.weightedOverlap,
  ].map((r) => ({ id: r.id, weight: r.weight }));
}

/** A candidate question of a message, with the values of the answer features for it. */
export interface AnswerCandidate {
  unit: QuestionUnit;
  /** Aligned with `answerFeatures(rules)`. */
  values: number[];
  /** The text a feature matched, where it matched one (cited in `because`). */
  matches: (string | undefined)[];
}

/** The open question units message `i` may answer, each with its feature values. */
function answerCandidates(ctx: Ctx, i: number, answerOf: Map<string, QuestionUnit>): AnswerCandidate[] {
  const { messages, analyses, seconds, units, rules } = ctx;
  const spec = rules.answers;
  const f = spec.features;
  const m = messages[i]!;
  const a = analyses[i]!;
  // The previous message that was spoken (not noise), and whether it was this speaker's.
  let prev = i - 1;
  while (prev >= 0 && analyses[prev]!.skip) prev--;
  const prevIsMine = prev >= 0 && m.speaker !== '' && messages[prev]!.speaker === m.speaker;
  const notAnswer = fireCues(rules.notAnswer, m.text).length > 0;
  // The talk whose speaker this is, if they are still answering questions put to it.
  const talk = guestTalk(ctx, i);
  const guestAnswered = (talk && ctx.guestAnswered.get(talk)) || new Set<QuestionUnit>();
  const out: AnswerCandidate[] = [];
  for (let k = ctx.lastUnit[i]!; k >= 0; k--) {
    const u = units[k]!;
    if (u.end >= i) continue;
    if (u.asker === m.speaker && m.speaker !== '') continue;
    const gap = gapSeconds(u.endSeconds, seconds[i] ?? null);
    if (gap !== null && gap > spec.windowMinutes * 60) break;
    const between = ctx.spoken[i]! - ctx.spoken[u.end + 1]!;
    if (between > spec.windowMessages) continue;
    const qGrams = ctx.unitGrams.get(u)!;
    const { shared, terms } = overlap(ctx.grams[i]!, qGrams);
    const continues = prevIsMine && answerOf.get(messages[prev]!.id) === u;
    const askedMe = u.messages.some((id) => messages[ctx.index.get(id)!]!.mentions.some((x) => x.speaker === m.speaker && m.speaker !== ''));
    const askedOther = !askedMe && u.messages.some((id) => messages[ctx.index.get(id)!]!.mentions.some((x) => x.speaker !== null && x.speaker !== u.asker));
    const qText = ctx.unitText.get(u)!;
    const guest = talk !== undefined && u.start > talk.start && u.asker !== talk.guest;
    const values = [
      containment(qGrams, ctx.grams[i]!) >= f.restates.minContainment ? 1 : 0,
      shared,
      Math.min(3, terms),
      between === 0 ? 1 : 0,
      continues ? 1 : 0,
      prevIsMine && !continues ? 1 : 0,
      askedMe ? 1 : 0,
      askedOther ? 1 : 0,
      m.mentions.some((x) => x.speaker !== null && x.speaker !== u.asker) ? 1 : 0,
      a.answerCues.length > 0 ? 1 : 0,
      notAnswer ? 1 : 0,
      f.shared.kinds.includes(m.kind) ? 1 : 0,
      ...rules.typeMatches.map((t) => (t.question.test(qText) && t.answer.test(m.text) ? 1 : 0)),
      gap === null ? 0 : Math.log1p(gap / 60),
      between,
      guest ? 1 : 0,
      guest && !continues && guestAnswered.has(u) ? 1 : 0,
      prev >= 0 && !prevIsMine && messages[prev]!.speaker !== u.asker && answerOf.get(messages[prev]!.id) === u ? 1 : 0,
      !continues && answeredBy(ctx, u, m.speaker, i, answerOf) ? 1 : 0,
      out.length === 0 ? 1 : 0,
      Math.min(5, out.length),
      ctx.next[i]!.some((j) => messages[j]!.speaker === u.asker) ? 1 : 0,
      askerSpoke(ctx, u, i) ? 1 : 0,
      Math.log1p(ownChars(m)),
      a.question ? 1 : 0,
      Math.min(3, a.terms.length),
      Math.min(3, ctx.answers.get(u) ?? 0),
      tokenShare(ctx, u, i),
      overlap(ctx.grams[i]!, ctx.threadGrams.get(u) ?? new Set()).shared,
      Math.min(4, analyses[u.start]!.questionScore),
      askerWasAnswering(ctx, u, answerOf) ? 1 : 0,
      threadGapMinutes(ctx, u, i),
      Math.min(40, ctx.spoken[i]! - ctx.spoken[(ctx.threadLast.get(u) ?? u.end) + 1]!),
      weightedCosine(ctx, ctx.grams[i]!, qGrams),
    ];
    const matches = values.map(() => undefined as string | undefined);
    matches[9] = a.answerCues[0]?.match;
    matches[11] = m.kind;
    // The guest feature follows the type matches, gap and distance (see answerFeatures).
    matches[14 + rules.typeMatches.length] = talk?.guest;
    out.push({ unit: u, values, matches });
  }
  return out;
}

/**
 * Weigh the message against every open question unit; the best one whose logistic score
 * reaches the threshold gets it as an answer. Records each unit it answers in `answerOf`.
 */
function answerLink(ctx: Ctx, i: number, answerOf: Map<string, QuestionUnit>): Link | null {
  const { messages, rules } = ctx;
  const spec = rules.answers;
  const m = messages[i]!;
  // Where people name whom they reply to, the names say it better than any score.
  if (ownChars(m) < spec.minChars || ctx.namingShare >= spec.maxNamingShare) return null;
  const candidates = answerCandidates(ctx, i, answerOf);
  ctx.observe?.(i, candidates);
  const forced = ctx.assign?.(i);
  if (forced !== undefined) {
    if (forced) setAnswer(ctx, answerOf, m.id, forced);
    return null;
  }
  let best: { unit: QuestionUnit; score: number; because: RuleHit[] } | null = null;
  for (const c of candidates) {
    const because: RuleHit[] = [];
    c.values.forEach((x, k) => {
      if (x && ctx.features[k]!.weight) because.push({ rule: ctx.features[k]!.id, weight: ctx.features[k]!.weight * x, ...(c.matches[k] ? { match: c.matches[k] } : {}) });
    });
    const score = spec.bias + sumWeights(because);
    if (!best || score > best.score) best = { unit: c.unit, score, because };
  }
  if (!best) return null;
  const p = 1 / (1 + Math.exp(-best.score));
  if (p < spec.threshold) return null;
  setAnswer(ctx, answerOf, m.id, best.unit);
  return {
    from: m.id,
    to: best.unit.messages[0]!,
    rule: spec.id,
    kind: 'scored',
    role: spec.role,
    score: Math.round(p * 1000) / 1000,
    because: best.because.map((h) => ({ ...h, weight: Math.round(h.weight * 1000) / 1000 })),
  };
}

function setAnswer(ctx: Ctx, answerOf: Map<string, QuestionUnit>, id: string, u: QuestionUnit): void {
  answerOf.set(id, u);
  ctx.answers.set(u, (ctx.answers.get(u) ?? 0) + 1);
  const grams = ctx.threadGrams.get(u) ?? new Set<string>();
  for (const g of ctx.grams[ctx.index.get(id)!]!) grams.add(g);
  ctx.threadGrams.set(u, grams);
  ctx.threadLast.set(u, Math.max(ctx.threadLast.get(u) ?? -1, ctx.index.get(id)!));
}

/** log(1 + minutes) since the unit's thread last spoke. */
function threadGapMinutes(ctx: Ctx, u: QuestionUnit, i: number): number {
  const last = ctx.threadLast.get(u) ?? u.end;
  const gap = gapSeconds(ctx.seconds[last] ?? null, ctx.seconds[i] ?? null);
  return gap === null ? 0 : Math.log1p(gap / 60);
}

/** Whether the asker's message shortly before the question answered another question. */
function askerWasAnswering(ctx: Ctx, u: QuestionUnit, answerOf: Map<string, QuestionUnit>): boolean {
  let seen = 0;
  for (let j = u.start - 1; j >= 0 && seen < 10; j--) {
    if (ctx.analyses[j]!.skip) continue;
    seen++;
    const m = ctx.messages[j]!;
    if (m.speaker !== u.asker) continue;
    const other = answerOf.get(m.id);
    return other !== undefined && other !== u;
  }
  return false;
}

/** Whether `speaker` answered `u` in a message between the question and position `i`. */
function answeredBy(ctx: Ctx, u: QuestionUnit, speaker: string, i: number, answerOf: Map<string, QuestionUnit>): boolean {
  if (speaker === '') return false;
  for (let j = u.end + 1; j < i; j++) {
    const m = ctx.messages[j]!;
    if (m.speaker === speaker && answerOf.get(m.id) === u) return true;
  }
  return false;
}

/** Cosine of two feature sets, each feature weighted by its idf in the day. */
function weightedCosine(ctx: Ctx, x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (const g of x) {
    const w = ctx.idf.get(g) ?? 0;
    nx += w * w;
    if (y.has(g)) dot += w * w;
  }
  for (const g of y) {
    const w = ctx.idf.get(g) ?? 0;
    ny += w * w;
  }
  return nx && ny ? dot / Math.sqrt(nx * ny) : 0;
}

/** Whether the asker spoke between the question and position `i`. */
function askerSpoke(ctx: Ctx, u: QuestionUnit, i: number): boolean {
  for (let j = u.end + 1; j < i; j++) if (!ctx.analyses[j]!.skip && ctx.messages[j]!.speaker === u.asker) return true;
  return false;
}

/** The share of the question's words the message uses too. */
function tokenShare(ctx: Ctx, u: QuestionUnit, i: number): number {
  const q = new Set<string>();
  for (const id of u.messages) for (const w of ctx.tokens[ctx.index.get(id)!]!) q.add(w);
  if (q.size === 0) return 0;
  let n = 0;
  for (const w of q) if (ctx.tokens[i]!.has(w)) n++;
  return n / q.size;
}

function nextSpoken(analyses: readonly MessageAnalysis[], n: number): number[][] {
  const out: number[][] = analyses.map(() => []);
  const ahead: number[] = [];
  for (let i = analyses.length - 1; i >= 0; i--) {
    out[i] = ahead.slice(0, n);
    if (!analyses[i]!.skip) ahead.unshift(i);
    if (ahead.length > n) ahead.pop();
  }
  return out;
}

/** The talk given by the speaker of message `i` that `i` may still answer questions of. */
function guestTalk(ctx: Ctx, i: number): Talk | undefined {
  const { talks, messages, seconds, rules } = ctx;
  const speaker = messages[i]!.speaker;
  for (let k = talks.length - 1; k >= 0; k--) {
    const t = talks[k]!;
    if (t.start >= i) continue;
    if (t.guest !== speaker) continue;
    const gap = gapSeconds(t.endSeconds, seconds[i] ?? null);
    return gap === null || gap <= rules.talks.answerMinutes * 60 ? t : undefined;
  }
  return undefined;
}

/**
 * The generic parent: every recent message is scored as the one this message replies to,
 * and the best one at or above the threshold wins; else the message starts a conversation.
 * Besides nearness and shared words, who talks to whom counts: a message naming this
 * speaker since they last spoke (they answer it), a message by the person this speaker
 * last named (their conversation goes on), this speaker's own previous message (they go
 * on), and a message naming someone else (seldom a reply to it).
 */
function implicitLink(ctx: Ctx, i: number): Link | null {
  const { messages, analyses, seconds, rules, unitOf } = ctx;
  const { features: f, windowMessages, windowMinutes, threshold } = rules.implicit;
  const m = messages[i]!;
  const a = analyses[i]!;
  const short = a.answerCues.length === 0 && [...m.text.replace(/\s/g, '')].length <= f.short.maxChars;
  const toChannel = fireCues(rules.implicit.toChannel, m.text);
  // This speaker's previous message, and whom it named: the conversation they are in.
  // (Looked for a little beyond the window, which may hold skipped lines too.)
  const mine = previousBy(messages, analyses, i, m.speaker, windowMessages * 10);
  const partners = new Set(mine >= 0 ? messages[mine]!.mentions.map((x) => x.speaker).filter((s) => s !== null && s !== m.speaker) : []);
  let best: { j: number; score: number; because: RuleHit[] } | null = null;
  const scored: { j: number; score: number; because: RuleHit[] }[] = [];
  let between = 0;
  for (let j = i - 1; j >= 0 && between <= windowMessages; j--) {
    if (analyses[j]!.skip) continue;
    const p = messages[j]!;
    const gap = gapSeconds(seconds[j] ?? null, seconds[i] ?? null);
    if (gap !== null && gap > windowMinutes * 60) break;
    const because: RuleHit[] = [];
    if (gap !== null) because.push({ rule: f.time.id, weight: f.time.weight * Math.pow(0.5, gap / 60 / f.time.halfLifeMinutes) });
    because.push({ rule: f.distance.id, weight: f.distance.weight * Math.pow(0.5, between / f.distance.halfLifeMessages) });
    const overlap = overlapScore(ctx.grams[i]!, ctx.grams[j]!);
    if (overlap > 0) because.push({ rule: f.overlap.id, weight: f.overlap.weight * overlap });
    const sameSpeaker = m.speaker !== '' && p.speaker === m.speaker;
    if (sameSpeaker) {
      const continues = j === mine && between <= f.continuation.maxMessages && gap !== null && gap <= f.continuation.maxGapSeconds;
      because.push(continues ? { rule: f.continuation.id, weight: f.continuation.score } : { rule: f.sameSpeaker.id, weight: f.sameSpeaker.weight });
    } else if (m.speaker !== '') {
      const namesMe = p.mentions.some((x) => x.speaker === m.speaker);
      if (namesMe && j > mine) because.push({ rule: f.addressedMe.id, weight: f.addressedMe.weight });
      else if (p.mentions.some((x) => x.speaker !== null) && !namesMe) because.push({ rule: f.addressedOther.id, weight: f.addressedOther.weight });
      if (j > mine && partners.has(p.speaker)) because.push({ rule: f.partner.id, weight: f.partner.weight });
    }
    const unit = unitOf.get(p.id);
    if (unit && !sameSpeaker && unit.asker !== m.speaker) {
      because.push({ rule: f.question.id, weight: f.question.weight });
      because.push(...a.answerCues);
      if (between === 0 || unit === latestUnitBefore(ctx, i)) because.push({ rule: f.mostRecent.id, weight: f.mostRecent.weight });
    }
    if (a.question && !sameSpeaker) because.push({ rule: f.selfQuestion.id, weight: f.selfQuestion.weight });
    if (short) because.push({ rule: f.short.id, weight: f.short.weight });
    because.push(...toChannel);
    const score = sumWeights(because);
    scored.push({ j, score, because });
    if (!best || score > best.score) best = { j, score, because };
    between++;
  }
  if (!best || best.score < threshold) return null;
  // Why not another: a penalty without which a candidate would have beaten the parent.
  const passedOver = new Set<string>();
  for (const c of scored) {
    if (c.j === best.j) continue;
    for (const h of c.because) if (h.weight < 0 && c.score - h.weight > best.score) passedOver.add(h.rule);
  }
  // The link is cited by the first feature with `names: true` that contributed (in the schema's order).
  const naming = Object.values(f).filter((x): x is typeof x & { names: true } => 'names' in x && x.names === true);
  const rule = naming.find((x) => best.because.some((h) => h.rule === x.id))?.id ?? rules.implicit.id;
  return {
    from: m.id,
    to: messages[best.j]!.id,
    rule,
    kind: 'implicit',
    role: rules.implicit.role,
    score: Math.min(1, Math.round(best.score * 1000) / 1000),
    because: best.because.map((h) => ({ ...h, weight: Math.round(h.weight * 1000) / 1000 })),
    ...(passedOver.size ? { passedOver: [...passedOver].sort() } : {}),
  };
}

function latestUnitBefore(ctx: Ctx, i: number): QuestionUnit | undefined {
  const k = ctx.lastUnit[i]!;
  return k >= 0 ? ctx.units[k] : undefined;
}

function prefixSpoken(analyses: readonly MessageAnalysis[]): number[] {
  const out = [0];
  analyses.forEach((a, i) => out.push(out[i]! + (a.skip ? 0 : 1)));
  return out;
}

/** Units are in order and do not overlap, so one pass gives the last one before each position. */
function lastUnitIndex(length: number, units: readonly QuestionUnit[]): number[] {
  const out: number[] = [];
  let k = -1;
  for (let i = 0; i < length; i++) {
    while (k + 1 < units.length && units[k + 1]!.start < i) k++;
    out.push(k);
  }
  return out;
}

/** Features for overlap: glossary terms, Latin words and Han character bigrams. */
function featureSet(m: Message, a: MessageAnalysis): Set<string> {
  const out = new Set<string>();
  if (a.skip) return out;
  for (const t of a.terms) out.add(`t:${t}`);
  return textGrams(m.text, out);
}

/** Shared bigrams and words (as a share, 0..1) and shared glossary terms (a count). */
function overlap(x: Set<string>, y: Set<string>): { shared: number; terms: number } {
  if (x.size === 0 || y.size === 0) return { shared: 0, terms: 0 };
  let shared = 0;
  let terms = 0;
  for (const g of x) {
    if (!y.has(g)) continue;
    if (g.startsWith('t:')) terms++;
    else shared++;
  }
  return { shared: Math.min(1, shared / Math.min(x.size, y.size, 10)), terms };
}

/** The share of the question's bigrams and words that the message repeats. */
function containment(question: Set<string>, message: Set<string>): number {
  let n = 0;
  let hit = 0;
  for (const g of question) {
    if (g.startsWith('t:')) continue;
    n++;
    if (message.has(g)) hit++;
  }
  return n >= 4 ? hit / n : 0;
}

/** How many words, terms and bigrams two messages share. */
function sharedWords(x: Set<string>, y: Set<string>): number {
  let n = 0;
  for (const g of x) if (y.has(g)) n++;
  return n;
}

/** Shared features, terms counting most; 0..1. */
function overlapScore(x: Set<string>, y: Set<string>): number {
  const { shared, terms } = overlap(x, y);
  return Math.min(1, terms * 0.4 + shared);
}
