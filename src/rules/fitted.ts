/**
 * rules/fitted.yaml: weights fitted from annotated days by `chatkb fit`, kept as data next
 * to the rules they weigh. Every weight names its rule by id; the rule files stay the
 * source of what each rule is and of its hand-set weight (the fit's starting point).
 * Absent, the hand-set weights are used.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DataFileError, loadYaml, readYamlWithLines } from './load.js';
import { ruleId } from './schema.js';

const weights = z.record(ruleId, z.number());

export const fittedSchema = z
  .object({
    version: z.literal(1),
    /** What it was fitted on and how (for people; not read). */
    data: z.record(z.string(), z.unknown()).optional(),
    questions: z.object({ threshold: z.number(), weights }).strict().optional(),
    answers: z.object({ bias: z.number(), threshold: z.number().gt(0).lt(1), weights }).strict().optional(),
    faq: z.object({ bias: z.number(), threshold: z.number().gt(0).lt(1), weights }).strict().optional(),
    /** Glossary terms a transcript's term list leaves out (annotators hardly list them). */
    terms: z.object({ quiet: z.array(z.string().min(1)) }).strict().optional(),
  })
  .strict();

export type Fitted = z.infer<typeof fittedSchema>;

export const FITTED_FILE = 'fitted.yaml';

/** The fitted weights in `file`, or null when there is none. */
export function loadFitted(file: string): Fitted | null {
  return existsSync(file) ? loadYaml(file, fittedSchema) : null;
}

/**
 * Fail, at its line, on a weight for a rule the rule files do not have (renamed or removed
 * since the fit): the weights no longer describe these rules, and `chatkb fit` must run.
 */
export function checkFittedIds(file: string, fitted: Fitted, known: { questions: Set<string>; answers: Set<string>; faq: Set<string> }): void {
  const problems: { line: number; column: number; message: string; ruleId: string }[] = [];
  let lines: ReturnType<typeof readYamlWithLines> | null = null;
  for (const section of ['questions', 'answers', 'faq'] as const) {
    for (const id of Object.keys(fitted[section]?.weights ?? {})) {
      if (known[section].has(id)) continue;
      lines ??= readYamlWithLines(file);
      problems.push({ line: lines.lineOf([section, 'weights', id]), column: 5, message: `a weight for ${id}, which is no ${section} rule: refit with chatkb fit`, ruleId: id });
    }
  }
  if (problems.length) throw new DataFileError(file, problems);
}
