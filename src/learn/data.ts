/**
 * What `chatkb fit` and `chatkb eval --folds` read: the gold days, the days editors wrote
 * up (their Q/A pairs mapped onto chat), and unannotated days for silver decisions, all
 * run through the pipeline with the hand-set rules (the fit's starting point).
 */
import { join, resolve } from 'node:path';
import { decisionsOf, kbDecisions } from './decisions.js';
import { editorAnswerPairs, loadGoldDir, readPairRows, type Gold } from '../eval/index.js';
import type { Diagnostic } from '../model.js';
import { extractAll, rerun } from '../pipeline.js';
import type { Resources } from '../resources.js';
import { answerChoices } from './answers.js';
import type { Choice } from './choice.js';
import { editorLabels, silverLabels } from './labels.js';
import type { LabelledDay } from './model.js';

export interface DataOptions {
  /** Folder of *.gold.yaml files. */
  gold: string;
  /** The folder the gold and pairs files name transcripts relative to. */
  corpus: string;
  editorPairs?: string;
  /** Folders of unannotated days whose explicit answers become silver decisions. */
  silver?: string[];
  editorWeight?: number;
  silverWeight?: number;
  /** A knowledge base whose editors' decisions become FAQ labels, and the transcripts it was built from. */
  kb?: { dir: string; inputs: string[] };
}

export interface FitData {
  days: LabelledDay[];
  golds: Gold[];
  silver: Choice[];
  diagnostics: Diagnostic[];
}

export function loadFitData(opts: DataOptions, res: Resources): FitData {
  const { golds, problems } = loadGoldDir(opts.gold);
  const pairs = opts.editorPairs ? editorAnswerPairs(opts.editorPairs, opts.corpus).pairs : [];
  // Every day the pairs file names, also those with no pair that maps (their questions still count).
  const raws = opts.editorPairs ? readPairRows(opts.editorPairs).map((r) => join(opts.corpus, r.raw)) : [];
  const files = [...new Set([...golds.map((g) => join(opts.corpus, g.file)), ...raws])].sort();
  const { docs, diagnostics } = extractAll(files, res);
  const days = docs.map((d): LabelledDay => {
    const gold = golds.find((g) => d.transcript.file.endsWith(g.file)) ?? null;
    const mine = pairs.filter((p) => d.transcript.file.endsWith(p.raw));
    const editor = raws.some((r) => d.transcript.file === r) ? editorLabels(d, mine, opts.editorWeight ?? 0.5) : null;
    return { file: d.transcript.file, doc: d, gold, editor };
  });
  if (opts.kb) {
    const decided = kbDecisions(opts.kb.dir);
    if (decided.size) {
      const kbDocs = extractAll(opts.kb.inputs, res);
      diagnostics.push(...kbDocs.diagnostics);
      for (const d of kbDocs.docs) {
        const decisions = decisionsOf(d, decided);
        if (decisions.size === 0) continue;
        const same = days.find((x) => resolve(x.file) === resolve(d.transcript.file));
        if (same) same.decisions = decisions;
        else days.push({ file: d.transcript.file, doc: d, gold: null, editor: null, decisions });
      }
    }
  }
  const silver: Choice[] = [];
  if (opts.silver?.length) {
    const extra = extractAll(opts.silver, res);
    diagnostics.push(...extra.diagnostics);
    for (const d of extra.docs) {
      const s = silverLabels(d, opts.silverWeight ?? 0.3);
      if (s.labels.size === 0) continue;
      const stripped = rerun({ ...d, transcript: s.transcript }, res, ['analyze', 'tokenize', 'units', 'talks']);
      silver.push(...answerChoices(stripped, res.linking, s.labels));
    }
  }
  return { days, golds, silver, diagnostics: [...problems, ...diagnostics] };
}
