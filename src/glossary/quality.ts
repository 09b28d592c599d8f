/**
 * How good a mined definition is, so the glossary shows the best first: a sentence that
 * sets out to explain the term (指的是, 就是) beats a reply to "what is X?", a sentence that
 * opens with the term beats one that mentions it in passing, one idea of readable length
 * beats a fragment or a paragraph, and a hedged or joking line loses. The weights and
 * signal patterns are data (`definitionQuality` in rules/glossary.yaml); the score is
 * their sum, clamped to 0–1, with the rules that counted. Pure.
 */
import { z } from 'zod';
import { compile, regexSource, ruleBase, uniqueIds } from '../rules/schema.js';
import type { MinedDefinition } from './definitions.js';

const weight = z.number().min(-1).max(1);

export const qualitySchema = z
  .object({
    base: z.number().min(0).max(1),
    via: z.object({ pattern: weight, answer: weight }).strict(),
    termLead: z.object({ within: z.number().int().min(0), weight }).strict(),
    length: z
      .object({ from: z.number().int().min(1), to: z.number().int().min(1), weight })
      .strict()
      .refine((l) => l.from <= l.to, { message: 'from is more than to', path: ['from'] }),
    signals: z.array(z.object({ ...ruleBase, pattern: regexSource, weight }).strict()).default([]),
  })
  .strict()
  .superRefine((q, ctx) => uniqueIds(q.signals, ctx, 'signals'));

export type QualityFile = z.infer<typeof qualitySchema>;

export interface QualitySignal {
  id: string;
  regex: RegExp;
  weight: number;
}

export interface QualityRules extends Omit<QualityFile, 'signals'> {
  signals: QualitySignal[];
}

export function compileQuality(spec: QualityFile): QualityRules {
  return { ...spec, signals: spec.signals.map((s) => ({ id: s.id, regex: compile(s.pattern, 'i'), weight: s.weight })) };
}

export interface Quality {
  /** 0–1, two decimals. */
  score: number;
  /** What counted, e.g. `via/pattern`, `term-lead`, `length`, and signal ids. */
  reasons: string[];
}

/** The quality of one mined definition. */
export function definitionQuality(d: Pick<MinedDefinition, 'via' | 'form' | 'text'>, q: QualityRules): Quality {
  let score = q.base;
  const reasons: string[] = [];
  const add = (w: number, why: string) => {
    if (w === 0) return;
    score += w;
    reasons.push(why);
  };
  add(q.via[d.via], `via/${d.via}`);
  const at = d.form === '' ? -1 : d.text.indexOf(d.form);
  if (at >= 0 && [...d.text.slice(0, at)].length <= q.termLead.within) add(q.termLead.weight, 'term-lead');
  // The explanation itself: the text without the term and the mark of a cut.
  const len = [...d.text.replace(/…/g, '')].length - (at >= 0 ? [...d.form].length : 0);
  if (len >= q.length.from && len <= q.length.to) add(q.length.weight, 'length');
  for (const s of q.signals) if (s.regex.test(d.text)) add(s.weight, s.id);
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 100) / 100, reasons };
}
