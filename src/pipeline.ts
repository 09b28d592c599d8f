/**
 * The stages in order, for one transcript: spaCy's pipeline, as named pure functions
 * over one `Doc`. Each pipe fills the fields it names from the fields before it.
 */
import { analyze, tokenize } from './analyze/index.js';
import { assembleExchanges } from './assemble/exchanges.js';
import { diagnostic } from './diagnostics.js';
import { expandInputs, NOT_A_TRANSCRIPT, readTranscriptFile, type InputPatterns } from './ingest/index.js';
import { linkMessages } from './link/linker.js';
import { findTalks } from './link/talks.js';
import { buildUnits } from './link/units.js';
import type { Diagnostic, Doc, Transcript } from './model.js';
import { normalize } from './normalize/index.js';
import { progress } from './progress.js';
import type { Resources } from './resources.js';
import { secondsOf } from './text/time.js';

export interface Pipe {
  /** The stage's name, cited in diagnostics when it fails. */
  name: string;
  /** The Doc fields it fills. */
  fills: readonly (keyof Doc)[];
  run(doc: Doc, res: Resources): Partial<Doc>;
}

export const PIPES: readonly Pipe[] = [
  { name: 'normalize', fills: ['transcript'], run: (d, res) => ({ transcript: normalize(d.transcript, res.normalize) }) },
  { name: 'analyze', fills: ['analyses'], run: (d, res) => ({ analyses: analyze(d.transcript, res) }) },
  { name: 'tokenize', fills: ['tokens'], run: (d, res) => ({ tokens: tokenize(d, res) }) },
  { name: 'units', fills: ['units'], run: (d, res) => ({ units: buildUnits(d, res.linking.units) }) },
  {
    name: 'talks',
    fills: ['talks'],
    run: (d, res) => ({ talks: findTalks(d.transcript.messages, d.analyses, d.transcript.messages.map(secondsOf), res.linking.talks) }),
  },
  { name: 'link', fills: ['links'], run: (d, res) => ({ links: linkMessages(d, res.linking) }) },
  { name: 'assemble', fills: ['exchanges'], run: (d, res) => ({ exchanges: assembleExchanges(d, res.exchanges, res.linking, res.topics) }) },
  {
    name: 'terms',
    fills: ['terms'],
    run: (d, res) => {
      const forms = res.terms.termsIn(d.transcript.messages.filter((_, i) => !d.analyses[i]!.skip).map((m) => m.text));
      return { terms: res.quietTerms.size ? forms.filter((f) => !res.quietTerms.has(res.terms.lookup(f)?.term ?? f)) : forms };
    },
  },
];

/** The stages' names in order (spaCy's `pipe_names`). */
export const pipeNames: readonly string[] = PIPES.map((p) => p.name);

/** An empty Doc over a transcript: the message index is built here, once. */
export function createDoc(transcript: Transcript): Doc {
  const index = new Map(transcript.messages.map((m, i) => [m.id, i]));
  return { transcript, index, tokens: [], analyses: [], units: [], talks: [], links: [], exchanges: [], terms: [] };
}

/** A stage threw: the error names it. */
export class StageError extends Error {
  constructor(
    readonly stage: string,
    override readonly cause: unknown,
  ) {
    super(`${stage}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StageError';
  }
}

export interface PipelineOptions {
  /** Stages to leave out (their fields stay empty), e.g. `tokenize` where no one reads tokens. */
  disable?: readonly string[];
}

export function runPipeline(raw: Transcript, res: Resources, opts: PipelineOptions = {}): Doc {
  let doc = createDoc(raw);
  for (const pipe of PIPES) {
    if (opts.disable?.includes(pipe.name)) continue;
    try {
      doc = { ...doc, ...pipe.run(doc, res) };
    } catch (e) {
      throw new StageError(pipe.name, e);
    }
  }
  return doc;
}

/** Run some of the stages again on a Doc (e.g. `link` and `assemble` with other weights). */
export function rerun(doc: Doc, res: Resources, names: readonly string[]): Doc {
  let out = doc;
  for (const pipe of PIPES) {
    if (!names.includes(pipe.name)) continue;
    try {
      out = { ...out, ...pipe.run(out, res) };
    } catch (e) {
      throw new StageError(pipe.name, e);
    }
  }
  return out;
}

export interface ExtractResult {
  docs: Doc[];
  diagnostics: Diagnostic[];
}

export interface ExtractOptions extends PipelineOptions {
  /** Force a format instead of detecting it. */
  format?: string;
  /** Label for a progress bar on an interactive stderr; none when absent. */
  progress?: string;
  /** Which files of the input folders to read (chatkb.config.yaml `include`/`exclude`). */
  patterns?: InputPatterns;
}

/**
 * A folder's notes, READMEs and lists beside the chats are not input problems: a walked file
 * no reader recognises is skipped with a one-line warning. Named on the command line, it
 * stays an error.
 */
function skippedNotTranscript(list: Diagnostic[]): Diagnostic[] {
  if (list.length !== 1 || list[0]!.severity !== 'error' || list[0]!.message !== NOT_A_TRANSCRIPT) return list;
  return [{ ...list[0]!, severity: 'warning', message: 'skipped: not a chat transcript' }];
}

/**
 * Read, and run the pipeline on, every transcript under `inputs` (files in the order
 * `expandInputs` gives). Never stops at a bad file: its problems become diagnostics.
 */
export function extractAll(inputs: string[], res: Resources, opts: ExtractOptions = {}): ExtractResult {
  const { files, walked, diagnostics } = expandInputs(inputs, opts.patterns);
  const docs: Doc[] = [];
  const bar = progress(files.length, opts.progress ?? '', opts.progress !== undefined);
  for (const file of files) {
    const read = readTranscriptFile(file, opts.format ? { format: opts.format } : {});
    diagnostics.push(...(walked.has(file) ? skippedNotTranscript(read.diagnostics) : read.diagnostics));
    for (const transcript of read.transcripts) {
      try {
        docs.push(runPipeline(transcript, res, opts));
      } catch (e) {
        const stage = e instanceof StageError ? e.stage : 'pipeline';
        const why = e instanceof StageError && e.cause instanceof Error ? e.cause.message : (e as Error).message;
        diagnostics.push(diagnostic(stage, 'error', transcript.file, 1, `could not process (${stage} stage): ${why}`));
      }
    }
    bar.tick(file);
  }
  bar.stop();
  return { docs, diagnostics };
}
