/**
 * The stages in order, for one transcript: spaCy's pipeline, as named pure functions
 * over one `Doc`. Each pipe fills the fields it names from the fields before it.
 */
import { analyze, tokenize } from './analyze/index.js';
import { assembleExchanges } from './assemble/exchanges.js';
import { diagnostic } from './diagnostics.js';
import { hashOf, type Store } from './cache/store.js';
import { expandInputs, NOT_A_TRANSCRIPT, readInputBytes, readTranscriptBytes, type InputPatterns } from './ingest/index.js';
import { linkMessages } from './link/linker.js';
import { findTalks } from './link/talks.js';
import { buildUnits } from './link/units.js';
import type { Diagnostic, Doc, Transcript } from './model.js';
import { normalize } from './normalize/index.js';
import { progress } from './progress.js';
import type { ResourcePaths, Resources } from './resources.js';
import { runInWorkers } from './workers/pool.js';
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
  /** Reuse each file's extraction from an earlier run: the store, and the hash of what else it depends on (`resourceFingerprint`). */
  cache?: { store: Store; fingerprint: string };
  /**
   * Keep only what the cross-day stage reads: the words of each message (jieba tokens, a
   * third of a doc's memory) are dropped once the day's linking is done. `build` sets it.
   */
  slim?: boolean;
  /** Run the per-day stage on this many worker threads (they load the resources at `resourcePaths`); 1 or absent: here. */
  jobs?: number;
  resourcePaths?: ResourcePaths;
}

/** What a worker needs to run the per-day stage as `extractAll` would. */
export interface WorkerOptions {
  paths: ResourcePaths;
  opts: Pick<ExtractOptions, 'format' | 'disable' | 'slim'>;
}

/** Below this many files to extract, starting workers costs more than it saves. */
const MIN_FILES_PER_WORKER = 8;

/** One file's extraction as the cache keeps it: its transcripts' docs (without the message index) and its problems. */
interface CachedFile {
  docs: Omit<Doc, 'index'>[];
  diagnostics: Diagnostic[];
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
  const bar = progress(files.length, opts.progress ?? '', opts.progress !== undefined);
  // Cached days first, here; the others are extracted here or on worker threads.
  const looked = files.map((file) => lookup(file, opts));
  const misses = looked.flatMap((l, i) => ('miss' in l ? [i] : []));
  const jobs = opts.jobs ?? 1;
  const computed = new Map<number, { docs: Doc[]; diagnostics: Diagnostic[] }>();
  if (jobs > 1 && opts.resourcePaths && misses.length >= 2 * MIN_FILES_PER_WORKER) {
    const tasks = misses.map((i) => {
      const m = (looked[i] as { miss: Miss }).miss;
      return { file: m.file, bytes: m.bytes };
    });
    const data: WorkerOptions = { paths: opts.resourcePaths, opts: { ...(opts.format ? { format: opts.format } : {}), ...(opts.disable ? { disable: opts.disable } : {}), ...(opts.slim ? { slim: true } : {}) } };
    const answers = runInWorkers<{ file: string; bytes: Uint8Array }, CachedFile>(new URL('./workers/extract-worker.js', import.meta.url), data, tasks, Math.min(jobs, Math.floor(misses.length / MIN_FILES_PER_WORKER)));
    misses.forEach((i, k) => computed.set(i, { docs: answers[k]!.docs.map(withIndex), diagnostics: answers[k]!.diagnostics }));
  }
  const docs: Doc[] = [];
  files.forEach((file, i) => {
    const l = looked[i]!;
    let one: { docs: Doc[]; diagnostics: Diagnostic[] };
    if ('miss' in l) {
      one = computed.get(i) ?? extractBytes(l.miss.bytes, l.miss.file, res, opts);
      keep(l.miss.key, one, opts);
    } else one = l;
    diagnostics.push(...(walked.has(file) ? skippedNotTranscript(one.diagnostics) : one.diagnostics));
    docs.push(...one.docs);
    bar.tick(file);
  });
  bar.stop();
  return { docs, diagnostics };
}

interface Miss {
  file: string;
  bytes: Buffer;
  key: string;
}

function withIndex(d: Omit<Doc, 'index'>): Doc {
  return { ...d, index: new Map(d.transcript.messages.map((m, i) => [m.id, i])) };
}

/** A file's bytes and cache key, or its extraction when an earlier run kept it (or why it cannot be read). */
function lookup(file: string, opts: ExtractOptions): { docs: Doc[]; diagnostics: Diagnostic[] } | { miss: Miss } {
  const input = readInputBytes(file);
  if ('failed' in input) return { docs: [], diagnostics: input.failed.diagnostics };
  // The path is part of the key: a doc names its file, and ids and sources follow from it.
  const key = opts.cache ? hashOf(opts.cache.fingerprint, opts.format ?? '', opts.disable?.join(',') ?? '', opts.slim ? 'slim' : 'full', input.file, input.bytes) : '';
  const hit = opts.cache?.store.get<CachedFile>('extract', key);
  if (hit) return { docs: hit.docs.map(withIndex), diagnostics: hit.diagnostics };
  return { miss: { file: input.file, bytes: input.bytes, key } };
}

/** Read one file's bytes and run the pipeline on each of its transcripts. */
export function extractBytes(bytes: Buffer, file: string, res: Resources, opts: Pick<ExtractOptions, 'format' | 'disable' | 'slim'>): { docs: Doc[]; diagnostics: Diagnostic[] } {
  const read = readTranscriptBytes(bytes, file, opts.format ? { format: opts.format } : {});
  const docs: Doc[] = [];
  const diagnostics = [...read.diagnostics];
  for (const transcript of read.transcripts) {
    try {
      const doc = runPipeline(transcript, res, opts);
      docs.push(opts.slim ? { ...doc, tokens: [] } : doc);
    } catch (e) {
      const stage = e instanceof StageError ? e.stage : 'pipeline';
      const why = e instanceof StageError && e.cause instanceof Error ? e.cause.message : (e as Error).message;
      diagnostics.push(diagnostic(stage, 'error', transcript.file, 1, `could not process (${stage} stage): ${why}`));
    }
  }
  return { docs, diagnostics };
}

/** File a computed extraction; one where a stage failed is not kept, so the next run tries again. */
function keep(key: string, one: { docs: Doc[]; diagnostics: Diagnostic[] }, opts: ExtractOptions): void {
  if (!opts.cache || one.diagnostics.some((d) => d.source !== 'ingest' && d.severity === 'error')) return;
  const value: CachedFile = { docs: one.docs.map(({ index: _index, ...rest }) => rest), diagnostics: one.diagnostics };
  opts.cache.store.set('extract', key, value);
}
