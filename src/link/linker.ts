/**
 * The reply graph. Explicit links (quote-replies, platform reply ids, @mentions) come
 * first; then each remaining message is scored against the open questions before it.
 * Every link keeps the features that made its score, so an editor can see why.
 */
import type { Link, Message, MessageAnalysis, RuleHit } from '../model.js';
import { fireCues, sumWeights } from '../rules/cues.js';
import type { LinkRules } from './rules.js';
import { gapSeconds, secondsOf } from './time.js';
import { buildUnits, type QuestionUnit } from './units.js';

export interface LinkResult {
  links: Link[];
  units: QuestionUnit[];
}

export function linkMessages(messages: readonly Message[], analyses: readonly MessageAnalysis[], rules: LinkRules): LinkResult {
  const units = buildUnits(messages, analyses, rules.units.maxGapSeconds);
  const unitOf = new Map<string, QuestionUnit>();
  for (const u of units) for (const id of u.messages) unitOf.set(id, u);
  const index = new Map(messages.map((m, i) => [m.id, i]));
  const byPlatformId = new Map<string, string>();
  for (const m of messages) if (m.platformId) byPlatformId.set(m.platformId, m.id);
  const seconds = messages.map(secondsOf);
  const grams = analyses.map((a, i) => featureSet(messages[i]!, a));

  const links: Link[] = [];
  const answerOf = new Map<string, QuestionUnit>(); // answer message id → unit it answers
  const lastBySpeaker = new Map<string, number>();
  const { features: f } = rules.implicit;

  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const a = analyses[i]!;
    if (a.skip) continue;
    const prevOwn = lastBySpeaker.get(m.speaker);
    if (m.speaker) lastBySpeaker.set(m.speaker, i);
    const ownUnit = unitOf.get(m.id);
    // The asker's own later question messages belong to their unit; no link needed.
    if (ownUnit && ownUnit.messages[0] !== m.id) continue;

    const explicit = explicitLink(m, i, messages, seconds, units, unitOf, byPlatformId, rules);
    if (explicit) {
      links.push(explicit);
      const u = unitOf.get(explicit.to);
      if (u && u.asker !== m.speaker) answerOf.set(m.id, u);
      continue;
    }
    if (ownUnit) continue; // a new question starts a conversation

    // The asker speaking again under their own open question: a follow-up.
    const own = latestOpenUnit(units, i, seconds, rules, (u) => u.asker === m.speaker && !!m.speaker);
    const notAnswerHits = fireCues(rules.notAnswer, m.text);
    const candidates = units.filter((u) => isOpen(u, i, seconds, rules) && u.asker !== m.speaker);

    // An answerer's next message shortly after their answer continues it.
    if (prevOwn !== undefined && !a.question) {
      const prevUnit = answerOf.get(messages[prevOwn]!.id);
      const gap = gapSeconds(seconds[prevOwn] ?? null, seconds[i] ?? null);
      if (prevUnit && gap !== null && gap <= f.continuation.maxGapSeconds && notAnswerHits.length === 0 && !laterUnitBetween(units, prevOwn, i, prevUnit)) {
        links.push({
          from: m.id,
          to: prevUnit.messages[0]!,
          rule: f.continuation.id,
          score: f.continuation.score,
          because: [{ rule: f.continuation.id, weight: f.continuation.score }],
        });
        answerOf.set(m.id, prevUnit);
        continue;
      }
    }

    let best: { unit: QuestionUnit; score: number; because: RuleHit[] } | null = null;
    const answerHits = fireCues(rules.answerCues, m.text);
    const mostRecent = candidates.at(-1);
    for (const u of candidates) {
      const head = index.get(u.messages.at(-1)!)!;
      const because: RuleHit[] = [];
      const gap = gapSeconds(seconds[head] ?? null, seconds[i] ?? null);
      if (gap !== null) because.push({ rule: f.time.id, weight: f.time.weight * Math.pow(0.5, gap / 60 / f.time.halfLifeMinutes) });
      const between = countBetween(analyses, head, i);
      because.push({ rule: f.distance.id, weight: f.distance.weight * Math.pow(0.5, between / f.distance.halfLifeMessages) });
      const overlap = overlapScore(grams[i]!, unionGrams(u, index, grams));
      if (overlap > 0) because.push({ rule: f.overlap.id, weight: f.overlap.weight * overlap });
      if (u === mostRecent) because.push({ rule: f.mostRecent.id, weight: f.mostRecent.weight });
      if (a.question) because.push({ rule: f.selfQuestion.id, weight: f.selfQuestion.weight });
      if (answerHits.length === 0 && [...m.text.replace(/\s/g, '')].length <= f.short.maxChars) {
        because.push({ rule: f.short.id, weight: f.short.weight });
      }
      because.push(...answerHits, ...notAnswerHits);
      const score = sumWeights(because);
      if (!best || score > best.score) best = { unit: u, score, because };
    }
    const answered = best !== null && best.score >= rules.implicit.threshold;
    if (own && (!answered || own === latestHead(units, i, seconds, rules))) {
      links.push({ from: m.id, to: own.messages[0]!, rule: 'link/followup', score: 0.7, because: [{ rule: 'link/followup', weight: 0.7 }] });
      continue;
    }
    if (best && answered) {
      links.push({ from: m.id, to: best.unit.messages[0]!, rule: 'link/implicit', score: Math.min(1, best.score), because: best.because.map(roundHit) });
      answerOf.set(m.id, best.unit);
    }
  }
  return { links, units };
}

