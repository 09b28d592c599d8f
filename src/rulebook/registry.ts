/**
 * The registry: every rule file, its schema, and where in it the rules of each kind
 * stand. A rule is any map with an `id` in a rule file; its kind comes from where it
 * stands (a section), never from its id, so an editor can rename or add rules freely.
 * `chatkb rules` lists what this finds; `chatkb rules test` runs the examples.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { questionRulesSchema } from '../analyze/questions.js';
import { exchangeRulesSchema } from '../assemble/rules.js';
import { topicsSchema } from '../assemble/topics.js';
import { diagnostic } from '../diagnostics.js';
import { glossaryRulesSchema } from '../glossary/rules.js';
import { linkRulesSchema } from '../link/rules.js';
import type { Diagnostic } from '../model.js';
import { addressingRulesSchema } from '../normalize/nicks.js';
import { noiseFileSchema } from '../normalize/rules.js';
import { speakerRulesSchema } from '../normalize/speakers.js';
import { redactFileSchema } from '../redact/rules.js';
import { fittedSchema } from '../rules/fitted.js';
import { examplesSchema, type Examples } from '../rules/examples.js';
import { DataFileError, loadYaml, readYamlWithLines } from '../rules/load.js';

/** The kinds of rule the engine knows; src/rulebook/kinds.ts says how each is judged. */
export type KindName =
  | 'cue'
  | 'feature'
  | 'link'
  | 'detector'
  | 'kind'
  | 'parser'
  | 'address'
  | 'redact'
  | 'topic'
  | 'stop'
  | 'definition'
  | 'term-question'
  | 'bilingual'
  | 'quality';

export interface RuleFile {
  /** The file name in the rules folder. */
  name: string;
  schema: z.ZodType;
  /**
   * Where rules stand and what kind they are: key paths joined by `.`, with `[]` for any
   * list item and `*` for any key; `''` is the file itself. The first that fits wins.
   */
  sections: readonly { at: string; kind: KindName }[];
  /** The file may be absent (generated files). */
  optional?: boolean;
}

export const RULE_FILES: readonly RuleFile[] = [
  {
    name: 'noise.yaml',
    schema: noiseFileSchema,
    sections: [
      { at: 'kinds[]', kind: 'kind' },
      { at: 'duplicates', kind: 'detector' },
    ],
  },
  { name: 'speakers.yaml', schema: speakerRulesSchema, sections: [{ at: '', kind: 'parser' }] },
  {
    name: 'addressing.yaml',
    schema: addressingRulesSchema,
    sections: [
      { at: 'forms[]', kind: 'address' },
      { at: '', kind: 'detector' },
    ],
  },
  {
    name: 'questions.yaml',
    schema: questionRulesSchema,
    sections: [
      { at: 'cues[]', kind: 'cue' },
      { at: 'exclusions[]', kind: 'cue' },
      { at: '*', kind: 'feature' },
    ],
  },
  {
    name: 'linking.yaml',
    schema: linkRulesSchema,
    sections: [
      { at: 'explicit.mentionTarget.features.*', kind: 'feature' },
      { at: 'explicit.*', kind: 'link' },
      { at: 'units', kind: 'link' },
      { at: 'implicit.features.*', kind: 'feature' },
      { at: 'implicit.toChannel[]', kind: 'cue' },
      { at: 'implicit', kind: 'link' },
      { at: 'answers.features.*', kind: 'feature' },
      { at: 'answers.typeMatches[]', kind: 'feature' },
      { at: 'answers', kind: 'link' },
      { at: 'talks', kind: 'detector' },
      { at: 'answerCues[]', kind: 'cue' },
      { at: 'notAnswer[]', kind: 'cue' },
      { at: 'closureCues[]', kind: 'cue' },
    ],
  },
  {
    name: 'exchanges.yaml',
    schema: exchangeRulesSchema,
    sections: [
      { at: 'features.*', kind: 'feature' },
      { at: 'questionRules[]', kind: 'cue' },
      { at: '*', kind: 'detector' },
    ],
  },
  { name: 'topics.yaml', schema: topicsSchema, sections: [{ at: 'topics[]', kind: 'topic' }] },
  { name: 'redact.yaml', schema: redactFileSchema, sections: [{ at: 'rules[]', kind: 'redact' }] },
  // Weights fitted by `chatkb fit` for the rules above: data about rules, no rules of its own.
  { name: 'fitted.yaml', schema: fittedSchema, sections: [], optional: true },
  {
    name: 'glossary.yaml',
    schema: glossaryRulesSchema,
    sections: [
      { at: 'stopPatterns[]', kind: 'stop' },
      { at: 'definitions[]', kind: 'definition' },
      { at: 'termQuestions[]', kind: 'term-question' },
      { at: 'bilingual[]', kind: 'bilingual' },
      { at: 'definitionQuality.signals[]', kind: 'quality' },
    ],
  },
];

