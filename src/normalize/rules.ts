/**
 * The normalize stage's rule files: rules/noise.yaml (kinds, duplicates) and
 * rules/speakers.yaml (display-name recognisers), validated with line/column errors.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadYaml, parseYaml } from '../rules/load.js';
import { uniqueIds } from '../rules/schema.js';
import { duplicateRulesSchema, type DuplicateRules } from './duplicates.js';
import { compileKindRule, kindRuleSchema, type KindRule } from './kinds.js';
import { compileSpeakerRules, speakerRulesSchema, type SpeakerRules } from './speakers.js';

export const noiseFileSchema = z
  .object({
    kinds: z.array(kindRuleSchema).min(1),
    duplicates: duplicateRulesSchema,
  })
  .strict()
  .superRefine((file, ctx) => uniqueIds(file.kinds, ctx, 'kinds'));

export type NoiseFile = z.infer<typeof noiseFileSchema>;

export interface NormalizeRules {
  kinds: KindRule[];
  duplicates: DuplicateRules;
  speakers: SpeakerRules;
}

export const NOISE_FILE = 'noise.yaml';
export const SPEAKERS_FILE = 'speakers.yaml';

export function compileNormalizeRules(noise: NoiseFile, speakers: z.infer<typeof speakerRulesSchema>): NormalizeRules {
  return {
    kinds: noise.kinds.map(compileKindRule),
    duplicates: noise.duplicates,
    speakers: compileSpeakerRules(speakers),
  };
}

/** Read and validate the rule files in `rulesDir`; throws DataFileError with file:line:col. */
export function loadNormalizeRules(rulesDir: string): NormalizeRules {
  const noise = loadYaml(join(rulesDir, NOISE_FILE), noiseFileSchema);
  const speakers = loadYaml(join(rulesDir, SPEAKERS_FILE), speakerRulesSchema);
  return compileNormalizeRules(noise, speakers);
}

/** The same from texts (tests, tools); `files` name them in errors. */
export function parseNormalizeRules(
  noiseText: string,
  speakersText: string,
  files = { noise: NOISE_FILE, speakers: SPEAKERS_FILE },
): NormalizeRules {
  return compileNormalizeRules(
    parseYaml(noiseText, files.noise, noiseFileSchema),
    parseYaml(speakersText, files.speakers, speakerRulesSchema),
  );
}
