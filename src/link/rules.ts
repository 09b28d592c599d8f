/** The schema of rules/linking.yaml and its compiled form. */
import { z } from 'zod';
import { compileCue, cueRuleSchema, type CueRule } from '../rules/cues.js';
import { loadYaml } from '../rules/load.js';
import { compile, regexSource, ruleBase } from '../rules/schema.js';

/** What a link means to the exchange assembler (see the head of rules/linking.yaml). */
const role = z.enum(['answer', 'reply', 'part']);
const scored = z.object({ ...ruleBase, score: z.number().min(0).max(1), role }).strict();
const weighted = z.object({ ...ruleBase, weight: z.number() }).strict();
/** A feature whose contribution names the link it made (`names: true`). */
const naming = weighted.extend({ names: z.boolean().default(false) });

export const linkRulesSchema = z
  .object({
    explicit: z
      .object({
        quote: scored,
        platform: scored,
        mention: scored.extend({ windowMinutes: z.number().positive() }),
        mentionReply: scored,
        addressed: scored.extend({ windowMessages: z.number().int().positive(), maxGapSeconds: z.number().nonnegative(), minNamingShare: z.number().min(0).max(1) }),
        mentionTarget: z
          .object({
            candidates: z.number().int().positive(),
            windowMessages: z.number().int().positive(),
            features: z
              .object({
                older: weighted,
                namesMe: weighted,
                namesOther: weighted,
                shared: weighted.extend({ max: z.number().int().positive() }),
                answered: weighted,
              })
              .strict(),
          })
          .strict(),
        mentionAgain: scored.extend({ windowMessages: z.number().int().positive(), maxGapSeconds: z.number().nonnegative() }),
      })
      .strict(),
    units: z
      .object({
        ...ruleBase,
        role,
        maxGapSeconds: z.number().nonnegative(),
      })
      .strict(),
    implicit: z
      .object({
        ...ruleBase,
        role,
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
            continuation: z.object({ ...ruleBase, score: z.number().min(0).max(1), names: z.boolean().default(false), maxGapSeconds: z.number().nonnegative(), maxMessages: z.number().int().nonnegative() }).strict(),
            addressedMe: naming,
            addressedOther: naming,
            partner: naming,
          })
          .strict(),
        toChannel: z.array(cueRuleSchema),
      })
      .strict(),
    answers: z
      .object({
        ...ruleBase,
        role,
        threshold: z.number().min(0).max(1),
        windowMinutes: z.number().positive(),
        windowMessages: z.number().int().positive(),
        minChars: z.number().int().nonnegative(),
        maxNamingShare: z.number().min(0).max(1),
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
            askedOther: weighted,
            mentionsOther: weighted,
            answerCue: weighted,
            notAnswer: weighted,
            gap: weighted,
            distance: weighted,
            guest: weighted,
            guestAnswered: weighted,
            shared: weighted.extend({ kinds: z.array(z.string()).min(1) }),
            thread: weighted,
            answeredBefore: weighted,
            latest: weighted,
            newer: weighted,
            askerReacts: weighted,
            askerSpoke: weighted,
            length: weighted,
            isQuestion: weighted,
            hasTerms: weighted,
            answersSoFar: weighted,
            tokenOverlap: weighted,
            threadOverlap: weighted,
            questionStrength: weighted,
            askerAnswering: weighted,
            threadGap: weighted,
            threadDistance: weighted,
            weightedOverlap: weighted,
          })
          .strict(),
        typeMatches: z
          .array(z.object({ ...ruleBase, weight: z.number(), question: regexSource, answer: regexSource }).strict())
          .default([]),
        depth: z.number().int().min(0),
      })
      .strict(),
    talks: z
      .object({
        ...ruleBase,
        minMessages: z.number().int().positive(),
        minAverageChars: z.number().nonnegative(),
        maxInterruptions: z.number().int().nonnegative(),
        maxInterruptionsInRow: z.number().int().nonnegative(),
        minMinutes: z.number().nonnegative(),
        answerMinutes: z.number().positive(),
      })
      .strict(),
    answerCues: z.array(cueRuleSchema),
    notAnswer: z.array(cueRuleSchema),
    closureCues: z.array(cueRuleSchema),
  })
  .strict();

export type LinkRulesSpec = z.infer<typeof linkRulesSchema>;

/** A rule that makes an explicit link. */
export type ExplicitRule = z.infer<typeof scored>;

export interface TypeMatch {
  id: string;
  description: string;
  weight: number;
  question: RegExp;
  answer: RegExp;
}

export interface LinkRules extends Omit<LinkRulesSpec, 'answerCues' | 'notAnswer' | 'closureCues' | 'implicit'> {
  typeMatches: TypeMatch[];
  implicit: Omit<LinkRulesSpec['implicit'], 'toChannel'> & { toChannel: CueRule[] };
  answerCues: CueRule[];
  notAnswer: CueRule[];
  closureCues: CueRule[];
}

export function compileLinkRules(spec: LinkRulesSpec): LinkRules {
  return {
    ...spec,
    implicit: { ...spec.implicit, toChannel: spec.implicit.toChannel.map(compileCue) },
    typeMatches: spec.answers.typeMatches.map((t) => ({ ...t, question: compile(t.question, 'i'), answer: compile(t.answer, 'i') })),
    answerCues: spec.answerCues.map(compileCue),
    notAnswer: spec.notAnswer.map(compileCue),
    closureCues: spec.closureCues.map(compileCue),
  };
}

export function loadLinkRules(file: string): LinkRules {
  return compileLinkRules(loadYaml(file, linkRulesSchema));
}

/** Answer weights fitted from data (rules/fitted.yaml): the bias, the threshold and a weight per feature id. */
export interface FittedAnswers {
  bias: number;
  threshold: number;
  /** Feature rule id → weight. */
  weights: Record<string, number>;
}

/** The link rules with fitted answer weights in place of the hand-set ones. */
export function withAnswerWeights(rules: LinkRules, fitted: FittedAnswers): LinkRules {
  const w = <R extends { id: string; weight: number }>(r: R): R => ({ ...r, weight: fitted.weights[r.id] ?? r.weight });
  const features = Object.fromEntries(Object.entries(rules.answers.features).map(([k, r]) => [k, w(r)])) as LinkRules['answers']['features'];
  return {
    ...rules,
    answers: { ...rules.answers, bias: fitted.bias, threshold: fitted.threshold, features },
    typeMatches: rules.typeMatches.map(w),
  };
}
