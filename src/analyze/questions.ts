/**
 * Question detection: weighted cues from rules/questions.yaml, plus compromise for
 * English sentences that a cheap test has picked out (compromise is slow).
 */
import nlp from 'compromise';
import { z } from 'zod';
import type { Message, RuleHit } from '../model.js';
import { compileCue, cueRuleSchema, fireCues, sumWeights, type CueRule } from '../rules/cues.js';
import { loadYaml } from '../rules/load.js';
import { ruleBase, uniqueIds } from '../rules/schema.js';
import { askingText } from '../text/chat.js';

export const questionRulesSchema = z
  .object({
    threshold: z.number(),
    skipKinds: z.array(z.string()).default([]),
    english: z.object({ ...ruleBase, weight: z.number(), minLatinWords: z.number().int().min(1) }).strict(),
    addressed: z.object({ ...ruleBase, weight: z.number() }).strict(),
    restates: z
      .object({
        ...ruleBase,
        weight: z.number(),
        minContainment: z.number().min(0).max(1),
        minQuestionChars: z.number().int().positive(),
        minExtraChars: z.number().int().nonnegative(),
        windowMessages: z.number().int().positive(),
      })
      .strict(),
    cues: z.array(cueRuleSchema),
    exclusions: z.array(cueRuleSchema).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    uniqueIds([...f.cues, ...f.exclusions, f.english, f.addressed, f.restates], ctx, 'cues');
  });

export interface QuestionRules {
  threshold: number;
  skipKinds: Set<string>;
  /** compromise's English check, and the cues (`lang: en`) whose firing makes it needless. */
  english: z.infer<typeof questionRulesSchema>['english'] & { covered: ReadonlySet<string> };
  addressed: z.infer<typeof questionRulesSchema>['addressed'];
  restates: z.infer<typeof questionRulesSchema>['restates'];
  cues: CueRule[];
}

export function loadQuestionRules(file: string): QuestionRules {
  const spec = loadYaml(file, questionRulesSchema);
  return {
    threshold: spec.threshold,
    skipKinds: new Set(spec.skipKinds),
    english: { ...spec.english, covered: new Set([...spec.cues, ...spec.exclusions].filter((c) => c.lang === 'en').map((c) => c.id)) },
    addressed: spec.addressed,
    restates: spec.restates,
    cues: [...spec.cues, ...spec.exclusions].map(compileCue),
  };
}

export interface QuestionVerdict {
  question: boolean;
  score: number;
  cues: RuleHit[];
  /** Tags of the rules that fired (e.g. `request`, `open`). */
  tags: string[];
}

const NOT_A_QUESTION: QuestionVerdict = { question: false, score: 0, cues: [], tags: [] };


export function detectQuestion(m: Message, rules: QuestionRules): QuestionVerdict {
  if (m.duplicateOf || rules.skipKinds.has(m.kind)) return NOT_A_QUESTION;
  const text = askingText(m);
  if (!text) return NOT_A_QUESTION;
  const cues = fireCues(rules.cues, text);
  const en = englishQuestion(text, rules.english.minLatinWords);
  if (en && !cues.some((c) => c.weight > 0 && rules.english.covered.has(c.rule))) {
    cues.push({ rule: rules.english.id, weight: rules.english.weight, match: en });
  }
  // Put to a person: an @mention plus any asking cue leans towards a question.
  if (m.mentions.length > 0 && cues.some((c) => c.weight > 0)) {
    cues.push({ rule: rules.addressed.id, weight: rules.addressed.weight, match: m.mentions[0]!.raw });
  }
  const score = sumWeights(cues);
  const tags = rules.cues.filter((r) => r.tag && cues.some((c) => c.rule === r.id)).map((r) => r.tag!);
  // Without an asking cue a message asks nothing, whatever a fitted threshold says.
  const asks = cues.some((c) => c.weight > 0);
  return { question: asks && score >= rules.threshold - 1e-9, score, cues, tags };
}

const LATIN_WORD = /[A-Za-z][A-Za-z'-]*/g;

/** The English sentence compromise reads as a question, if any. */
export function englishQuestion(text: string, minLatinWords: number): string | null {
  for (const sentence of text.split(/(?<=[.?!。？！])\s+|\n/)) {
    const words = sentence.match(LATIN_WORD) ?? [];
    if (words.length < minLatinWords) continue;
    // The cheap test: mostly Latin text. compromise only reads English.
    const latin = words.join('').length;
    if (latin < sentence.replace(/\s/g, '').length * 0.6) continue;
    const doc = nlp(sentence);
    if (doc.questions().found) return sentence.trim();
  }
  return null;
}

/** Every cue rule of the question rules, in one order: the file's cues and exclusions, then the context rules. */
export function questionCueIds(rules: QuestionRules): string[] {
  return [...rules.cues.map((c) => c.id), rules.english.id, rules.addressed.id, rules.restates.id];
}

/** Question cue weights fitted from data (rules/fitted.yaml): the threshold and a weight per cue id. */
export interface FittedQuestions {
  /** A message is a question when the weights of its cues add up to this. */
  threshold: number;
  weights: Record<string, number>;
}

/** The question rules with fitted weights in place of the hand-set ones. */
export function withQuestionWeights(rules: QuestionRules, fitted: FittedQuestions): QuestionRules {
  const w = <R extends { id: string; weight: number }>(r: R): R => ({ ...r, weight: fitted.weights[r.id] ?? r.weight });
  return {
    ...rules,
    threshold: fitted.threshold,
    cues: rules.cues.map(w),
    english: w(rules.english),
    addressed: w(rules.addressed),
    restates: w(rules.restates),
  };
}