function explicitLink(
  m: Message,
  i: number,
  messages: readonly Message[],
  seconds: readonly (number | null)[],
  units: readonly QuestionUnit[],
  unitOf: Map<string, QuestionUnit>,
  byPlatformId: Map<string, string>,
  rules: LinkRules,
): Link | null {
  const { quote, platform, mention, mentionReply } = rules.explicit;
  const to = (target: string, rule: { id: string; score: number }, match?: string): Link => ({
    from: m.id,
    to: unitOf.get(target)?.messages[0] ?? target,
    rule: rule.id,
    score: rule.score,
    because: [{ rule: rule.id, weight: rule.score, ...(match ? { match } : {}) }],
  });
  if (m.platformReplyId) {
    const target = byPlatformId.get(m.platformReplyId);
    if (target && target !== m.id) return to(target, platform);
  }
  if (m.quote?.messageId) return to(m.quote.messageId, quote, m.quote.speaker);
  for (const men of m.mentions) {
    if (!men.speaker || men.speaker === m.speaker) continue;
    const now = seconds[i] ?? null;
    for (let k = units.length - 1; k >= 0; k--) {
      const u = units[k]!;
      if (u.asker !== men.speaker || u.start >= i) continue;
      const gap = gapSeconds(u.startSeconds, now);
      if (gap !== null && gap > mention.windowMinutes * 60) break;
      return to(u.messages[0]!, mention, men.raw);
    }
    for (let k = i - 1; k >= 0; k--) {
      if (messages[k]!.speaker === men.speaker && !messages[k]!.duplicateOf) return to(messages[k]!.id, mentionReply, men.raw);
    }
  }
  return null;
}

function isOpen(u: QuestionUnit, i: number, seconds: readonly (number | null)[], rules: LinkRules): boolean {
  if (u.start >= i) return false;
  if (i - u.end > rules.implicit.windowMessages) return false;
  const gap = gapSeconds(u.endSeconds, seconds[i] ?? null);
  return gap === null || gap <= rules.implicit.windowMinutes * 60;
}

function latestOpenUnit(
  units: readonly QuestionUnit[],
  i: number,
  seconds: readonly (number | null)[],
  rules: LinkRules,
  accept: (u: QuestionUnit) => boolean,
): QuestionUnit | undefined {
  for (let k = units.length - 1; k >= 0; k--) {
    const u = units[k]!;
    if (u.start >= i) continue;
    if (!isOpen(u, i, seconds, rules)) return undefined;
    if (accept(u)) return u;
  }
  return undefined;
}

function latestHead(units: readonly QuestionUnit[], i: number, seconds: readonly (number | null)[], rules: LinkRules) {
  return latestOpenUnit(units, i, seconds, rules, () => true);
}

/** True when another question was asked between an answer and the message after it. */
function laterUnitBetween(units: readonly QuestionUnit[], from: number, to: number, current: QuestionUnit): boolean {
  return units.some((u) => u !== current && u.start > from && u.start < to);
}

function countBetween(analyses: readonly MessageAnalysis[], from: number, to: number): number {
  let n = 0;
  for (let k = from + 1; k < to; k++) if (!analyses[k]!.skip) n++;
  return n;
}

/** Features for overlap: glossary terms, Latin words and Han character bigrams. */
function featureSet(m: Message, a: MessageAnalysis): Set<string> {
  const out = new Set<string>();
  for (const t of a.terms) out.add(`t:${t}`);
  for (const w of m.text.toLowerCase().match(/[a-z][a-z0-9+]{1,}/g) ?? []) out.add(`w:${w}`);
  const han = m.text.match(/\p{Script=Han}+/gu) ?? [];
  for (const run of han) for (let k = 0; k + 1 < run.length; k++) out.add(run.slice(k, k + 2));
  return out;
}

function unionGrams(u: QuestionUnit, index: Map<string, number>, grams: readonly Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const id of u.messages) for (const g of grams[index.get(id)!]!) out.add(g);
  return out;
}

/** Shared features, terms counting most; 0..1. */
function overlapScore(answer: Set<string>, question: Set<string>): number {
  if (answer.size === 0 || question.size === 0) return 0;
  let shared = 0;
  let terms = 0;
  for (const g of answer) {
    if (!question.has(g)) continue;
    if (g.startsWith('t:')) terms++;
    else shared++;
  }
  return Math.min(1, terms * 0.5 + shared / Math.min(answer.size, question.size, 12));
}

function roundHit(h: RuleHit): RuleHit {
  return { ...h, weight: Math.round(h.weight * 1000) / 1000 };
}
