/**
 * Fitting FAQ-worthiness: each exchange with a substantive answer is one keep/drop
 * decision. Kept: its question is a gold question an editor marked `faq: true` and it
 * holds one of that question's answers (or it is an editor's written-up question with one
 * of the editor's answers). The fitted probability is the exchange's score, so the review
 * queue can rank drafts by how likely an editor keeps them.
 */
import { faqFeatureIds, faqHandWeights, type ExchangeRules, type FittedFaq } from '../assemble/rules.js';
import { docToJson } from '../emit/json.js';
import { goldUnits, type Gold } from '../eval/index.js';
import type { Doc } from '../model.js';
import { fitChoices, type Choice } from './choice.js';
import type { Labels } from './labels.js';

export function faqChoices(doc: Doc, gold: Gold | null, editor: Labels | null, weight = 1, decisions: ReadonlyMap<string, boolean> | null = null): Choice[] {
  const units = gold ? goldUnits(docToJson(doc).messages, gold).units : [];
  const out: Choice[] = [];
  for (const e of doc.exchanges) {
    if (!e.faqValues || e.faqValues[0] === 0) continue; // no substantive answer: never an entry
    // An editor's approve or reject in the knowledge base says it outright.
    const decided = decisions?.get(e.question[0] ?? '');
    if (decided !== undefined) {
      out.push({ options: [e.faqValues], correct: decided ? [0] : [], weight });
      continue;
    }
    const mine = units.filter((u) => e.question.some((id) => u.ids.has(id)));
    if (mine.length && mine.every((u) => u.optional)) continue;
    const goldKeep = mine.some((u) => u.faq && !u.optional && e.answers.some((a) => u.answers.has(a)));
    const editorKeep = editor !== null && e.answers.some((a) => e.question.some((q) => editor.get(a)?.questions.has(q)));
    // A day only editors wrote up says which exchanges they kept, not which they dropped.
    if (!gold && !editorKeep) continue;
    out.push({ options: [e.faqValues], correct: goldKeep || editorKeep ? [0] : [], weight: gold ? weight : weight * 0.5 });
  }
  return out;
}

export function fitFaq(choices: readonly Choice[], rules: ExchangeRules, opts: { l2: number; threshold: number }): FittedFaq {
  const ids = faqFeatureIds(rules);
  // The hand-set score is a clamped sum kept at faqThreshold; as a logit it starts there.
  const prior = { bias: -rules.faqThreshold * 4, weights: faqHandWeights(rules).map((w) => w * 4) };
  const m = fitChoices(choices, { prior, l2: opts.l2 });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { bias: round(m.bias), threshold: opts.threshold, weights: Object.fromEntries(ids.map((id, k) => [id, round(m.weights[k]!)])) };
}
