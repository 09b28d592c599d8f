/** The stages in order, for one transcript: spaCy's pipeline, as plain functions. */
import { analyze, type AnalyzeOptions } from './analyze/index.js';
import { assembleExchanges } from './assemble/exchanges.js';
import { linkMessages } from './link/linker.js';
import { expandInputs, readTranscriptFile } from './ingest/index.js';
import type { Diagnostic, Doc, Transcript } from './model.js';
import { normalize } from './normalize/index.js';
import { progress } from './progress.js';
import type { Resources } from './resources.js';

export function runPipeline(raw: Transcript, res: Resources, opts: AnalyzeOptions = {}): Doc {
  const transcript = normalize(raw, res.normalize);
  const analyses = analyze(transcript, res, opts);
  const { links, units } = linkMessages(transcript.messages, analyses, res.linking);
  const exchanges = assembleExchanges({ messages: transcript.messages, analyses, links, units }, res.exchanges, res.linking, res.topics);
  const terms = res.terms.termsIn(transcript.messages.filter((_, i) => !analyses[i]!.skip).map((m) => m.text));
  return { transcript, analyses, links, exchanges, terms };
}

export interface ExtractResult {
  docs: Doc[];
  diagnostics: Diagnostic[];
}

export interface ExtractOptions {
  /** Force a format instead of detecting it. */
  format?: string;
  /** Label for a progress bar on an interactive stderr; none when absent. */
  progress?: string;
}

/**
 * Read, and run the pipeline on, every transcript under `inputs` (files in the order
 * `expandInputs` gives). Never stops at a bad file: its problems become diagnostics.
 */
export function extractAll(inputs: string[], res: Resources, opts: ExtractOptions = {}): ExtractResult {
  const { files, diagnostics } = expandInputs(inputs);
  const docs: Doc[] = [];
  const bar = progress(files.length, opts.progress ?? '', opts.progress !== undefined);
  for (const file of files) {
    const read = readTranscriptFile(file, opts.format ? { format: opts.format } : {});
    diagnostics.push(...read.diagnostics);
    if (read.transcript) {
      try {
        docs.push(runPipeline(read.transcript, res));
      } catch (e) {
        diagnostics.push({ file, line: 1, severity: 'error', message: `could not process: ${(e as Error).message}` });
      }
    }
    bar.tick(file);
  }
  bar.stop();
  return { docs, diagnostics };
}
