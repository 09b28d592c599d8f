/**
 * `npm run bench:links`: reply-link precision/recall/F1 on the Ubuntu IRC disentanglement
 * samples (shared/corpus/irc-ubuntu), with the measure of Kummerfeld et al. 2019, beside the
 * previous-message baseline. dev/ is what the linking rules are tuned on; train/ is reported
 * on its own as a check that they generalise. A benchmark, not a test: it never fails on a
 * low score, and skips with a message when the corpus is absent.
 *
 * usage: node dist/bench/links.js [IRC_FOLDER]   (default ../shared/corpus/irc-ubuntu)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractionJson } from '../cli.js';
import { scoreIrcLinks, type Extraction, type LinkResult } from '../eval/index.js';
import { extractAll } from '../pipeline.js';
import { loadResources, PACKAGE_ROOT, type Resources } from '../resources.js';

export const DEFAULT_IRC = join(PACKAGE_ROOT, '..', 'shared', 'corpus', 'irc-ubuntu');

/** The benchmark's splits, in the order they are reported. */
export const SPLITS = ['dev', 'train'] as const;

/**
 * The previous-message baseline of Kummerfeld et al.: every message replies to the message
 * right before it, passing over system lines (joins, nick changes); a system line, and the
 * first message, start a conversation (a link to themselves).
 */
export function previousMessageBaseline(extraction: Extraction): Extraction {
  return {
    ...extraction,
    transcripts: extraction.transcripts.map((t) => {
      let prev: string | null = null;
      const messages = t.messages.map((m) => {
        if (m.kind === 'system') return { ...m, replyTo: null };
        const out = { ...m, replyTo: prev };
        prev = m.id;
        return out;
      });
      return { ...t, messages };
    }),
  };
}

export interface SplitScore {
  split: string;
  files: number;
  chatkb: LinkResult;
  baseline: LinkResult;
}

/** Run the pipeline over one split folder's raw logs and score it and the baseline. */
export function benchSplit(dir: string, split: string, res: Resources): SplitScore {
  const raws = readdirSync(dir)
    .filter((n) => n.endsWith('.raw.txt'))
    .sort()
    .map((n) => join(dir, n));
  const result = extractAll(raws, res, { format: 'irc' });
  const extraction = extractionJson(result) as unknown as Extraction;
  return {
    split,
    files: raws.length,
    chatkb: scoreIrcLinks(extraction, dir),
    baseline: scoreIrcLinks(previousMessageBaseline(extraction), dir),
  };
}

const fmt = (r: LinkResult) => `${r.p.toFixed(1).padStart(5)} ${r.r.toFixed(1).padStart(5)} ${r.f1.toFixed(1).padStart(5)} ${r.oneMinusVi.toFixed(1).padStart(6)}`;

export function formatBench(scores: SplitScore[]): string {
  const lines = [`${'split'.padEnd(7)}${'files'.padStart(6)}  ${'system'.padEnd(18)}    P     R    F1   1-VI`];
  for (const s of scores) {
    lines.push(`${s.split.padEnd(7)}${String(s.files).padStart(6)}  ${'chatkb'.padEnd(18)}${fmt(s.chatkb)}`);
    lines.push(`${''.padEnd(13)}  ${'previous message'.padEnd(18)}${fmt(s.baseline)}`);
  }
  lines.push('link P/R/F1 over (parent, child) line pairs of the annotated lines, a conversation start linked to itself (Kummerfeld et al. 2019)');
  return lines.join('\n');
}

function main(argv: string[]): number {
  const root = resolve(argv[2] ?? DEFAULT_IRC);
  if (!existsSync(root)) {
    process.stdout.write(`bench:links skipped: ${root} not found (the Ubuntu IRC samples are not in this checkout)\n`);
    return 0;
  }
  const res = loadResources();
  const scores: SplitScore[] = [];
  for (const split of SPLITS) {
    const dir = join(root, split);
    if (!existsSync(dir)) {
      process.stdout.write(`bench:links: ${split}/ not found under ${root}, skipped\n`);
      continue;
    }
    scores.push(benchSplit(dir, split, res));
  }
  process.stdout.write(formatBench(scores) + '\n');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv);
