/**
 * `chatkb build`: transcripts → the knowledge base folder. Reads transcripts and the
 * entries already there, plans every file (pure), then compares the plan with the disk
 * and writes only what differs, each file atomically. `--check` and `--dry-run` stop
 * before writing. A rebuild of unchanged input changes no byte: everything is sorted and
 * nothing holds a clock time.
 *
 * More outputs plug in through `BuildOptions.extras`: pure functions of the (privacy-applied)
 * docs, the resources and the FAQ index that return files; they get the same
 * compare-then-write-atomically treatment as the FAQ.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { faqIndexPages } from './emit/index-pages.js';
import { reviewFiles } from './emit/review-page.js';
import { parseReviewJson, reviewQueue } from './kb/review.js';
import { commitFiles, JOURNAL, lockOutput, pendingCommit, recoverCommit, type CommitHooks } from './emit/commit.js';
import { headingDrop, headingFiller, type KbConfig } from './kb/config.js';
import { groupDuplicates } from './kb/duplicates.js';
import { candidatesOf, type Candidate } from './kb/entries.js';
import { compareStrings } from './text/order.js';
import { inputRoot, relativeTo } from './kb/ids.js';
import { glossaryOutputs } from './emit/glossary.js';
import { loadGlossaryRules } from './glossary/rules.js';
import { planFaq, type FaqIndex, type PlannedFile } from './kb/plan.js';
import { renderFaqEntry, type FaqEntryData } from './emit/faq.js';
import { INDEX_FILE, readExisting, type ExistingEntry } from './kb/state.js';
import { diagnostic } from './diagnostics.js';
import type { Diagnostic, Doc } from './model.js';
import { privateDoc, type Privacy } from './redact/doc.js';
import { loadRedactRules } from './redact/rules.js';
import { extractAll } from './pipeline.js';
import type { ResourcePaths, Resources } from './resources.js';
import { hashOf, type Store } from './cache/store.js';
import { folderHash, inputsHash } from './cache/stamp.js';

/** A file an output producer wants written; `path` is relative to the output folder, `/`-separated. */
export type OutputFile = PlannedFile;

/** A further output: a pure function of the docs (privacy applied), the resources and the FAQ index. */
export type ExtraOutput = (docs: readonly Doc[], res: Resources, faq: FaqIndex) => OutputFile[];


export type ChangeKind = 'new' | 'updated' | 'removed';

export interface Change {
  path: string;
  kind: ChangeKind;
}

export interface BuildSummary {
  transcripts: number;
  /** Input files that could not be read or processed (each has its error among the diagnostics). */
  failed: number;
  /** FAQ entries by what this build does with them. */
  new: number;
  updated: number;
  unchanged: number;
  /** Entries an editor owns (reviewed, approved, rejected or edited by hand), left as they are. */
  kept: number;
  orphaned: number;
  /** Editors' entries whose conversation has new answers since they were reviewed. */
  stale: number;
  /** Files written or removed, FAQ and extra outputs together. */
  changes: number;
}

export interface BuildResult {
  changes: Change[];
  summary: BuildSummary;
  index: FaqIndex;
  diagnostics: Diagnostic[];
  /** Whether files were written (false under check or dry run). */
  written: boolean;
}

export interface BuildOptions {
  /** Transcript files or folders. */
  inputs: string[];
  /** The output folder. */
  out: string;
  config: KbConfig;
  /** Folder holding redact.yaml (the package's rules/ by default). */
  rulesDir: string;
  /** Compute and report, write nothing (`--check`, `--dry-run`). */
  write?: boolean;
  extras?: readonly ExtraOutput[];
  /** Show a progress bar when stderr is a terminal. */
  progress?: boolean;
  /** Test seam: called at each step of writing the changes (`commitFiles`). */
  commit?: CommitHooks;
  /** Reuse each unchanged transcript's extraction from earlier builds. */
  cache?: { store: Store; fingerprint: string };
  /** Worker threads for the per-day stage, which load the resources from `resourcePaths` (output is the same for any number). */
  jobs?: number;
  resourcePaths?: ResourcePaths;
}

export interface Plan {
  /** Every file the build owns this run with its intended content. */
  files: PlannedFile[];
  removals: string[];
  index: FaqIndex;
}

export interface PlanInput {
  docs: readonly Doc[];
  res: Resources;
  config: KbConfig;
  privacy: Privacy;
  /** Transcript path → path under the input root and path shown in entries. */
  paths: (file: string) => { rel: string; display: string };
  existing: readonly ExistingEntry[];
  extras: readonly ExtraOutput[];
  /** review.json as the last build wrote it (its changes carry over a build that changes nothing). */
  previousReview?: string | null;
  /** Renders an entry file (the build cache memoises it); `renderFaqEntry` by default. */
  render?: (e: FaqEntryData) => { content: string };
}

