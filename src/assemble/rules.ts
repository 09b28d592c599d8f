/** The schema of rules/exchanges.yaml. */
import { z } from 'zod';
import { compileCue, cueRuleSchema, type CueRule } from '../rules/cues.js';
import { loadYaml } from '../rules/load.js';
import { ruleBase } from '../rules/schema.js';

const feature = z.object({ ...ruleBase, weight: z.number() }).strict();

export const exchangeRulesSchema = z
  .object({
    faqThreshold: z.number(),
    followups: z.object({ ...ruleBase, maxMinutes: z.number().nonnegative() }).strict(),
    substance: z.object({ ...ruleBase, minChars: z.number().int().nonnegative() }).strict(),
    onTopic: z.object({ minAnswers: z.number().int().positive() }).strict(),
    features: z
      .object({
        answered: feature,
        moreAnswers: feature.extend({ max: z.number().int().nonnegative() }),
        questionTerms: feature,
        answerTerms: feature,
        topic: feature,
        closure: feature,
        explicit: feature,
        guest: feature,
        shortQuestion: feature.extend({ maxChars: z.number().int().nonnegative() }),
        onTopic: feature,
        answerers: feature,
      })
      .strict(),
    questionRules: z.array(cueRuleSchema),
  })
  .strict();

export type ExchangeRulesSpec = z.infer<typeof exchangeRulesSchema>;
export interface ExchangeRules extends Omit<ExchangeRulesSpec, 'questionRules'> {
  questionRules: CueRule[];
  /** FAQ weights fitted from data (rules/fitted.yaml): the score is then a probability. */
  fitted?: FittedFaq;
}

/** FAQ-worthiness fitted from data: P(an editor keeps it) = σ(bias + Σ weight·value), kept at `threshold`. */
export interface FittedFaq {
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}

/** The FAQ features in the order an exchange's `because` cites them. */
export function faqFeatureIds(rules: ExchangeRules): string[] {
  const f = rules.features;
  return [
    f.answered.id,
    f.moreAnswers.id,
    f.questionTerms.id,
    f.answerTerms.id,
    f.topic.id,
    f.closure.id,
    f.explicit.id,
    f.guest.id,
    f.shortQuestion.id,
    ...rules.questionRules.map((c) => c.id),
    f.onTopic.id,
    f.answerers.id,
  ];
}

/** The hand-set weights of the FAQ features, aligned with faqFeatureIds. */
export function faqHandWeights(rules: ExchangeRules): number[] {
  const f = rules.features;
  return [
    f.answered.weight,
    f.moreAnswers.weight,
    f.questionTerms.weight,
    f.answerTerms.weight,
    f.topic.weight,
    f.closure.weight,
    f.explicit.weight,
    f.guest.weight,
    f.shortQuestion.weight,
    ...rules.questionRules.map((c) => c.spec.weight),
    f.onTopic.weight,
    f.answerers.weight,
  ];
}

export function withFaqWeights(rules: ExchangeRules, fitted: FittedFaq): ExchangeRules {
  return { ...rules, fitted };
}

export function loadExchangeRules(file: string): ExchangeRules {
  const spec = loadYaml(file, exchangeRulesSchema);
  return { ...spec, questionRules: spec.questionRules.map(compileCue) };
}
