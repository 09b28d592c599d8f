/**
 * The fitted model as one piece: question cue weights, then answer weights fitted on the
 * questions those weights find. Fitting reads labelled days (gold, editors' write-ups) and
 * silver decisions; applying it is running the stages from `analyze` on with the weights.
 */
import type { Gold } from '../eval/index.js';
import type { Doc } from '../model.js';
import { rerun } from '../pipeline.js';
import type { Resources } from '../resources.js';
import { answerChoices, fitAnswers, withAnswerWeights, type FittedAnswers } from './answers.js';
import type { Choice } from './choice.js';
import { goldLabels, mergeLabels, type Labels } from './labels.js';
import { fitQuestions, questionChoices, withQuestionWeights, type FittedQuestions } from './questions.js';
import { withFaqWeights, type FittedFaq } from '../assemble/rules.js';
import { faqChoices, fitFaq } from './faq.js';
import { fitQuietTerms } from './terms.js';

/** A day to fit on: its doc (run with the hand-set rules) and what is known of it. */
export interface LabelledDay {
  file: string;
  doc: Doc;
  gold: Gold | null;
  /** Labels from editors' write-ups of the day (positives only). */
  editor: Labels | null;
  /** Editors' approve/reject decisions in a knowledge base: question message id → kept. */
  decisions?: ReadonlyMap<string, boolean> | null;
}

export interface FitSettings {
  /** Penalty towards the hand-set weights (standardised), for questions and answers. */
  l2: { questions: number; answers: number };
  /** Where a question is decided (probability), and where an answer is. */
  questionProbability: number;
  answerThreshold: number;
  /** Rounds of refitting the answers on the decisions the fitted weights make themselves. */
  rounds: number;
  /** Fit the question weights too (else the hand-set ones stay). */
  questions: boolean;
  /** How much an editor's chosen question counts as a question (a gold day's messages count 1). */
  editorQuestionWeight: number;
  /** Fit FAQ-worthiness, kept at this probability (null: the hand-set score stays). */
  faqThreshold: number | null;
}

export const DEFAULT_FIT: FitSettings = {
  l2: { questions: 0.1, answers: 0.1 },
  questionProbability: 0.5,
  answerThreshold: 0.2,
  rounds: 2,
  questions: true,
  editorQuestionWeight: 0.2,
  faqThreshold: 0.2,
};

export interface FittedModel {
  questions: FittedQuestions | null;
  answers: FittedAnswers;
  faq: FittedFaq | null;
  /** Terms left out of a transcript's term list (null: none). */
  quietTerms: string[] | null;
}

export function resourcesWith(res: Resources, model: Partial<FittedModel>): Resources {
  return {
    ...res,
    ...(model.questions ? { questions: withQuestionWeights(res.questions, model.questions) } : {}),
    ...(model.answers ? { linking: withAnswerWeights(res.linking, model.answers) } : {}),
    ...(model.faq ? { exchanges: withFaqWeights(res.exchanges, model.faq) } : {}),
    ...(model.quietTerms ? { quietTerms: new Set(model.quietTerms) } : {}),
  };
}

const FROM_ANALYSIS = ['analyze', 'units', 'talks', 'link', 'assemble', 'terms'];

/** A doc run again from question detection on with the fitted weights. */
export function applyModel(doc: Doc, res: Resources, model: Partial<FittedModel>): Doc {
  return rerun(doc, resourcesWith(res, model), model.questions ? FROM_ANALYSIS : ['link', 'assemble', 'terms']);
}

/** The question messages of an editor's labels. */
function editorQuestions(editor: Labels | null): Set<string> {
  return new Set(editor ? [...editor.values()].flatMap((l) => [...l.questions]) : []);
}

function labelsOf(doc: Doc, day: LabelledDay): Labels {
  const gold = day.gold ? goldLabels(doc, day.gold) : new Map();
  return day.editor ? mergeLabels(gold, day.editor) : gold;
}

export function fitModel(days: readonly LabelledDay[], silver: readonly Choice[], res: Resources, s: FitSettings): FittedModel {
  let questions: FittedQuestions | null = null;
  let docs = days.map((d) => d.doc);
  if (s.questions) {
    const qc = days.flatMap((d) => questionChoices(d.doc, d.gold, res.questions, editorQuestions(d.editor), s.editorQuestionWeight));
    questions = fitQuestions(qc, res.questions, { l2: s.l2.questions, probability: s.questionProbability });
    const qres = resourcesWith(res, { questions });
    docs = docs.map((d) => rerun(d, qres, FROM_ANALYSIS));
  }
  const qres = resourcesWith(res, { questions });
  const labels = days.map((d, i) => labelsOf(docs[i]!, d));
  const data = [...docs.flatMap((d, i) => answerChoices(d, qres.linking, labels[i]!)), ...silver];
  const fit = () => fitAnswers(data, qres.linking, { l2: s.l2.answers, threshold: s.answerThreshold });
  let answers = fit();
  for (let r = 0; r < s.rounds; r++) {
    const rules = withAnswerWeights(qres.linking, answers);
    docs.forEach((d, i) => data.push(...answerChoices(d, rules, labels[i]!, false)));
    answers = fit();
  }
  let faq: FittedFaq | null = null;
  if (s.faqThreshold !== null) {
    // The exchanges the fitted questions and answers make on the training days.
    const ares = resourcesWith(res, { questions, answers });
    const fc = days.flatMap((d, i) => faqChoices(rerun(docs[i]!, ares, ['link', 'assemble']), d.gold, d.editor, 1, d.decisions ?? null));
    faq = fitFaq(fc, res.exchanges, { l2: s.l2.answers, threshold: s.faqThreshold });
  }
  return { questions, answers, faq, quietTerms: fitQuietTerms(days, res.terms) };
}
