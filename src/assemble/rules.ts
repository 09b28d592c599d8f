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

/** The FAQ features, id and hand-set weight, in the order an exchange's `because` cites them. */
function faqFeatures(rules: ExchangeRules): { id: string; weight: number }[] {
  const f = rules.features;
  return [
    f.answered,
    f.moreAnswers,
    f.questionTerms,
    f.answerTerms,
    f.topic,
    f.closure,
    f.explicit,
    f.guest,
    f.shortQuestion,
    ...rules.questionRules.map((c) => ({ id: c.id, weight: c.spec.weight })),
    f.onTopic,
    f.answerers,
  ];
}

export function faqFeatureIds(rules: ExchangeRules): string[] {
  return faqFeatures(rules).map((x) => x.id);
}

/** The hand-set weights of the FAQ features, aligned with faqFeatureIds. */
export function faqHandWeights(rules: ExchangeRules): number[] {
  return faqFeatures(rules).map((x) => x.weight);
}

export function withFaqWeights(rules: ExchangeRules, fitted: FittedFaq): ExchangeRules {
  return { ...rules, fitted };
}

export function loadExchangeRules(file: string): ExchangeRules {
  const spec = loadYaml(file, exchangeRulesSchema);
  return { ...spec, questionRules: spec.questionRules.map(compileCue) };
}
