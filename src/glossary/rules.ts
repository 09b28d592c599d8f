/**
 * rules/glossary.yaml: the thresholds and stop lists of term discovery, and the patterns
 * that mine definitions, term questions and bilingual pairs from chat. Validated on load
 * with file:line:column errors.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../paths.js';
import { loadYaml, parseYaml } from '../rules/load.js';
import { compile, regexSource, ruleBase, uniqueIds } from '../rules/schema.js';
import type { RelationRules } from './relations.js';
import { compileQuality, qualitySchema, type QualityRules } from './quality.js';
import { checkDefinitionPatterns, compileDefinitionRules, definitionSectionsSchema, type DefinitionRules } from './definitions.js';

const stopPatternSchema = z.object({ ...ruleBase, pattern: regexSource }).strict();

const positive = z.number().positive();
const count = z.number().int().min(1);

export const discoverySchema = z
  .object({
    skipKinds: z.array(z.string()).default([]),
    minOccurrences: count,
    minDocuments: count,
    maxCandidates: count,
    examples: z.number().int().min(0),
    exampleLength: z.number().int().min(20),
    chinese: z
      .object({
        minLength: z.number().int().min(2),
        maxLength: z.number().int().min(2).max(10),
        minCohesion: z.number(),
        minEntropy: z.number().min(0),
        minSpecificity: z.number(),
        composeRatio: positive,
        nestedShare: z.number().min(0).max(1),
        maxAffix: z.number().int().min(0),
        properNounTags: z.array(z.string()).default([]),
        properPrefixTags: z.array(z.string()).default([]),
        generalTags: z.array(z.string()).default([]),
        contextBase: z.number().min(0),
        minContext: z.number().min(0).max(1).default(0),
        capEntropy: positive,
        capSpecificity: positive,
        capCohesion: positive,
      })
      .strict()
      .refine((c) => c.minLength <= c.maxLength, { message: 'minLength is more than maxLength', path: ['minLength'] }),
    english: z
      .object({
        minWords: count,
        minLatinShare: z.number().min(0).max(1),
        maxWords: count,
        minOccurrences: count,
        minDocuments: count,
        maxAffix: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();

export const relationsSchema = z
  .object({
    span: count,
    minCount: count,
    minDocuments: count,
    minNpmi: z.number().min(-1).max(1),
    max: z.number().int().min(0),
  })
  .strict();

export const glossaryRulesSchema = z
  .object({
    discovery: discoverySchema,
    relations: relationsSchema,
    definitionQuality: qualitySchema,
    stopWords: z.array(z.string().min(1)).default([]),
    names: z.array(z.string().min(2, 'a name is at least two characters')).default([]),
    stopPatterns: z.array(stopPatternSchema).default([]),
    ...definitionSectionsSchema.shape,
  })
  .strict()
  .superRefine((f, ctx) => {
    uniqueIds(f.stopPatterns, ctx, 'stopPatterns');
    uniqueIds(f.definitions, ctx, 'definitions');
    uniqueIds(f.termQuestions, ctx, 'termQuestions');
    uniqueIds(f.bilingual, ctx, 'bilingual');
    checkDefinitionPatterns(f, ctx);
  });

export type GlossaryRulesFile = z.infer<typeof glossaryRulesSchema>;
export type DiscoveryRules = z.infer<typeof discoverySchema>;

export interface StopPattern {
  id: string;
  description: string;
  regex: RegExp;
  spec: z.infer<typeof stopPatternSchema>;
}

export interface GlossaryRules {
  file: string;
  discovery: DiscoveryRules;
  /** How related terms are found from co-occurrence (src/glossary/relations.ts). */
  relations: RelationRules;
  /** How mined definitions are ranked (src/glossary/quality.ts). */
  quality: QualityRules;
  /** Folded (lower-case) stop words. */
  stopWords: Set<string>;
  /** Folded names of companies, brands and apps: never candidates, nor strings that start with one. */
  names: string[];
  stopPatterns: StopPattern[];
  definitions: DefinitionRules;
}

export function defaultGlossaryRulesFile(root = PACKAGE_ROOT): string {
  return join(root, 'rules', 'glossary.yaml');
}

function toRules(file: string, spec: GlossaryRulesFile): GlossaryRules {
  return {
    file,
    discovery: spec.discovery,
    relations: spec.relations,
    quality: compileQuality(spec.definitionQuality),
    stopWords: new Set(spec.stopWords.map((w) => w.toLowerCase())),
    names: [...new Set(spec.names.map((w) => w.toLowerCase()))],
    stopPatterns: spec.stopPatterns.map((p) => ({ id: p.id, description: p.description, regex: compile(p.pattern, 'i'), spec: p })),
    definitions: compileDefinitionRules(spec),
  };
}

/** Load and validate rules/glossary.yaml; throws DataFileError with file:line:col problems. */
export function loadGlossaryRules(file = defaultGlossaryRulesFile()): GlossaryRules {
  return toRules(file, loadYaml(file, glossaryRulesSchema));
}

export function parseGlossaryRules(text: string, file = '<glossary rules>'): GlossaryRules {
  return toRules(file, parseYaml(text, file, glossaryRulesSchema));
}

/**
 * The stop rule that rejects `s` (a stop word, a name or a string that starts with one
 * (乐视网 of 乐视), or the id of a stop pattern), or null.
 */
export function stopReason(s: string, rules: Pick<GlossaryRules, 'stopWords' | 'stopPatterns'> & Partial<Pick<GlossaryRules, 'names'>>): string | null {
  const folded = s.toLowerCase();
  if (rules.stopWords.has(folded)) return 'stop/word';
  if (rules.names?.some((n) => folded.startsWith(n))) return 'stop/name';
  for (const p of rules.stopPatterns) if (p.regex.test(s)) return p.id;
  return null;
}

