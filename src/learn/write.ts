/** rules/fitted.yaml as text: a header saying what made it, then the weights in rule order. */
import { Document } from 'yaml';
import type { Fitted } from '../rules/fitted.js';
import type { FittedModel } from './model.js';

export function fittedYaml(model: FittedModel, data: Record<string, unknown>): string {
  const fitted: Fitted = {
    version: 1,
    data,
    ...(model.questions ? { questions: model.questions } : {}),
    answers: model.answers,
    ...(model.faq ? { faq: model.faq } : {}),
    ...(model.quietTerms ? { terms: { quiet: model.quietTerms } } : {}),
  };
  const doc = new Document(fitted);
  doc.commentBefore =
    ' Weights fitted by `chatkb fit` on annotated chat days (see `data`), for the rules of\n' +
    ' questions.yaml, linking.yaml and exchanges.yaml, by id. Generated: do not edit. Change a rule or the\n' +
    ' data and run `chatkb fit` again; a weight for a rule that no longer exists is an error.\n' +
    ' Without this file the hand-set weights of the rule files are used. terms.quiet: glossary terms\n' +
    ' a transcript\'s term list leaves out, as annotators hardly ever list them (they stay in the glossary).';
  return doc.toString({ lineWidth: 0 });
}
