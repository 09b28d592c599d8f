/**
 * chatkb.config.yaml: the knowledge base's own settings (where transcripts are, where
 * the output goes, how people are shown, when two questions are the same question).
 * Optional: without the file every key has its default. Paths are relative to the file.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ATTRIBUTION_MODES } from '../redact/attribution.js';
import { loadYaml, parseYaml } from '../rules/load.js';
import { compile, regexSource } from '../rules/schema.js';

export const CONFIG_FILE = 'chatkb.config.yaml';

export const configSchema = z
  .object({
    /** Transcript files or folders read when `chatkb build` is given none. */
    input: z.array(z.string().min(1)).min(1).default(['transcripts']),
    /** Globs a file in an input folder must match to be read, relative to that folder (default: every transcript kind). */
    include: z.array(z.string().min(1)).default([]),
    /** Globs of files in input folders to leave out, relative to that folder (an English benchmark beside the chats). */
    exclude: z.array(z.string().min(1)).default([]),
    /** The knowledge base folder (FAQ under faq/, extra outputs beside it). */
    out: z.string().min(1).default('output'),
    /** Where each transcript's extraction is kept between builds (safe to delete), or `false` for none. */
    cache: z.union([z.string().min(1), z.literal(false)]).default('.chatkb-cache'),
    /** How a person is shown everywhere: `role` ("role · org"), `name` (display name), `none`. */
    attribution: z.enum(ATTRIBUTION_MODES).default('role'),
    duplicates: z
      .object({
        /** Character n-gram length for the question fingerprints. */
        ngram: z.number().int().min(1).max(5).default(2),
        /** Jaccard similarity of two questions' n-gram sets at or above which they are one question. */
        threshold: z.number().gt(0).max(1).default(0.6),
        /** Questions shorter than this (in characters, after normalization) never merge: too little to compare. */
        minChars: z.number().int().min(1).default(6),
        /** Filler removed before comparing (请问, 大家好 …): it says nothing about what is asked. */
        ignore: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    review: z
      .object({
        /** Drafts each day offers the review queue, best first (editors publish about eight a day). */
        perDay: z.number().int().min(1).default(8),
        /** The score (fitted probability that an editor keeps a draft) a draft needs to make the queue; the others come below the line. */
        minScore: z.number().min(0).max(1).default(0.9),
      })
      .strict()
      .prefault({}),
    headings: z
      .object({
        /** Patterns for filler dropped from the start of a question when it becomes a heading (请问大家，…); anchored at the start. */
        dropLeading: z.array(regexSource).default([]),
        /** Patterns removed wherever they stand in a heading (sticker codes such as [捂脸]). */
        drop: z.array(regexSource).default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type KbConfig = z.infer<typeof configSchema>;

export interface LoadedConfig {
  config: KbConfig;
  /** Folder that relative paths in the config are resolved against. */
  base: string;
  /** The file read, or null when defaults were used. */
  file: string | null;
}

export function defaultConfig(): KbConfig {
  return configSchema.parse({});
}

export function parseConfig(text: string, file: string): KbConfig {
  return parseYaml(text, file, configSchema.nullable().transform((c) => c ?? defaultConfig()));
}

/** `file` when given (must exist), else `chatkb.config.yaml` in `cwd` when there is one, else defaults. */
export function loadConfig(file: string | undefined, cwd = process.cwd()): LoadedConfig {
  const path = file !== undefined ? resolve(cwd, file) : resolve(cwd, CONFIG_FILE);
  if (file === undefined && !existsSync(path)) return { config: defaultConfig(), base: cwd, file: null };
  if (!existsSync(path)) throw new Error(`${path}: config file not found`);
  const config = loadYaml(path, configSchema.nullable().transform((c) => c ?? defaultConfig()));
  return { config, base: dirname(path), file: path };
}

/** The heading filler patterns, anchored at the start. */
export function headingFiller(config: KbConfig): RegExp[] {
  return config.headings.dropLeading.map((p) => compile(`^(?:${p})`));
}

/** What a heading loses wherever it stands, every occurrence. */
export function headingDrop(config: KbConfig): RegExp[] {
  return config.headings.drop.map((p) => compile(p, 'g'));
}
