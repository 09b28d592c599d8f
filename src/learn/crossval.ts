/**
 * Honest numbers: fit on some days, measure on the others. Days are dealt into K folds
 * in file order; each fold's days are run with the model fitted on every other day (and
 * on the silver decisions, which come from other days altogether), and the held-out
 * results are pooled. The same fit on all days, measured on those days, is the
 * in-sample number beside it: the gap between the two is what the fit memorised.
 */
import type { Doc } from '../model.js';
import type { Resources } from '../resources.js';
import type { Choice } from './choice.js';
import { applyModel, fitModel, type FitSettings, type FittedModel, type LabelledDay } from './model.js';

export interface CrossValidation {
  /** Every day run by the fold that held it out, in the order given. */
  heldOut: Doc[];
  /** Every day run with the fit on all days. */
  inSample: Doc[];
  all: FittedModel;
  folds: FittedModel[];
}

/** Fold of each day: position in file order, modulo k. */
export function foldOf(days: readonly { file: string }[], k: number): number[] {
  const order = days.map((d, i) => ({ f: d.file, i })).sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  const out = new Array<number>(days.length);
  order.forEach((x, n) => (out[x.i] = n % k));
  return out;
}

export function crossValidate(days: readonly LabelledDay[], silver: readonly Choice[], res: Resources, k: number, s: FitSettings): CrossValidation {
  const fold = foldOf(days, k);
  const folds: FittedModel[] = [];
  const heldOut: Doc[] = new Array(days.length);
  for (let f = 0; f < k; f++) {
    const test = days.flatMap((_, i) => (fold[i] === f ? [i] : []));
    if (test.length === 0) continue;
    const model = fitModel(days.filter((_, i) => fold[i] !== f), silver, res, s);
    folds.push(model);
    for (const i of test) heldOut[i] = applyModel(days[i]!.doc, res, model);
  }
  const all = fitModel(days, silver, res, s);
  return { heldOut, inSample: days.map((d) => applyModel(d.doc, res, all)), all, folds };
}
