/**
 * A conditional logit with a "none" option, fitted by L-BFGS: each decision chooses one
 * of its candidates or none, candidate c scoring s_c = bias + w·x_c and none scoring 0,
 * so P(c) = e^{s_c} / (1 + Σ e^{s}). This is the answer scorer's own form (σ(bias + Σ)
 * against a threshold), so fitted weights drop into the rule file's features unchanged.
 *
 * The fit minimises the weighted negative log-likelihood (several right candidates: their
 * probabilities add up) plus an L2 penalty that pulls each weight towards its hand-set
 * value in the rule file, measured on standardised features, so a weight the data says
 * little about stays what the editor wrote. Deterministic: no randomness, fixed steps.
 */

export interface Choice {
  /** Feature values of each candidate (all of one length). */
  options: number[][];
  /** Indices of the right candidates; empty when the right answer is "none". */
  correct: number[];
  /** How much this decision counts (gold 1, weaker sources less). */
  weight: number;
  /**
   * Only which candidate, not whether any: "none" is left out of the choice. For sources
   * that name answers but not non-answers (editors' write-ups, silver links), which would
   * otherwise teach that everything answers.
   */
  given?: boolean;
}

export interface ChoiceModel {
  bias: number;
  weights: number[];
}

export interface FitOptions {
  /** The hand-set model the penalty pulls towards. */
  prior: ChoiceModel;
  /** Penalty strength per standardised weight. */
  l2: number;
  iterations?: number;
}

interface Scaled {
  mean: number[];
  sd: number[];
}

function scaling(data: readonly Choice[], dims: number): Scaled {
  const mean = new Array<number>(dims).fill(0);
  const sq = new Array<number>(dims).fill(0);
  let n = 0;
  for (const c of data) {
    for (const x of c.options) {
      n++;
      for (let j = 0; j < dims; j++) {
        mean[j]! += x[j]!;
        sq[j]! += x[j]! * x[j]!;
      }
    }
  }
  const sd = mean.map((m, j) => {
    const mu = n ? m / n : 0;
    const v = n ? sq[j]! / n - mu * mu : 0;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  return { mean: mean.map((m) => (n ? m / n : 0)), sd };
}

/** Objective and gradient over θ = [bias', w'] in standardised space. */
function objective(theta: Float64Array, data: readonly Choice[], s: Scaled, priorZ: Float64Array, l2: number, grad: Float64Array): number {
  const dims = s.sd.length;
  grad.fill(0);
  let total = 0;
  let weights = 0;
  const scores: number[] = [];
  for (const c of data) {
    weights += c.weight;
    scores.length = 0;
    let max = c.given ? -Infinity : 0;
    for (const x of c.options) {
      let v = theta[0]!;
      for (let j = 0; j < dims; j++) v += theta[j + 1]! * ((x[j]! - s.mean[j]!) / s.sd[j]!);
      scores.push(v);
      if (v > max) max = v;
    }
    if (c.given) max = Math.max(...scores);
    let z = c.given ? 0 : Math.exp(-max);
    for (const v of scores) z += Math.exp(v - max);
    const logZ = max + Math.log(z);
    let logY: number;
    let zy = 0;
    if (c.correct.length === 0) logY = 0;
    else {
      let my = -Infinity;
      for (const k of c.correct) my = Math.max(my, scores[k]!);
      for (const k of c.correct) zy += Math.exp(scores[k]! - my);
      logY = my + Math.log(zy);
    }
    total += c.weight * (logZ - logY);
    c.options.forEach((x, k) => {
      const p = Math.exp(scores[k]! - logZ);
      const q = c.correct.includes(k) ? Math.exp(scores[k]! - logY) : 0;
      const d = c.weight * (p - q);
      if (d === 0) return;
      grad[0]! += d;
      for (let j = 0; j < dims; j++) grad[j + 1]! += d * ((x[j]! - s.mean[j]!) / s.sd[j]!);
    });
  }
  const n = weights || 1;
  total /= n;
  for (let j = 0; j < grad.length; j++) grad[j]! /= n;
  for (let j = 0; j < dims; j++) {
    const d = theta[j + 1]! - priorZ[j]!;
    total += 0.5 * l2 * d * d;
    grad[j + 1]! += l2 * d;
  }
  return total;
}

/** Minimise with L-BFGS (memory 8) and a backtracking line search. */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, iterations: number): Float64Array {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
  for (let it = 0; it < iterations; it++) {
    // Two-loop recursion: d = -H·g.
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = dot(S[k]!, q) / dot(Y[k]!, S[k]!);
      alpha[k] = a;
      for (let i = 0; i < n; i++) q[i]! -= a * Y[k]![i]!;
    }
    const gamma = S.length ? dot(S.at(-1)!, Y.at(-1)!) / dot(Y.at(-1)!, Y.at(-1)!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) q[i]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = dot(Y[k]!, q) / dot(Y[k]!, S[k]!);
      for (let i = 0; i < n; i++) q[i]! += S[k]![i]! * (alpha[k]! - b);
    }
    const d = q.map((v) => -v);
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction: restart from the gradient.
      S.length = 0;
      Y.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + step * d[i]!;
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn < fx)) break;
    const s = xn.map((v, i) => v - x[i]!);
    const y = gn.map((v, i) => v - g[i]!);
    if (dot(s, y) > 1e-12) {
      S.push(s);
      Y.push(y);
      if (S.length > 8) {
        S.shift();
        Y.shift();
      }
    }
    const done = fx - fn < 1e-10 * Math.max(1, Math.abs(fx));
    x = Float64Array.from(xn);
    g = Float64Array.from(gn);
    fx = fn;
    if (done) break;
  }
  return x;
}

/** Fit the model; weights come back in the features' own units. */
export function fitChoices(data: readonly Choice[], opts: FitOptions): ChoiceModel {
  const dims = opts.prior.weights.length;
  const s = scaling(data, dims);
  const priorZ = Float64Array.from(opts.prior.weights.map((w, j) => w * s.sd[j]!));
  const theta0 = new Float64Array(dims + 1);
  theta0[0] = opts.prior.bias + opts.prior.weights.reduce((a, w, j) => a + w * s.mean[j]!, 0);
  priorZ.forEach((v, j) => (theta0[j + 1] = v));
  const theta = lbfgs((x, g) => objective(x, data, s, priorZ, opts.l2, g), theta0, opts.iterations ?? 200);
  const weights = Array.from({ length: dims }, (_, j) => theta[j + 1]! / s.sd[j]!);
  const bias = theta[0]! - weights.reduce((a, w, j) => a + w * s.mean[j]!, 0);
  return { bias, weights };
}

/** The model's probability for each candidate (and, last, for none). */
export function choiceProbabilities(model: ChoiceModel, options: readonly number[][]): number[] {
  const scores = options.map((x) => model.bias + x.reduce((a, v, j) => a + v * model.weights[j]!, 0));
  const max = Math.max(0, ...scores);
  const z = Math.exp(-max) + scores.reduce((a, v) => a + Math.exp(v - max), 0);
  return [...scores.map((v) => Math.exp(v - max) / z), Math.exp(-max) / z];
}