/** Everything but the I/O: docs and existing entries in, files out. */
export function planBuild(input: PlanInput): Plan {
  const { res, config } = input;
  const privateDocs: Doc[] = [];
  const candidates: Candidate[] = [];
  for (const doc of input.docs) {
    const p = privateDoc(doc, input.privacy);
    privateDocs.push(p.doc);
    candidates.push(
      ...candidatesOf(p.doc, {
        paths: input.paths,
        canonical: (f) => res.terms.lookup(f)?.term,
        original: doc,
        redactions: p.redactions,
        headingFiller: headingFiller(config),
        headingDrop: headingDrop(config),
      }),
    );
  }
  // One question message read twice (the same day in two exports of a group, or in a day
  // file and a merged file) is one entry: the first read, in file order.
  const keys = new Set<string>();
  const unique = candidates.filter((c) => !keys.has(c.key) && keys.add(c.key));
  const groups = groupDuplicates(unique, config.duplicates);
  const faq = planFaq(groups, input.existing, input.render);
  const topics = [...res.topics.topics, { id: res.topics.fallback, title: `其他 · ${res.topics.fallback}`, description: '' }];
  const queue = reviewQueue(faq.index, config.review, parseReviewJson(input.previousReview ?? null));
  const refs = new Map(faq.index.entries.map((e) => [e.id, { path: e.path, title: e.title ?? e.question }]));
  const files = [...faq.files, ...faqIndexPages(faq.index, topics), ...reviewFiles(queue, topics, refs)];
  for (const extra of input.extras) {
    for (const f of extra(privateDocs, res, faq.index)) {
      if (f.path.startsWith('faq/')) throw new Error(`an extra output may not write under faq/: ${f.path}`);
      files.push(f);
    }
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`two outputs want to write ${f.path}`);
    seen.add(f.path);
  }
  return { files: files.sort((a, b) => compareStrings(a.path, b.path)), removals: faq.removals, index: faq.index };
}

/** Days a cached value is kept without being used. */
const CACHE_DAYS = 14;

interface Stamp {
  inputs: string;
  output: string;
  result: Omit<BuildResult, 'written'>;
}

/** Read, plan, compare, and (unless `write` is false) write; or, when nothing changed since the last build, say so. */
export function build(opts: BuildOptions, res: Resources): BuildResult {
  const patterns = { include: opts.config.include, exclude: opts.config.exclude };
  // Other outputs (tests, tools) are functions the stamp cannot see: those builds always run.
  const stampKey = opts.cache && !opts.extras ? hashOf('build', opts.cache.fingerprint, JSON.stringify(opts.config), resolve(opts.out), ...opts.inputs.map((i) => resolve(i))) : null;
  const inputs = stampKey ? inputsHash(opts.inputs, patterns) : '';
  if (stampKey) {
    const stamp = opts.cache!.store.get<Stamp>('stamp', stampKey);
    if (stamp && stamp.inputs === inputs && stamp.output === folderHash(opts.out)) return { ...stamp.result, written: opts.write ?? true };
  }
  const result = fullBuild(opts, res, patterns);
  // Values of days no build has read for a while (removed transcripts, older rules and code) go.
  if (opts.cache && result.written) opts.cache.store.prune(CACHE_DAYS);
  if (stampKey && result.written && !result.diagnostics.some((d) => d.severity === 'error')) {
    opts.cache!.store.set('stamp', stampKey, { inputs, output: folderHash(opts.out), result: asRebuilt(result) } satisfies Stamp);
  }
  return result;
}

/** `renderFaqEntry`, its result filed under the hash of what it renders. */
function cachedRender(cache: { store: Store; fingerprint: string }): (e: FaqEntryData) => { content: string } {
  return (e) => {
    const key = hashOf('render', cache.fingerprint, JSON.stringify(e));
    const kept = cache.store.get<string>('render', key);
    if (kept !== undefined) return { content: kept };
    const { content } = renderFaqEntry(e);
    cache.store.set('render', key, content);
    return { content };
  };
}

/** What building again over a build's own output finds: nothing to change, its new and updated entries unchanged. */
function asRebuilt(r: BuildResult): Omit<BuildResult, 'written'> {
  const entries = r.index.entries.map((e) => (e.action === 'new' || e.action === 'updated' ? { ...e, action: 'unchanged' as const } : e));
  const count = (a: string) => entries.filter((e) => e.action === a).length;
  return {
    changes: [],
    index: { ...r.index, entries },
    diagnostics: r.diagnostics,
    summary: { ...r.summary, new: 0, updated: 0, unchanged: count('unchanged'), kept: count('kept'), orphaned: count('orphaned'), changes: 0 },
  };
}

function fullBuild(opts: BuildOptions, res: Resources, patterns: { include: string[]; exclude: string[] }): BuildResult {
  if (!(opts.write ?? true)) {
    const result = planAndWrite(opts, res, patterns);
    if (pendingCommit(opts.out)) {
      result.diagnostics.push(diagnostic('build', 'error', join(opts.out, JOURNAL), 1, 'a build was interrupted while writing this folder; run chatkb build to finish it'));
    }
    return result;
  }
  // One build at a time reads and writes the folder; first it finishes what an interrupted one committed to.
  const release = lockOutput(opts.out);
  try {
    recoverCommit(opts.out);
    return planAndWrite(opts, res, patterns);
  } finally {
    release();
  }
}

