// The conditional logit behind every fitted weight: it recovers weights that generated
// the data, pulls towards the hand-set ones as the penalty grows, and is deterministic.
import { describe, expect, it } from 'vitest';
import { choiceProbabilities, fitChoices, type Choice } from '../../src/learn/choice.js';

/** Decisions drawn from a known model, with a fixed pseudo-random sequence. */
function synthetic(bias: number, weights: number[], n: number): Choice[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Choice[] = [];
  for (let i = 0; i < n; i++) {
    const options = Array.from({ length: 1 + (i % 3) }, () => weights.map(() => rand() * 2));
    const p = choiceProbabilities({ bias, weights }, options);
    let r = rand();
    let pick = p.length - 1;
    for (let k = 0; k < p.length; k++) {
      if (r < p[k]!) {
        pick = k;
        break;
      }
      r -= p[k]!;
    }
    out.push({ options, correct: pick === p.length - 1 ? [] : [pick], weight: 1 });
  }
  return out;
}

describe('fitChoices', () => {
  const truth = { bias: -1, weights: [2, -1.5, 0] };
  const data = synthetic(truth.bias, truth.weights, 3000);

  it('recovers the weights that made the data, none option included', () => {
    const m = fitChoices(data, { prior: { bias: 0, weights: [0, 0, 0] }, l2: 1e-4 });
    expect(m.weights[0]).toBeCloseTo(2, 0);
    expect(m.weights[1]).toBeCloseTo(-1.5, 0);
    expect(Math.abs(m.weights[2]!)).toBeLessThan(0.3);
    expect(m.bias).toBeCloseTo(-1, 0);
  });

  it('stays at the hand-set weights when the penalty is strong', () => {
    const prior = { bias: 0, weights: [0.5, 0.5, 0.5] };
    const m = fitChoices(data, { prior, l2: 1e4 });
    m.weights.forEach((w) => expect(w).toBeCloseTo(0.5, 2));
  });

  it('is deterministic', () => {
    const a = fitChoices(data, { prior: { bias: 0, weights: [0, 0, 0] }, l2: 0.01 });
    const b = fitChoices(data, { prior: { bias: 0, weights: [0, 0, 0] }, l2: 0.01 });
    expect(a).toEqual(b);
  });

  it('leaves "none" out of decisions that only say which (given)', () => {
    // Every decision picks the candidate with the larger first feature; none never is the answer.
    const given: Choice[] = Array.from({ length: 200 }, (_, i) => ({
      options: [[i % 2 ? 1 : 0], [i % 2 ? 0 : 1]],
      correct: [i % 2 ? 0 : 1],
      weight: 1,
      given: true,
    }));
    const m = fitChoices(given, { prior: { bias: -5, weights: [0] }, l2: 1e-3 });
    expect(m.weights[0]).toBeGreaterThan(2);
    // Had "none" been an option, the data would have pushed the bias up (every decision answers).
    const withNone = fitChoices(given.map((c) => ({ ...c, given: false })), { prior: { bias: -5, weights: [0] }, l2: 1e-3 });
    expect(withNone.bias).toBeGreaterThan(m.bias + 2);
  });
});