/** One rule as the registry knows it. */
export interface RuleEntry {
  id: string;
  /** The rule file (path as under the rules folder given). */
  file: string;
  line: number;
  kind: KindName;
  description: string;
  /** Key path of the rule in its file. */
  path: (string | number)[];
  examples: Examples;
  /** The rule as written (after validation of its file). */
  spec: Record<string, unknown>;
  /** The line of a case: `examples.fires[k]` or `examples.quiet[k]`. */
  caseLine(which: 'fires' | 'quiet', k: number): number;
}

export interface Rulebook {
  rules: RuleEntry[];
  /** Files that could not be read, rules where no section fits, ids used twice. */
  diagnostics: Diagnostic[];
}

function fits(pattern: string, path: readonly (string | number)[]): boolean {
  const want = pattern === '' ? [] : pattern.split('.').flatMap((seg) => (seg.endsWith('[]') ? [seg.slice(0, -2), '[]'] : [seg])).filter((s) => s !== '');
  if (want.length !== path.length) return false;
  return want.every((w, i) => (w === '[]' ? typeof path[i] === 'number' : w === '*' ? typeof path[i] === 'string' : w === path[i]));
}

/** Every rule of every file in `rulesDir`, in file and document order. */
export function readRulebook(rulesDir: string, files: readonly RuleFile[] = RULE_FILES): Rulebook {
  const rules: RuleEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, RuleEntry>();
  for (const spec of files) {
    const file = join(rulesDir, spec.name);
    if (!existsSync(file)) {
      if (spec.optional) continue;
      diagnostics.push(diagnostic('rules', 'error', file, 1, 'rule file not found'));
      continue;
    }
    let doc;
    try {
      loadYaml(file, spec.schema);
      doc = readYamlWithLines(file);
    } catch (e) {
      if (!(e instanceof DataFileError)) throw e;
      diagnostics.push(...e.toDiagnostics('rules'));
      continue;
    }
    const { data, lineOf } = doc;
    const walk = (node: unknown, path: (string | number)[]) => {
      if (Array.isArray(node)) return node.forEach((x, i) => walk(x, [...path, i]));
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (typeof o.id === 'string' && typeof o.description === 'string') {
        const line = lineOf(path);
        const section = spec.sections.find((s) => fits(s.at, path));
        if (!section) {
          diagnostics.push(diagnostic('rules', 'error', file, line, `a rule at ${path.join('.') || 'the top'} stands where the registry (src/rulebook/registry.ts) knows no kind of rule`, { ruleId: o.id }));
        } else {
          const entry: RuleEntry = {
            id: o.id,
            file,
            line,
            kind: section.kind,
            description: o.description,
            path,
            examples: examplesSchema.parse(o.examples ?? {}),
            spec: o,
            caseLine: (which, k) => lineOf([...path, 'examples', which, k]),
          };
          const twin = seen.get(o.id);
          if (twin) diagnostics.push(diagnostic('rules', 'error', file, line, `rule id ${o.id} is used twice (also ${twin.file}:${twin.line})`, { ruleId: o.id }));
          seen.set(o.id, entry);
          rules.push(entry);
        }
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'examples') walk(v, [...path, k]);
    };
    walk(data, []);
  }
  return { rules, diagnostics };
}
