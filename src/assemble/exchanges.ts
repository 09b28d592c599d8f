/**
 * Exchanges: a question unit, the answers linked to it, the asker's follow-ups and
 * closure, a score, and whether it is worth an FAQ entry.
 */
import type { Doc, Exchange, Link, QuestionUnit, RuleHit } from '../model.js';
import { fireCues, sumWeights } from '../rules/cues.js';
import type { LinkRules } from '../link/rules.js';
import { ownChars } from '../text/chat.js';
import { secondsOf } from '../text/time.js';
import { faqFeatureIds, type ExchangeRules } from './rules.js';
import { pickTopic, type TopicRules } from './topics.js';

/** A link found by a quote, reply id or name whose rule says it answers. */
const explicitAnswer = (l: Link | undefined): boolean => l?.kind === 'explicit' && l.role === 'answer';

/** What the assembler reads of the doc. */
export type AssembleInput = Pick<Doc, 'transcript' | 'index' | 'analyses' | 'links' | 'units'>;

interface Role {
  unit: QuestionUnit;
  role: 'question' | 'answer' | 'followup';
  depth: number;
}

/**
 * Walk the reply graph once, in order. A link whose role is `answer` answers: a scored one
 * its unit outright; an explicit one (quote, @mention, platform reply) the question it
 * links to, or the question of the answer or follow-up it links to within `depth` steps.
 * The asker's own replies within the exchange are follow-ups.
 */
export function rolesFromGraph(input: AssembleInput, linkRules: LinkRules): Map<string, Role> {
  const { links, units } = input;
  const { messages } = input.transcript;
  const parent = new Map(links.map((l) => [l.from, l]));
  const speakerOf = new Map(messages.map((m) => [m.id, m.speaker]));
  const roles = new Map<string, Role>();
  for (const u of units) for (const id of u.messages) roles.set(id, { unit: u, role: 'question', depth: 0 });
  const { depth: maxDepth, minChars } = linkRules.answers;
  for (const m of messages) {
    if (roles.has(m.id)) continue;
    const link = parent.get(m.id);
    const up = link && roles.get(link.to);
    if (!link || !up) continue;
    if (m.speaker !== '' && m.speaker === up.unit.asker) {
      roles.set(m.id, { unit: up.unit, role: 'followup', depth: up.depth });
      continue;
    }
    if (link.role !== 'answer') continue;
    if (link.kind === 'scored') {
      roles.set(m.id, { unit: up.unit, role: 'answer', depth: 1 });
      continue;
    }
    if (link.kind !== 'explicit' || ownChars(m) < minChars || fireCues(linkRules.notAnswer, m.text).length > 0) continue;
    const continues = up.role === 'answer' && speakerOf.get(link.to) === m.speaker;
    const depth = up.role === 'question' ? 1 : continues ? up.depth : up.depth + 1;
    if (depth <= Math.max(1, maxDepth)) roles.set(m.id, { unit: up.unit, role: 'answer', depth });
  }
  return roles;
}

/**
 * The asker's messages that the graph left unattached (a thank-you, a clarification
 * with no clear parent) follow up their latest question, if it is recent and they
 * have not asked anything since.
 */
function askerFollowups(input: AssembleInput, roles: Map<string, Role>, maxMinutes: number): void {
  const parent = new Set(input.links.map((l) => l.from));
  const latest = new Map<string, { unit: QuestionUnit; at: number | null }>();
  input.transcript.messages.forEach((m, i) => {
    const r = roles.get(m.id);
    if (r?.role === 'question' && m.speaker) latest.set(m.speaker, { unit: r.unit, at: secondsOf(m) });
    if (r || parent.has(m.id) || !m.speaker || input.analyses[i]!.skip) return;
    const open = latest.get(m.speaker);
    const at = secondsOf(m);
    if (!open || (open.at !== null && at !== null && at - open.at > maxMinutes * 60)) return;
    roles.set(m.id, { unit: open.unit, role: 'followup', depth: 0 });
  });
}

