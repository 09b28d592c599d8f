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
      })
      .strict(),
    questionRules: z.array(cueRuleSchema),
  })
  .strict();

export type ExchangeRulesSpec = z.infer<typeof exchangeRulesSchema>;
export interface ExchangeRules extends Omit<ExchangeRulesSpec, 'questionRules'> {
  questionRules: CueRule[];
}

export function loadExchangeRules(file: string): ExchangeRules {
  const spec = loadYaml(file, exchangeRulesSchema);
  return { ...spec, questionRules: spec.questionRules.map(compileCue) };
}
