/**
 * The reply graph: every message gets at most one parent, the earlier message it replies
 * to. Explicit links (a platform's reply id, a quote-reply, an @mention) come first;
 * otherwise the recent messages are scored as parents and the best one at or above the
 * threshold wins, or the message starts a conversation. Which messages *answer* a
 * question is read off this graph by the assembler.
 *
 * One linker for every format: with no speakers (anonymised logs) the speaker features
 * simply never fire.
 */
import type { Link, Message, MessageAnalysis, RuleHit } from '../model.js';
import { sumWeights } from '../rules/cues.js';
import type { LinkRules } from './rules.js';
import { gapSeconds, secondsOf } from './time.js';
import { buildUnits, type QuestionUnit } from './units.js';

export interface LinkResult {
  links: Link[];
  units: QuestionUnit[];
}

interface Ctx {
  messages: readonly Message[];
  analyses: readonly MessageAnalysis[];
  seconds: readonly (number | null)[];
  unitOf: Map<string, QuestionUnit>;
  units: readonly QuestionUnit[];
  grams: readonly Set<string>[];
  rules: LinkRules;
}

export function linkMessages(messages: readonly Message[], analyses: readonly MessageAnalysis[], rules: LinkRules): LinkResult {
  const units = buildUnits(messages, analyses, rules.units.maxGapSeconds);
  const unitOf = new Map<string, QuestionUnit>();
  for (const u of units) for (const id of u.messages) unitOf.set(id, u);
  const ctx: Ctx = {
    messages,
    analyses,
    seconds: messages.map(secondsOf),
    unitOf,
    units,
    grams: messages.map((m, i) => featureSet(m, analyses[i]!)),
    rules,
  };
  const byPlatformId = new Map<string, number>();
  messages.forEach((m, i) => m.platformId && byPlatformId.set(m.platformId, i));

  const links: Link[] = [];
  for (let i = 0; i < messages.length; i++) {
    if (analyses[i]!.skip) continue;
    const unit = unitOf.get(messages[i]!.id);
    // A question split over several messages: the later parts continue the first.
    if (unit && unit.messages[0] !== messages[i]!.id) {
      const head = unit.messages[0]!;
      links.push({ from: messages[i]!.id, to: head, rule: rules.units.id, score: 1, because: [{ rule: rules.units.id, weight: 1 }] });
      continue;
    }
    const link = explicitLink(ctx, i, byPlatformId) ?? implicitLink(ctx, i);
    if (link) links.push(link);
  }
  return { links, units };
}

function explicitLink(ctx: Ctx, i: number, byPlatformId: Map<string, number>): Link | null {
  const { messages, rules, seconds, units } = ctx;
  const m = messages[i]!;
  const { quote, platform, mention, mentionReply } = rules.explicit;
  const link = (target: number, rule: { id: string; score: number }, match?: string): Link => ({
    from: m.id,
    to: messages[target]!.id,
    rule: rule.id,
    score: rule.score,
    because: [{ rule: rule.id, weight: rule.score, ...(match ? { match } : {}) }],
  });
  const index = (id: string) => messages.findIndex((x) => x.id === id);

  if (m.platformReplyId) {
    const target = byPlatformId.get(m.platformReplyId);
    if (target !== undefined && target < i) return link(target, platform);
  }
  if (m.quote?.messageId) {
    const target = index(m.quote.messageId);
    if (target >= 0 && target < i) return link(target, quote, m.quote.speaker);
  }
  const mentioned = m.mentions.filter((x) => x.speaker && x.speaker !== m.speaker);
  if (mentioned.length === 0) return null;
  // The mentioned person's question put to this speaker, if any; else their latest message.
  const now = seconds[i] ?? null;
  for (let k = units.length - 1; k >= 0; k--) {
    const u = units[k]!;
    if (u.start >= i) continue;
    const gap = gapSeconds(u.startSeconds, now);
    if (gap !== null && gap > mention.windowMinutes * 60) break;
    const x = mentioned.find((x) => x.speaker === u.asker);
    if (x && u.messages.some((id) => messages[index(id)]!.mentions.some((y) => y.speaker === m.speaker))) return link(u.start, mention, x.raw);
  }
  let latest = -1;
  let by: (typeof mentioned)[number] | undefined;
  for (let k = i - 1; k >= 0 && latest < 0; k--) {
    if (ctx.analyses[k]!.skip) continue;
    by = mentioned.find((x) => x.speaker === messages[k]!.speaker);
    if (by) latest = k;
  }
  if (latest < 0) return null;
  const gap = gapSeconds(seconds[latest] ?? null, now);
  if (gap !== null && gap > mention.windowMinutes * 60) return null;
  return link(latest, ctx.unitOf.has(messages[latest]!.id) ? mention : mentionReply, by!.raw);
}

