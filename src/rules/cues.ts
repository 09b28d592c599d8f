/**
 * The generic "cue" rule: a pattern or a list of words that, when present in a text,
 * contributes its weight. Question cues, answer cues, closure cues and linking features
 * are all cue rules; the files differ, the engine is this one.
 */
import { z } from 'zod';
import type { RuleHit } from '../model.js';
import { compile, regexSource, ruleBase } from './schema.js';

export const cueRuleSchema = z
  .object({
    ...ruleBase,
    weight: z.number(),
    /** A regular expression (JavaScript syntax, `u` flag; add `i` via `ignoreCase`). */
    pattern: regexSource.optional(),
    /** Words or phrases; any one of them fires the rule. ASCII words match on word boundaries. */
    words: z.array(z.string().min(1)).min(1).optional(),
    /** Where the words must stand: anywhere, at the start, or at the end (before closing punctuation). */
    position: z.enum(['anywhere', 'start', 'end']).default('anywhere'),
    ignoreCase: z.boolean().default(true),
    /** A label the rule gives the text when it fires (e.g. a question type). */
    tag: z.string().optional(),
    /** The language the rule reads, when it reads one only (`en`: English sentences). */
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict()
  .refine((r) => (r.pattern === undefined) !== (r.words === undefined), {
    message: 'a cue rule has exactly one of `pattern` or `words`',
  });

export type CueRuleSpec = z.infer<typeof cueRuleSchema>;

export interface CueRule {
  id: string;
  description: string;
  weight: number;
  tag: string | undefined;
  regex: RegExp;
  spec: CueRuleSpec;
}

const TRAILING = String.raw`[\s\p{P}\p{S}~～]*$`;

export function compileCue(spec: CueRuleSpec): CueRule {
  let source: string;
  if (spec.pattern !== undefined) {
    source = spec.pattern;
  } else {
    const alts = [...spec.words!]
      .sort((a, b) => b.length - a.length)
      .map((w) => {
        const e = escapeRegex(w);
        // ASCII words need boundaries so "ma" does not fire inside "format".
        return /^[\x20-\x7e]+$/.test(w) ? String.raw`(?<![A-Za-z0-9_])${e}(?![A-Za-z0-9_])` : e;
      });
    const body = `(?:${alts.join('|')})`;
    source = spec.position === 'start' ? `^\\s*${body}` : spec.position === 'end' ? `${body}${TRAILING}` : body;
  }
  return {
    id: spec.id,
    description: spec.description,
    weight: spec.weight,
    tag: spec.tag,
    regex: compile(source, spec.ignoreCase ? 'i' : ''),
    spec,
  };
}

/** Every rule that fires on `text`, each once, with what it matched. */
export function fireCues(rules: readonly CueRule[], text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const r of rules) {
    const m = r.regex.exec(text);
    if (m) hits.push({ rule: r.id, weight: r.weight, match: m[0].trim() || m[0] });
  }
  return hits;
}

export function sumWeights(hits: readonly RuleHit[]): number {
  return hits.reduce((s, h) => s + h.weight, 0);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
