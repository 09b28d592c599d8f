/**
 * Transcripts for normalize tests, built by hand as a reader would: raw fields filled,
 * `text = raw`, kind 'text', nothing resolved. Every name and message here is invented.
 */
import { newMessage } from '../../src/ingest/readers/common.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message, Transcript } from '../../src/model.js';
import { loadNormalizeRules, type NormalizeRules } from '../../src/normalize/index.js';

export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
/** The private corpus (absent in CI; tests that read it skip). */
export const CORPUS = process.env.CHATKB_CORPUS ?? '/work/shared/corpus';

let cached: NormalizeRules | undefined;
export function rules(): NormalizeRules {
  cached ??= loadNormalizeRules(RULES_DIR);
  return cached;
}

export type RawMessage = [time: string, speaker: string, raw: string];

export function message(position: number, time: string, speaker: string, raw: string): Message {
  return newMessage(position, { line: position * 4, time, speaker, raw });
}

export function transcript(rows: RawMessage[], file = 'invented/2019-03-04-chat.markdown'): Transcript {
  return {
    file,
    format: 'cocolian-source',
    date: '2019-03-04',
    title: null,
    meta: {},
    encoding: 'utf-8',
    messages: rows.map(([time, speaker, raw], i) => message(i + 1, time, speaker, raw)),
  };
}

export const rulesFile = (name: string): string => join(RULES_DIR, name);
