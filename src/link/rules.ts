/** The schema of rules/linking.yaml and its compiled form. */
import { z } from 'zod';
import { compileCue, cueRuleSchema, type CueRule } from '../rules/cues.js';
import { loadYaml } from '../rules/load.js';
import { ruleBase } from '../rules/schema.js';

const scored = z.object({ ...ruleBase, score: z.number().min(0).max(1) }).strict();
const weighted = z.object({ ...ruleBase, weight: z.number() }).strict();

export const linkRulesSchema = z
  .object({
    explicit: z
      .object({
        quote: scored,
        platform: scored,
        mention: scored.extend({ windowMinutes: z.number().positive() }),
        mentionReply: scored,
      })
      .strict(),
    units: z.object({ ...ruleBase, maxGapSeconds: z.number().nonnegative() }).strict(),
    implicit: z
      .object({
        threshold: z.number(),
        windowMinutes: z.number().positive(),
        windowMessages: z.number().int().positive(),
        features: z
          .object({
            time: weighted.extend({ halfLifeMinutes: z.number().positive() }),
            distance: weighted.extend({ halfLifeMessages: z.number().positive() }),
            overlap: weighted,
            question: weighted,
            mostRecent: weighted,
            sameSpeaker: weighted,
            selfQuestion: weighted,
            short: weighted.extend({ maxChars: z.number().int().nonnegative() }),
            continuation: scored.extend({ maxGapSeconds: z.number().nonnegative() }),
          })
          .strict(),
      })
      .strict(),
    answers: z
      .object({
        ...ruleBase,
        threshold: z.number().min(0).max(1),
        windowMinutes: z.number().positive(),
        windowMessages: z.number().int().positive(),
        minChars: z.number().int().nonnegative(),
        bias: z.number(),
        features: z
          .object({
            overlap: weighted,
            terms: weighted,
            adjacent: weighted,
            restates: weighted.extend({ minContainment: z.number().min(0).max(1) }),
            continues: weighted,
            speakerRepeats: weighted,
            addressee: weighted,
            mentionsOther: weighted,
            answerCue: weighted,
            notAnswer: weighted,
            gap: weighted,
            distance: weighted,
          })
          .strict(),
        depth: z.number().int().min(0),
      })
      .strict(),
    answerCues: z.array(cueRuleSchema),
    notAnswer: z.array(cueRuleSchema),
    closureCues: z.array(cueRuleSchema),
  })
  .strict();

export type LinkRulesSpec = z.infer<typeof linkRulesSchema>;

export interface LinkRules extends Omit<LinkRulesSpec, 'answerCues' | 'notAnswer' | 'closureCues'> {
  answerCues: CueRule[];
  notAnswer: CueRule[];
  closureCues: CueRule[];
}

export function compileLinkRules(spec: LinkRulesSpec): LinkRules {
  return {
    ...spec,
    answerCues: spec.answerCues.map(compileCue),
    notAnswer: spec.notAnswer.map(compileCue),
    closureCues: spec.closureCues.map(compileCue),
  };
}

export function loadLinkRules(file: string): LinkRules {
  return compileLinkRules(loadYaml(file, linkRulesSchema));
}
