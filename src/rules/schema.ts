/**
 * Building blocks for rule-file schemas. Every rule has an id and a one-line description
 * that --json output and FAQ front matter cite; patterns are checked to compile on load.
 */
import { z } from 'zod';
import { examplesSchema } from './examples.js';

/** A JavaScript regular expression source, compiled with the `u` flag. */
export const regexSource = z.string().min(1).superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
  }
});

export const ruleId = z.string().regex(/^[a-z][a-z0-9-]*(\/[a-z0-9-]+)*$/, 'a rule id is lower-case words joined by - and /, e.g. noise/checkin');

/** Fields every rule has: an id, a one-line description, and examples (src/rules/examples.ts). */
export const ruleBase = {
  id: ruleId,
  description: z.string().min(1),
  examples: examplesSchema.optional(),
};

/** Compile a validated pattern; `flags` add to `u`. */
/**
 * Every rule pattern compiled in this process, as it is used (anchors and flags included):
 * what the regular-expression timing test runs on pathological text
 * (test/rules/regex-timing.test.ts).
 */
export const compiledPatterns = new Map<string, RegExp>();

export function compile(src: string, flags = ''): RegExp {
  const re = new RegExp(src, `u${flags}`);
  compiledPatterns.set(`${re.flags}/${src}`, re);
  return re;
}

/** Fail when two rules in one file share an id. */
export function uniqueIds<T extends { id: string }>(rules: T[], ctx: z.RefinementCtx, at: string): void {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${r.id}`, path: [at, i, 'id'] });
    seen.add(r.id);
  });
}
