/**
 * Fitting the answer scorer: collect, for every labelled message a day's linker weighs,
 * its candidates' feature values and which candidate is right (or none), with the gold
 * decisions forced for the features that look back at earlier ones; then fit the
 * conditional logit (choice.ts) and put its weights back into the link rules by id.
 */
import { answerFeatures, linkMessages, type AnswerCandidate } from '../link/linker.js';
import type { LinkRules } from '../link/rules.js';
export { withAnswerWeights } from '../link/rules.js';
import type { Doc, QuestionUnit } from '../model.js';
import { fitChoices, type Choice, type ChoiceModel } from './choice.js';
import type { FittedAnswers } from '../link/rules.js';
import type { Labels } from './labels.js';

/**
 * The decisions of one day with their labels. With `teacher` (the default) the gold
 * decisions are forced, so features that look back see the truth; without it the rules'
 * own decisions stand, as they will at run time (the fit then learns from its own mistakes).
 */
export function answerChoices(doc: Doc, rules: LinkRules, labels: Labels, teacher = true): Choice[] {
  const unitOf = new Map<string, QuestionUnit>();
  for (const u of doc.units) for (const id of u.messages) unitOf.set(id, u);
  const messages = doc.transcript.messages;
  const out: Choice[] = [];
  const labelAt = (i: number) => labels.get(messages[i]!.id);
  linkMessages(doc, rules, {
    observe(i: number, candidates: readonly AnswerCandidate[]) {
      const l = labelAt(i);
      if (!l || candidates.length === 0) return;
      const correct = candidates.flatMap((c, k) => (c.unit.messages.some((id) => l.questions.has(id)) ? [k] : []));
      // An answer to a question out of reach (not detected, out of the window) teaches nothing here.
      if (l.questions.size > 0 && correct.length === 0) return;
      out.push({ options: candidates.map((c) => c.values), correct, weight: l.weight, ...(l.given ? { given: true } : {}) });
    },
    assign(i: number) {
      if (!teacher) return undefined;
      const l = labelAt(i);
      if (!l) return undefined;
      for (const q of l.questions) {
        const u = unitOf.get(q);
        if (u) return u;
      }
      return null;
    },
  });
  return out;
}

/** The answer scorer's model as the rule file holds it (bias and feature weights). */
export function answerModel(rules: LinkRules): ChoiceModel {
  return { bias: rules.answers.bias, weights: answerFeatures(rules).map((f) => f.weight) };
}

export type { FittedAnswers } from '../link/rules.js';

export function fitAnswers(choices: readonly Choice[], rules: LinkRules, opts: { l2: number; threshold: number }): FittedAnswers {
  const model = fitChoices(choices, { prior: answerModel(rules), l2: opts.l2 });
  const features = answerFeatures(rules);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    bias: round(model.bias),
    threshold: opts.threshold,
    weights: Object.fromEntries(features.map((f, k) => [f.id, round(model.weights[k]!)])),
  };
}
