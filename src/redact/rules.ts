/** rules/redact.yaml: which personal data to replace in every output, and how to tell it. */
import { z } from 'zod';
import { loadYaml, parseYaml } from '../rules/load.js';
import { compile, regexSource, ruleBase, uniqueIds } from '../rules/schema.js';
import { CHECKS, type CheckName } from './checks.js';

const redactRuleSchema = z
  .object({
    ...ruleBase,
    pattern: regexSource,
    ignoreCase: z.boolean().default(false),
    replace: z.string().min(1),
    check: z.enum(Object.keys(CHECKS) as [CheckName, ...CheckName[]]).optional(),
  })
  .strict();

export const redactFileSchema = z
  .object({ rules: z.array(redactRuleSchema).min(1) })
  .strict()
  .superRefine((f, ctx) => uniqueIds(f.rules, ctx, 'rules'));

export type RedactFileSpec = z.infer<typeof redactFileSchema>;

export interface RedactRule {
  id: string;
  description: string;
  /** Global: applied with `replace`, so `lastIndex` never leaks between calls. */
  regex: RegExp;
  replace: string;
  check: ((match: string) => boolean) | null;
}

export function compileRedactRules(spec: RedactFileSpec): RedactRule[] {
  return spec.rules.map((r) => ({
    id: r.id,
    description: r.description,
    regex: compile(r.pattern, r.ignoreCase ? 'gi' : 'g'),
    replace: r.replace,
    check: r.check ? CHECKS[r.check] : null,
  }));
}

export function parseRedactRules(text: string, file: string): RedactRule[] {
  return compileRedactRules(parseYaml(text, file, redactFileSchema));
}

export function loadRedactRules(file: string): RedactRule[] {
  return compileRedactRules(loadYaml(file, redactFileSchema));
}
