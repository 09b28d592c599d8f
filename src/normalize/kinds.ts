/**
 * Message kinds (image, sticker, check-in, news digest …) decided by the ordered rules
 * in rules/noise.yaml: the first rule whose conditions all hold sets the kind; a message
 * no rule takes is `text`. The engine knows conditions, the file knows WeChat.
 */
import { z } from 'zod';
import type { MessageKind } from '../model.js';
import { compile, regexSource, ruleBase } from '../rules/schema.js';

export const kindRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.string().regex(/^[a-z][a-z-]*$/, 'a kind is a lower-case word, e.g. checkin'),
    /** JavaScript regular expression (`u` flag); found anywhere unless `whole`. */
    pattern: regexSource.optional(),
    /** The pattern must match the whole normalized text. */
    whole: z.boolean().default(false),
    ignoreCase: z.boolean().default(false),
    /** Length limits on the normalized text, in characters (code points). */
    maxLength: z.number().int().min(0).optional(),
    minLength: z.number().int().min(0).optional(),
    /** Pattern the speaker's display name must contain (e.g. a moderator mark). */
    speakerPattern: regexSource.optional(),
  })
  .strict()
  .refine(
    (r) => r.pattern !== undefined || r.maxLength !== undefined || r.minLength !== undefined || r.speakerPattern !== undefined,
    { message: 'a kind rule needs at least one of pattern, maxLength, minLength, speakerPattern' },
  )
  .refine((r) => !r.whole || r.pattern !== undefined, { message: '`whole` needs a `pattern`', path: ['whole'] });

export type KindRuleSpec = z.infer<typeof kindRuleSchema>;

export interface KindRule {
  id: string;
  description: string;
  kind: MessageKind;
  regex: RegExp | null;
  speaker: RegExp | null;
  maxLength: number | undefined;
  minLength: number | undefined;
  spec: KindRuleSpec;
}

export function compileKindRule(spec: KindRuleSpec): KindRule {
  const flags = spec.ignoreCase ? 'i' : '';
  return {
    id: spec.id,
    description: spec.description,
    kind: spec.kind,
    regex: spec.pattern === undefined ? null : compile(spec.whole ? `^(?:${spec.pattern})$` : spec.pattern, flags),
    speaker: spec.speakerPattern === undefined ? null : compile(spec.speakerPattern, flags),
    maxLength: spec.maxLength,
    minLength: spec.minLength,
    spec,
  };
}

export function ruleMatches(rule: KindRule, text: string, speaker: string): boolean {
  const length = [...text].length;
  if (rule.maxLength !== undefined && length > rule.maxLength) return false;
  if (rule.minLength !== undefined && length < rule.minLength) return false;
  if (rule.speaker && !rule.speaker.test(speaker)) return false;
  if (rule.regex && !rule.regex.test(text)) return false;
  return true;
}

export interface KindDecision {
  kind: MessageKind;
  /** The rule that set the kind; null for plain text. */
  rule: string | null;
}

/** First matching rule wins; `text` when none does. */
export function classifyKind(text: string, speaker: string, rules: readonly KindRule[]): KindDecision {
  for (const rule of rules) {
    if (ruleMatches(rule, text, speaker)) return { kind: rule.kind, rule: rule.id };
  }
  return { kind: 'text', rule: null };
}
