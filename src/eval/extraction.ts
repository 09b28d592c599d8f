/**
 * The JSON that `chatkb extract … --json` writes, as the scorers read it. Structural: any
 * object of this shape can be scored, whether it comes from the pipeline, a file, or the
 * reference baseline (which leaves out `date` and `kind`).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface ExtractionMessage {
  id: string;
  /** 1-based line of the message in the source file (the IRC link measure uses it). */
  line: number;
  /** `HH:MM:SS` (or a full `YYYY-MM-DDTHH:MM:SS`); "" when the format has none. */
  time: string | null;
  speaker: string | null;
  kind?: string;
  text?: string;
  question: boolean;
  replyTo: string | null;
}

export interface ExtractionExchange {
  id: string;
  question: string[];
  answers: string[];
  followups?: string[];
  faq: boolean;
  score?: number;
}

export interface ExtractionTranscript {
  /** Path as given on the command line; gold files match it by suffix. */
  file: string;
  format: string;
  date?: string | null;
  messages: ExtractionMessage[];
  exchanges: ExtractionExchange[];
  terms: string[];
}

export interface Extraction {
  version: number;
  transcripts: ExtractionTranscript[];
}

// Lenient where the reference scorers are lenient (missing lists are empty), strict on
// the fields they index, so a wrong file fails here with a path rather than mid-scoring.
const messageSchema = z.looseObject({
  id: z.string(),
  line: z.number().int(),
  time: z.string().nullable().default(''),
  speaker: z.string().nullable().default(''),
  kind: z.string().optional(),
  text: z.string().optional(),
  question: z.boolean().default(false),
  replyTo: z.string().nullable().default(null),
});

const exchangeSchema = z.looseObject({
  id: z.string(),
  question: z.array(z.string()).default([]),
  answers: z.array(z.string()).default([]),
  followups: z.array(z.string()).optional(),
  faq: z.boolean().default(false),
  score: z.number().optional(),
});

const transcriptSchema = z.looseObject({
  file: z.string(),
  format: z.string().default(''),
  date: z.string().nullable().optional(),
  messages: z.array(messageSchema).default([]),
  exchanges: z.array(exchangeSchema).default([]),
  terms: z.array(z.string()).default([]),
});

export const extractionSchema = z.looseObject({
  version: z.number().default(1),
  transcripts: z.array(transcriptSchema).default([]),
});

export class ExtractionError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ExtractionError';
  }
}

/** Parse and check extraction JSON text; `file` names it in errors. */
export function parseExtraction(text: string, file: string): Extraction {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ExtractionError(file, `not valid JSON: ${(e as Error).message}`);
  }
  const result = extractionSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ExtractionError(file, `not a chatkb extraction:\n  ${lines.join('\n  ')}`);
  }
  return result.data as Extraction;
}

export function readExtraction(file: string): Extraction {
  return parseExtraction(readFileSync(file, 'utf8'), file);
}
