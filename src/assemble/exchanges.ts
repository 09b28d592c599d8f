/**
 * Exchanges: a question unit, the answers linked to it, the asker's follow-ups and
 * closure, a score, and whether it is worth an FAQ entry.
 */
import type { Exchange, Link, Message, MessageAnalysis, RuleHit } from '../model.js';
import { fireCues, sumWeights } from '../rules/cues.js';
import type { LinkRules } from '../link/rules.js';
import type { QuestionUnit } from '../link/units.js';
import type { ExchangeRules } from './rules.js';
import { pickTopic, type TopicRules } from './topics.js';

/** Rules whose links make a message an answer (the rest are replies or follow-ups). */
const EXPLICIT = new Set(['link/quote', 'link/mention', 'link/platform-reply']);

export interface AssembleInput {
  messages: readonly Message[];
  analyses: readonly MessageAnalysis[];
  links: readonly Link[];
  units: readonly QuestionUnit[];
}

export function assembleExchanges(input: AssembleInput, rules: ExchangeRules, linkRules: LinkRules, topics: TopicRules): Exchange[] {
  const { messages, analyses, links, units } = input;
  const pos = new Map(messages.map((m, i) => [m.id, i]));
  const byHead = new Map<string, Link[]>();
  for (const l of links) {
    const list = byHead.get(l.to) ?? [];
    list.push(l);
    byHead.set(l.to, list);
  }
  const f = rules.features;

  return units.map((u) => {
    const qTexts = u.messages.map((id) => messages[pos.get(id)!]!.text);
    const answers: string[] = [];
    const followups: string[] = [];
    const closure: string[] = [];
    let explicit = false;
    for (const l of byHead.get(u.messages[0]!) ?? []) {
      const m = messages[pos.get(l.from)!]!;
      if (m.speaker === u.asker && m.speaker !== '') {
        followups.push(m.id);
        if (fireCues(linkRules.closureCues, m.text).length) closure.push(m.id);
      } else if (l.rule !== 'link/mention-reply') {
        answers.push(m.id);
        if (EXPLICIT.has(l.rule)) explicit = true;
      }
    }
    answers.sort((a, b) => pos.get(a)! - pos.get(b)!);
    followups.sort((a, b) => pos.get(a)! - pos.get(b)!);

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
    because.push(...fireCues(rules.questionRules, qTexts.join(' ')));

    const score = clamp(sumWeights(because));
    const onTopic = qTerms.length + aTerms.length > 0 || topic !== null;
    const faq = substantive.length > 0 && onTopic && score >= rules.faqThreshold - 1e-9;
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
    };
  });
}

/** Characters that carry content: no mentions, stickers, punctuation or spaces. */
export function ownChars(m: Message): number {
  let text = m.text;
  for (const men of [...m.mentions].sort((a, b) => b.start - a.start)) text = text.slice(0, men.start) + text.slice(men.end);
  text = text.replace(/\[[^\]]{1,6}\]/g, '').replace(/[\s\p{P}\p{S}]/gu, '');
  return [...text].length;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function clamp(x: number): number {
  return Math.max(0, Math.min(1, x));
}
