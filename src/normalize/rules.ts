/**
 * The normalize stage's rule files: rules/noise.yaml (kinds, duplicates),
 * rules/speakers.yaml (display-name recognisers) and rules/addressing.yaml (names written
 * without @), validated with line/column errors.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadYaml, parseYaml } from '../rules/load.js';
import { uniqueIds } from '../rules/schema.js';
import { duplicateRulesSchema, type DuplicateRules } from './duplicates.js';
import { compileKindRule, kindRuleSchema, type KindRule } from './kinds.js';
import { ADDRESSING_FILE, loadAddressingRules, parseAddressingRules, type AddressingRules } from './nicks.js';
import { compileSpeakerRules, speakerRulesSchema, type SpeakerRules } from './speakers.js';

export const noiseFileSchema = z
  .object({
    silent: z.array(z.string().min(1)),
    kinds: z.array(kindRuleSchema).min(1),
    duplicates: duplicateRulesSchema,
  })
  .strict()
  .superRefine((file, ctx) => uniqueIds(file.kinds, ctx, 'kinds'));

export type NoiseFile = z.infer<typeof noiseFileSchema>;

export interface NormalizeRules {
  /** Kinds that carry no words: the analyze stage skips them. */
  silent: ReadonlySet<string>;
  kinds: KindRule[];
  duplicates: DuplicateRules;
  speakers: SpeakerRules;
  /** Addressing by name without @ (IRC `nick: text`); off when absent. */
  addressing?: AddressingRules;
}

export const NOISE_FILE = 'noise.yaml';
export const SPEAKERS_FILE = 'speakers.yaml';

export function compileNormalizeRules(noise: NoiseFile, speakers: z.infer<typeof speakerRulesSchema>): NormalizeRules {
  return {
    silent: new Set(noise.silent),
    kinds: noise.kinds.map(compileKindRule),
    duplicates: noise.duplicates,
    speakers: compileSpeakerRules(speakers),
  };
}

/** Read and validate the rule files in `rulesDir`; throws DataFileError with file:line:col. */
export function loadNormalizeRules(rulesDir: string): NormalizeRules {
  const noise = loadYaml(join(rulesDir, NOISE_FILE), noiseFileSchema);
  const speakers = loadYaml(join(rulesDir, SPEAKERS_FILE), speakerRulesSchema);
  const addressing = loadAddressingRules(join(rulesDir, ADDRESSING_FILE));
  return { ...compileNormalizeRules(noise, speakers), ...(addressing ? { addressing } : {}) };
}

/** The same from texts (tests, tools); `files` name them in errors. */
export function parseNormalizeRules(
  noiseText: string,
  speakersText: string,
  files = { noise: NOISE_FILE, speakers: SPEAKERS_FILE },
  addressingText?: string,
): NormalizeRules {
  const rules = compileNormalizeRules(
    parseYaml(noiseText, files.noise, noiseFileSchema),
    parseYaml(speakersText, files.speakers, speakerRulesSchema),
  );
  return addressingText === undefined ? rules : { ...rules, addressing: parseAddressingRules(addressingText) };
}