function planAndWrite(opts: BuildOptions, res: Resources, patterns: { include: string[]; exclude: string[] }): BuildResult {
  // The knowledge base must not depend on the order paths were given in.
  const { docs, diagnostics } = extractAll(opts.inputs, res, {
    patterns,
    slim: true,
    ...(opts.progress ? { progress: 'build' } : {}),
    ...(opts.cache ? { cache: opts.cache } : {}),
    ...(opts.jobs && opts.resourcePaths ? { jobs: opts.jobs, resourcePaths: opts.resourcePaths } : {}),
  });
  docs.sort((a, b) => compareStrings(a.transcript.file, b.transcript.file));

  const root = inputRoot(opts.inputs, isDirectory);
  const prefix = basename(root);
  const displayPath = (file: string) => {
    const rel = relativeTo(root, file);
    return prefix && !rel.startsWith('/') ? `${prefix}/${rel}` : rel;
  };
  const cache = opts.cache;
  const existing = readExisting(
    opts.out,
    cache && {
      key: (path, topic, content) => hashOf('entry', cache.fingerprint, path, topic, content),
      get: (key) => cache.store.get('entry', key),
      set: (key, value) => cache.store.set('entry', key, value),
    },
  );
  diagnostics.push(...existing.diagnostics);
  const plan = planBuild({
    docs,
    res,
    config: opts.config,
    privacy: {
      mode: opts.config.attribution,
      rules: loadRedactRules(join(opts.rulesDir, 'redact.yaml')),
      speakers: res.normalize.speakers,
      isTerm: (f) => res.terms.lookup(f) !== undefined,
    },
    paths: (file) => ({ rel: relativeTo(root, file), display: displayPath(file) }),
    existing: existing.entries,
    ...(cache ? { render: cachedRender(cache) } : {}),
    previousReview: existsSync(join(opts.out, 'review.json')) ? readFileSync(join(opts.out, 'review.json'), 'utf8') : null,
    // The glossary is the default further output; `extras` replaces it (tests, other tools).
    extras: opts.extras ?? [glossaryOutputs({ rules: loadGlossaryRules(join(opts.rulesDir, 'glossary.yaml')), sourcePath: displayPath })],
  });

  const changes = diffWithDisk(opts.out, plan);
  // Nothing read and something wrong (a mistyped folder): writing would mark every entry orphaned.
  const nothingRead = docs.length === 0 && diagnostics.some((d) => d.severity === 'error');
  if (nothingRead) diagnostics.push(diagnostic('build', 'error', opts.inputs.join(' '), 1, 'no transcript could be read; nothing written'));
  const write = (opts.write ?? true) && !nothingRead;
  if (write) applyChanges(opts.out, plan, changes, opts.commit);
  const count = (a: string) => plan.index.entries.filter((e) => e.action === a).length;
  return {
    changes,
    index: plan.index,
    diagnostics,
    written: write,
    summary: {
      transcripts: docs.length,
      failed: failedFiles(diagnostics),
      new: count('new'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      kept: count('kept'),
      orphaned: count('orphaned'),
      stale: plan.index.entries.filter((e) => e.stale).length,
      changes: changes.length,
    },
  };
}

/** What writing the plan would change on disk, sorted by path. */
export function diffWithDisk(out: string, plan: Plan): Change[] {
  const changes: Change[] = [];
  for (const f of plan.files) {
    const target = join(out, f.path);
    if (!existsSync(target)) changes.push({ path: f.path, kind: 'new' });
    else if (readFileSync(target, 'utf8') !== f.content) changes.push({ path: f.path, kind: 'updated' });
  }
  const planned = new Set(plan.files.map((f) => f.path));
  const removals = new Set(plan.removals.filter((p) => !planned.has(p)));
  // A topic page whose topic has no entries left would list stale entries.
  for (const page of topicPages(out)) if (!planned.has(page)) removals.add(page);
  for (const p of removals) if (existsSync(join(out, p))) changes.push({ path: p, kind: 'removed' });
  return changes.sort((a, b) => compareStrings(a.path, b.path));
}

function applyChanges(out: string, plan: Plan, changes: readonly Change[], hooks?: CommitHooks): void {
  const content = new Map(plan.files.map((f) => [f.path, f.content]));
  commitFiles(
    out,
    changes.filter((c) => c.kind !== 'removed').map((c) => ({ path: c.path, content: content.get(c.path)! })),
    changes.filter((c) => c.kind === 'removed').map((c) => c.path),
    hooks,
  );
}

function topicPages(out: string): string[] {
  const faq = join(out, 'faq');
  if (!existsSync(faq)) return [];
  return readdirSync(faq)
    .filter((d) => !d.startsWith('.') && isDirectory(join(faq, d)) && existsSync(join(faq, d, INDEX_FILE)))
    .map((d) => `faq/${d}/${INDEX_FILE}`);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Input files with an error of their own (an unreadable transcript, a stage that failed on it). */
export function failedFiles(diagnostics: readonly Diagnostic[]): number {
  return new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file.replace(/#[^/\\]*$/, ''))).size;
}
