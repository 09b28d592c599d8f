/**
 * Gold annotation files (shared/eval/GOLD-FORMAT.md): hand-written YAML, one per transcript.
 * Editors write these by hand, so every mistake is reported with file:line:col and what
 * was expected; a bad file is reported and left out, the others are still scored.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import { DataFileError, parseYaml } from '../rules/load.js';
import { pyCompare } from './py.js';

export interface GoldQuestion {
  id: string;
  /** The question's message(s): `HH:MM:SS` or `HH:MM:SS#N` (the speaker's N-th message that second). */
  at: string[];
  /** The asker's display name; null when the file leaves it out (then any speaker matches). */
  speaker: string | null;
  text: string | null;
  answers: string[];
  /** Parallel to `answers` (may be empty or shorter: then the first message at that time counts). */
  answerSpeakers: (string | null)[];
  followups: string[];
  faq: boolean;
  optional: boolean;
  topic: string | null;
}

export interface Gold {
  /** The gold file it was read from. */
  source: string;
  /** The transcript, relative to the corpus root; an extraction's file matches when it ends with it. */
  file: string;
  format: string | null;
  range: { from: string | null; to: string | null } | null;
  questions: GoldQuestion[];
  terms: string[];
  definitions: { term: string; at: string }[];
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
const TIME_REF = /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](#[1-9][0-9]*)?$/;

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

const text = (what: string) =>
  z.string({ error: (iss) => `${what} must be a text, got ${shown(iss.input)}` });

const timeRef = (what: string) =>
  z
    .string({ error: (iss) => `${what} must be a quoted time "HH:MM:SS" or "HH:MM:SS#N", got ${shown(iss.input)}` })
    .regex(TIME_REF, {
      error: (iss) =>
        `${what} ${JSON.stringify(iss.input)} is not a time "HH:MM:SS" or "HH:MM:SS#N" ` +
        `(24-hour, two digits each; #N, N ≥ 1, picks the speaker's N-th message in that second)`,
    });

const timeList = (what: string) =>
  z
    .array(timeRef(`each time in ${what}`), {
      error: (iss) => `${what} must be a list of times like ["12:01:52"], got ${shown(iss.input)}`,
    })
    .nullish()
    .transform((v) => v ?? []);

const bool = (what: string) =>
  z.boolean({
    error: (iss) =>
      iss.input === undefined
        ? `${what} is missing: write ${what}: true or ${what}: false`
        : `${what} must be true or false, got ${shown(iss.input)}`,
  });

const unknownKeys = (what: string, keys: string[]) => (iss: { code?: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys'
    ? `unknown field${iss.keys!.length > 1 ? 's' : ''} ${iss.keys!.join(', ')} in ${what} (a ${what} has: ${keys.join(', ')})`
    : undefined;

const QUESTION_KEYS = ['id', 'at', 'speaker', 'text', 'answers', 'answer_speakers', 'followups', 'faq', 'optional', 'topic'];
const FILE_KEYS = ['file', 'format', 'range', 'questions', 'terms', 'definitions'];

const questionSchema = z
  .strictObject(
    {
      id: z.union([z.string().min(1), z.number()], {
        error: (iss) => `id must be a short name such as q1, got ${shown(iss.input)}`,
      }).transform(String),
      at: z
        .array(timeRef('each time in at'), {
          error: (iss) => `at must be a list of times like ["12:01:52"] or ["12:01:52", "12:01:52#2"], got ${shown(iss.input)}`,
        })
        .min(1, 'at must name at least one message time'),
      speaker: text('speaker').nullish().transform((v) => v ?? null),
      text: text('text').nullish().transform((v) => v ?? null),
      answers: timeList('answers'),
      answer_speakers: z
        .array(text('each answer speaker').nullable(), {
          error: (iss) => `answer_speakers must be a list of display names, got ${shown(iss.input)}`,
        })
        .nullish()
        .transform((v) => v ?? []),
      followups: timeList('followups'),
      faq: bool('faq'),
      optional: bool('optional'),
      topic: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? null : String(v))),
    },
    { error: unknownKeys('question', QUESTION_KEYS) },
  )
  .superRefine(
    (q, ctx) => {
      // runs even when the question itself is not a map (`-` with nothing after it)
      if (q === null || typeof q !== 'object') return;
      const answers = Array.isArray(q.answers) ? q.answers : [];
      const speakers = Array.isArray(q.answer_speakers) ? q.answer_speakers : [];
      if (speakers.length > 0 && speakers.length !== answers.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['answer_speakers'],
          message:
            `answer_speakers has ${speakers.length} name${speakers.length === 1 ? '' : 's'} but answers has ` +
            `${answers.length} time${answers.length === 1 ? '' : 's'}: give one speaker per answer, in the same order`,
        });
      }
    },
    { when: () => true },
  );

