/**
 * Fitting the question cues' weights: each analysed message of a gold day is one yes/no
 * decision (a question or not), its features the cues that fired on it. A logistic fit
 * (the choice model with one candidate) gives every cue a weight and the threshold.
 */
import { docToJson } from '../emit/json.js';
import { goldUnits, type Gold } from '../eval/index.js';
import type { FittedQuestions, QuestionRules } from '../analyze/questions.js';
export { withQuestionWeights } from '../analyze/questions.js';
import { questionCueIds } from '../analyze/questions.js';
import type { Doc } from '../model.js';
import { fitChoices, type Choice } from './choice.js';

function weightOf(rules: QuestionRules, id: string): number {
  const c = rules.cues.find((x) => x.id === id);
  if (c) return c.weight;
  return id === rules.english.id ? rules.english.weight : id === rules.addressed.id ? rules.addressed.weight : rules.restates.weight;
}

/**
 * One decision per message the question stage judged: on a gold day every message in the
 * range (optional questions left out); on a day editors wrote up, the questions they
 * chose (`editorQuestions`, positives at `editorWeight`).
 */
export function questionChoices(doc: Doc, gold: Gold | null, rules: QuestionRules, editorQuestions: ReadonlySet<string> = new Set(), editorWeight = 0.5): Choice[] {
  const ids = questionCueIds(rules);
  const at = new Map(ids.map((id, k) => [id, k]));
  const { units, inRange } = gold ? goldUnits(docToJson(doc).messages, gold) : { units: [], inRange: new Set<string>() };
  const asks = new Set(units.filter((u) => !u.optional).flatMap((u) => [...u.ids]));
  const optional = new Set(units.filter((u) => u.optional).flatMap((u) => [...u.ids]));
  const out: Choice[] = [];
  doc.analyses.forEach((a, i) => {
    const id = doc.transcript.messages[i]!.id;
    const weight = inRange.has(id) ? 1 : editorQuestions.has(id) ? editorWeight : 0;
    if (a.skip || weight === 0 || optional.has(id)) return;
    const x = new Array<number>(ids.length).fill(0);
    for (const h of a.cues) {
      const k = at.get(h.rule);
      if (k !== undefined) x[k] = 1;
    }
    // A message no cue fired on is no question whatever the weights: it teaches nothing.
    if (x.every((v) => v === 0)) return;
    out.push({ options: [x], correct: asks.has(id) || editorQuestions.has(id) ? [0] : [], weight });
  });
  return out;
}

export type { FittedQuestions } from '../analyze/questions.js';

/**
 * Fit the weights; `probability` is where the decision is put (0.5: more likely a question
 * than not). The threshold is on the sum of cue weights, as rules/questions.yaml has it.
 */
export function fitQuestions(choices: readonly Choice[], rules: QuestionRules, opts: { l2: number; probability: number }): FittedQuestions {
  const ids = questionCueIds(rules);
  // The hand-set rules as a model: score = Σ weights − threshold.
  const prior = { bias: -rules.threshold, weights: ids.map((id) => weightOf(rules, id)) };
  const m = fitChoices(choices, { prior, l2: opts.l2 });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const logit = Math.log(opts.probability / (1 - opts.probability));
  return { threshold: round(logit - m.bias), weights: Object.fromEntries(ids.map((id, k) => [id, round(m.weights[k]!)])) };
}