function implicitLink(ctx: Ctx, i: number): Link | null {
  const { messages, analyses, seconds, rules, unitOf } = ctx;
  const { features: f, windowMessages, windowMinutes, threshold } = rules.implicit;
  const m = messages[i]!;
  const a = analyses[i]!;
  const short = a.answerCues.length === 0 && [...m.text.replace(/\s/g, '')].length <= f.short.maxChars;
  let best: { j: number; score: number; because: RuleHit[] } | null = null;
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
      const continues = between === 0 && gap !== null && gap <= f.continuation.maxGapSeconds;
      because.push(continues ? { rule: f.continuation.id, weight: f.continuation.score } : { rule: f.sameSpeaker.id, weight: f.sameSpeaker.weight });
    }
    const unit = unitOf.get(p.id);
    if (unit && !sameSpeaker && unit.asker !== m.speaker) {
      because.push({ rule: f.question.id, weight: f.question.weight });
      because.push(...a.answerCues);
      if (between === 0 || unit === latestUnitBefore(ctx, i)) because.push({ rule: f.mostRecent.id, weight: f.mostRecent.weight });
    }
    if (a.question && !sameSpeaker) because.push({ rule: f.selfQuestion.id, weight: f.selfQuestion.weight });
    if (short) because.push({ rule: f.short.id, weight: f.short.weight });
    const score = sumWeights(because);
    if (!best || score > best.score) best = { j, score, because };
    between++;
  }
  if (!best || best.score < threshold) return null;
  const rule = best.because.some((h) => h.rule === f.continuation.id) ? f.continuation.id : 'link/implicit';
  return {
    from: m.id,
    to: messages[best.j]!.id,
    rule,
    score: Math.min(1, Math.round(best.score * 1000) / 1000),
    because: best.because.map((h) => ({ ...h, weight: Math.round(h.weight * 1000) / 1000 })),
  };
}

function latestUnitBefore(ctx: Ctx, i: number): QuestionUnit | undefined {
  for (let k = ctx.units.length - 1; k >= 0; k--) if (ctx.units[k]!.start < i) return ctx.units[k];
  return undefined;
}

/** Features for overlap: glossary terms, Latin words and Han character bigrams. */
function featureSet(m: Message, a: MessageAnalysis): Set<string> {
  const out = new Set<string>();
  if (a.skip) return out;
  for (const t of a.terms) out.add(`t:${t}`);
  for (const w of m.text.toLowerCase().match(/[a-z][a-z0-9+]{1,}/g) ?? []) out.add(`w:${w}`);
  for (const run of m.text.match(/\p{Script=Han}+/gu) ?? []) for (let k = 0; k + 1 < run.length; k++) out.add(run.slice(k, k + 2));
  return out;
}

/** Shared features, terms counting most; 0..1. */
function overlapScore(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  let terms = 0;
  for (const g of x) {
    if (!y.has(g)) continue;
    if (g.startsWith('t:')) terms++;
    else shared++;
  }
  return Math.min(1, terms * 0.4 + shared / Math.min(x.size, y.size, 10));
}