const goldSchema = z.strictObject(
  {
    file: z
      .string({
        error: (iss) =>
          iss.input === undefined
            ? 'missing file: the transcript path relative to the corpus root, e.g. file: cocolian-source/prodarch/2018-08-13-chat.markdown'
            : `file must be the transcript path as a text, got ${shown(iss.input)}`,
      })
      .min(1, 'file must not be empty'),
    format: text('format').nullish().transform((v) => v ?? null),
    range: z
      .strictObject(
        {
          from: z.string().regex(TIME, 'range from must be a time "HH:MM:SS"').nullish().transform((v) => v ?? null),
          to: z.string().regex(TIME, 'range to must be a time "HH:MM:SS"').nullish().transform((v) => v ?? null),
        },
        {
          error: (iss) =>
            iss.code === 'unrecognized_keys'
              ? `unknown field ${iss.keys.join(', ')} in range (a range has: from, to)`
              : `range must be a mapping with from and/or to, got ${shown(iss.input)}`,
        },
      )
      .nullish()
      .transform((v) => v ?? null),
    questions: z
      .array(questionSchema, { error: (iss) => `questions must be a list, got ${shown(iss.input)}` })
      .superRefine(
        (qs, ctx) => {
          const first = new Map<string, number>();
          (Array.isArray(qs) ? qs : []).forEach((q: unknown, i) => {
            const raw = (q as { id?: unknown } | null)?.id;
            if (typeof raw !== 'string' && typeof raw !== 'number') return;
            const id = String(raw);
            const prev = first.get(id);
            if (prev === undefined) first.set(id, i);
            else ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate question id ${id} (question ${prev + 1} has it too)` });
          });
        },
        { when: () => true },
      )
      .nullish()
      .transform((v) => v ?? []),
    terms: z
      .array(text('each term'), { error: (iss) => `terms must be a list of terms, got ${shown(iss.input)}` })
      .nullish()
      .transform((v) => v ?? []),
    definitions: z
      .array(
        z.strictObject(
          { term: text('term'), at: timeRef('definition at') },
          { error: unknownKeys('definition', ['term', 'at']) },
        ),
        { error: (iss) => `definitions must be a list of {term, at}, got ${shown(iss.input)}` },
      )
      .nullish()
      .transform((v) => v ?? []),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? unknownKeys('gold file', FILE_KEYS)(iss)
        : iss.input == null
          ? 'the gold file is empty: it needs at least file: and questions:'
          : `a gold file is a mapping with ${FILE_KEYS.join(', ')}, got ${shown(iss.input)}`,
  },
);

/** Keys whose values are times: an unquoted time is a number to YAML 1.1 readers (PyYAML, score.py). */
const TIME_KEYS = new Set(['at', 'answers', 'followups', 'from', 'to']);
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;

/** Parse and check one gold file's text; throws DataFileError listing every problem. */
export function parseGold(text: string, file: string): Gold {
  const problems = unquotedTimes(text);
  let data: z.infer<typeof goldSchema> | undefined;
  try {
    data = parseYaml(text, file, goldSchema);
  } catch (e) {
    if (!(e instanceof DataFileError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0 || data === undefined) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new DataFileError(file, problems);
  }
  return {
    source: file,
    file: data.file,
    format: data.format,
    range: data.range,
    questions: data.questions.map((q) => ({
      id: q.id,
      at: q.at,
      speaker: q.speaker,
      text: q.text,
      answers: q.answers,
      answerSpeakers: q.answer_speakers,
      followups: q.followups,
      faq: q.faq,
      optional: q.optional,
      topic: q.topic,
    })),
    terms: data.terms,
    definitions: data.definitions,
  };
}

/**
 * score.py reads gold files with PyYAML (YAML 1.1), where an unquoted 12:01:52 is the
 * number 43312, so the time would silently match nothing there. Ask for quotes instead.
 */
function unquotedTimes(text: string): { line: number; column: number; message: string }[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return []; // parseYaml reports syntax errors
  const out: { line: number; column: number; message: string }[] = [];
  const visit = (node: unknown, key: string | null): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : null;
        visit(pair.value, k);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, key);
    } else if (isScalar(node) && key !== null && TIME_KEYS.has(key)) {
      const src = (node as YamlNode).range;
      if (node.type === 'PLAIN' && typeof node.value === 'string' && SEXAGESIMAL.test(node.value) && src) {
        const pos = lineCounter.linePos(src[0]);
        out.push({
          line: pos.line,
          column: pos.col,
          message: `write the time in quotes, "${node.value}": unquoted, YAML 1.1 readers (score.py) take it for a number`,
        });
      }
    }
  };
  visit(doc.contents, null);
  return out;
}

/** Read one gold file. */
export function loadGold(file: string): Gold {
  return parseGold(readFileSync(file, 'utf8'), file);
}

/**
 * Every `*.gold.yaml` in `dir`, in the order score.py reads them (sorted by name). A bad
 * file becomes diagnostics and is skipped. Two files naming the same transcript: the later
 * one is scored (as in score.py), with a warning.
 */
export function loadGoldDir(dir: string): { golds: Gold[]; problems: Diagnostic[] } {
  const golds: Gold[] = [];
  const problems: Diagnostic[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    throw new Error(`cannot read the gold directory ${dir}: ${(e as Error).message}`);
  }
  const names = entries.filter((n) => n.endsWith('.gold.yaml')).sort(pyCompare);
  const byFile = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    try {
      const gold = loadGold(path);
      const earlier = byFile.get(gold.file);
      if (earlier !== undefined) {
        problems.push(diagnostic('eval', 'warning', path, 1, `${earlier} names the same transcript ${gold.file}; only this file is scored`));
      }
      byFile.set(gold.file, path);
      golds.push(gold);
    } catch (e) {
      if (!(e instanceof DataFileError)) throw e;
      problems.push(...e.toDiagnostics('eval'));
      problems.push(diagnostic('eval', 'warning', path, 1, 'gold file skipped: fix the errors above to score it'));
    }
  }
  return { golds, problems };
}