export function assembleExchanges(input: AssembleInput, rules: ExchangeRules, linkRules: LinkRules, topics: TopicRules): Exchange[] {
  const { analyses, links, units, index: pos } = input;
  const { messages } = input.transcript;
  const roles = rolesFromGraph(input, linkRules);
  askerFollowups(input, roles, rules.followups.maxMinutes);
  const linkOf = new Map(links.map((l) => [l.from, l]));
  const byGuest = new Set(links.filter((l) => l.because.some((h) => h.rule === linkRules.answers.features.guest.id)).map((l) => l.from));
  const members = new Map<QuestionUnit, string[]>();
  for (const [id, r] of roles) {
    if (r.role === 'question') continue;
    const list = members.get(r.unit) ?? [];
    list.push(id);
    members.set(r.unit, list);
  }
  const f = rules.features;

  return units.map((u) => {
    const qTexts = u.messages.map((id) => messages[pos.get(id)!]!.text);
    const answers: string[] = [];
    const followups: string[] = [];
    const closure: string[] = [];
    let explicit = false;
    for (const id of (members.get(u) ?? []).sort((a, b) => pos.get(a)! - pos.get(b)!)) {
      if (roles.get(id)!.role === 'followup') {
        followups.push(id);
        if (analyses[pos.get(id)!]!.closureCues.length) closure.push(id);
      } else {
        answers.push(id);
        if (explicitAnswer(linkOf.get(id))) explicit = true;
      }
    }

    const substantive = answers.filter((id) => ownChars(messages[pos.get(id)!]!) >= rules.substance.minChars);
    const qTerms = uniq(u.messages.flatMap((id) => analyses[pos.get(id)!]!.terms));
    const aTerms = uniq(answers.flatMap((id) => analyses[pos.get(id)!]!.terms));
    const answerText = answers.map((id) => messages[pos.get(id)!]!.text).join('\n');
    const topic = pickTopic(topics, qTexts.join('\n'), answerText);

    const because: RuleHit[] = [];
    if (substantive.length > 0) because.push({ rule: f.answered.id, weight: f.answered.weight });
    const more = Math.min(f.moreAnswers.max, Math.max(0, substantive.length - 1));
    if (more > 0) because.push({ rule: f.moreAnswers.id, weight: f.moreAnswers.weight * more });
    if (qTerms.length) because.push({ rule: f.questionTerms.id, weight: f.questionTerms.weight, match: qTerms.join(',') });
    if (aTerms.length) because.push({ rule: f.answerTerms.id, weight: f.answerTerms.weight, match: aTerms.join(',') });
    if (topic) because.push({ rule: f.topic.id, weight: f.topic.weight, match: topic });
    if (closure.length) because.push({ rule: f.closure.id, weight: f.closure.weight });
    if (explicit) because.push({ rule: f.explicit.id, weight: f.explicit.weight });
    const guest = substantive.some((id) => byGuest.has(id));
    if (guest) because.push({ rule: f.guest.id, weight: f.guest.weight });
    const own = u.messages.reduce((n, id) => n + ownChars(messages[pos.get(id)!]!), 0);
    if (own <= f.shortQuestion.maxChars) because.push({ rule: f.shortQuestion.id, weight: f.shortQuestion.weight });
    const questionRules = fireCues(rules.questionRules, qTexts.join(' '));
    because.push(...questionRules);

    // On-topic: it names the domain (a term, a topic word), or the group took it up as
    // the domain's kind of question (a talk's speaker answered, several answered, or it
    // asks how/why as a positive question rule says).
    const onTopic =
      qTerms.length + aTerms.length > 0 ||
      topic !== null ||
      guest ||
      substantive.length >= rules.onTopic.minAnswers ||
      questionRules.some((h) => (rules.questionRules.find((c) => c.id === h.rule)?.spec.weight ?? 0) > 0);
    const answerers = new Set(substantive.map((id) => messages[pos.get(id)!]!.speaker)).size;
    const values = [
      substantive.length > 0 ? 1 : 0,
      more,
      qTerms.length ? 1 : 0,
      aTerms.length ? 1 : 0,
      topic ? 1 : 0,
      closure.length ? 1 : 0,
      explicit ? 1 : 0,
      guest ? 1 : 0,
      own <= f.shortQuestion.maxChars ? 1 : 0,
      ...rules.questionRules.map((c) => (questionRules.some((h) => h.rule === c.id) ? 1 : 0)),
      onTopic ? 1 : 0,
      Math.min(3, answerers),
    ];
    let score: number;
    let faq: boolean;
    if (rules.fitted) {
      // A fitted model: the features' contributions, and the probability an editor keeps it.
      const ids = faqFeatureIds(rules);
      const fitted = rules.fitted;
      const matches = new Map(because.map((h) => [h.rule, h.match]));
      because.length = 0;
      values.forEach((x, k) => {
        const w = fitted.weights[ids[k]!] ?? 0;
        if (x && w) because.push({ rule: ids[k]!, weight: w * x, ...(matches.get(ids[k]!) ? { match: matches.get(ids[k]!)! } : {}) });
      });
      score = 1 / (1 + Math.exp(-(fitted.bias + sumWeights(because))));
      faq = substantive.length > 0 && score >= fitted.threshold;
    } else {
      score = clamp(sumWeights(because));
      faq = substantive.length > 0 && onTopic && score >= rules.faqThreshold - 1e-9;
    }
    return {
      id: `x-${u.messages[0]}`,
      question: [...u.messages],
      answers,
      followups,
      closure,
      score,
      faq,
      topic: topic ?? topics.fallback,
      terms: uniq([...qTerms, ...aTerms]).sort(),
      because: because.map((h) => ({ ...h, weight: Math.round(h.weight * 1000) / 1000 })),
      faqValues: values,
    };
  });
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function clamp(x: number): number {
  return Math.max(0, Math.min(1, x));
}
