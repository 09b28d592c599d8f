/** The stages in order, for one transcript: spaCy's pipeline, as plain functions. */
import { analyze, type AnalyzeOptions } from './analyze/index.js';
import { assembleExchanges } from './assemble/exchanges.js';
import { linkMessages } from './link/linker.js';
import type { Doc, Transcript } from './model.js';
import { normalize } from './normalize/index.js';
import type { Resources } from './resources.js';

export function runPipeline(raw: Transcript, res: Resources, opts: AnalyzeOptions = {}): Doc {
  const transcript = normalize(raw, res.normalize);
  const analyses = analyze(transcript, res, opts);
  const { links, units } = linkMessages(transcript.messages, analyses, res.linking);
  const exchanges = assembleExchanges({ messages: transcript.messages, analyses, links, units }, res.exchanges, res.linking, res.topics);
  const terms = res.terms.termsIn(transcript.messages.filter((_, i) => !analyses[i]!.skip).map((m) => m.text));
  return { transcript, analyses, links, exchanges, terms };
}
