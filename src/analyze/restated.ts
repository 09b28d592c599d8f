/**
 * Restated questions: a message that repeats most of someone else's recent question and
 * goes on is an answer quoting what it answers (a guest pasting the question, then the
 * reply; `问题：… 回答：…`), not a new question. Judged across messages, after the
 * per-message cues.
 */
import type { Message, MessageAnalysis } from '../model.js';
import { textGrams } from '../text/chat.js';
import { askingText } from '../text/chat.js';

export interface RestatedRule {
  id: string;
  description: string;
  weight: number;
  /** Share of the earlier question's bigrams and words the message must hold. */
  minContainment: number;
  /** How long the earlier question must be: a short one (`叫认证支付吧？`) is easily repeated in passing. */
  minQuestionChars: number;
  /** How many more characters than the earlier question the message must have. */
  minExtraChars: number;
  windowMessages: number;
}

const length = (text: string) => text.replace(/\s/g, '').length;

export function markRestated(messages: readonly Message[], analyses: readonly MessageAnalysis[], rule: RestatedRule, threshold: number): MessageAnalysis[] {
  const texts = messages.map((m, i) => (analyses[i]!.question ? askingText(m) : ''));
  const cache = new Map<number, Set<string>>();
  const gramsAt = (i: number) => cache.get(i) ?? cache.set(i, textGrams(texts[i]!)).get(i)!;
  return analyses.map((a, i) => {
    if (!a.question) return a;
    const m = messages[i]!;
    for (let j = i - 1; j >= 0 && i - j <= rule.windowMessages; j--) {
      if (!analyses[j]!.question || messages[j]!.speaker === m.speaker) continue;
      const earlier = gramsAt(j);
      if (length(texts[j]!) < rule.minQuestionChars || length(texts[i]!) - length(texts[j]!) < rule.minExtraChars) continue;
      const mine = gramsAt(i);
      let held = 0;
      for (const g of earlier) if (mine.has(g)) held++;
      if (held / earlier.size < rule.minContainment) continue;
      const cues = [...a.cues, { rule: rule.id, weight: rule.weight, match: messages[j]!.id }];
      const score = a.questionScore + rule.weight;
      return { ...a, cues, questionScore: score, question: score >= threshold - 1e-9 };
    }
    return a;
  });
}
