/**
 * The command line: extract | eval | build | rules | status. I/O lives here and in the readers
 * and writers; everything between is pure.
 *
 * Exit codes: 0 success; 1 some input failed (a bad transcript, a stale knowledge base
 * under --check, a quality bar not met); 2 the command could not run (bad usage, a
 * broken rule or glossary file).
 */
import { Command, CommanderError, Option } from 'commander';
import { docToJson, type ExtractionJson } from './emit/json.js';
import { diagnosticJson, formatDiagnostic, formatDiagnostics } from './diagnostics.js';
import type { Doc } from './model.js';
import { extractAll, type ExtractResult } from './pipeline.js';
import { defaultPaths, loadResources, type ResourcePaths, type Resources } from './resources.js';
import { readRulebook } from './rulebook/registry.js';
import { testRules } from './rulebook/tester.js';
import { DataFileError } from './rules/load.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { acceptTerm } from './glossary/accept.js';
import { glossaryFiles } from './glossary/curated.js';
import { build, failedFiles, type BuildResult } from './build.js';
import { loadConfig } from './kb/config.js';
import { formatStatus, kbStatus } from './kb/status.js';
import {
  evalJson,
  formatEditorAnswersReport,
  formatEditorReport,
  formatReport,
  loadGoldDir,
  meetsBars,
  scoreAll,
  scoreEditorAnswers,
  scoreEditorBench,
  type Bars,
  type EditorAnswersResult,
  type EvalResult,
  type Extraction,
  type Gold,
} from './eval/index.js';
import { GENERATORS, initFiles, type Generator } from './site/init.js';
import { readSite, sitePages } from './site/build.js';
import { writeSite } from './site/write.js';
import { readers } from './ingest/index.js';
import { EXAMPLES } from './ingest/readers/examples.js';
import { formatReview, kbReview } from './kb/review-read.js';
import { formatReviewScore, reviewCurve, scoreReview } from './eval/review.js';
import { crossValidate } from './learn/crossval.js';
import { loadFitData } from './learn/data.js';
import { DEFAULT_FIT, fitModel } from './learn/model.js';
import { fittedYaml } from './learn/write.js';
import { writeFileAtomic } from './emit/atomic.js';
import { folderStore } from './cache/store.js';
import { LockedError } from './emit/commit.js';
import { resourceFingerprint } from './cache/fingerprint.js';
import { FITTED_FILE } from './rules/fitted.js';

/**
 * Exit codes (README, "Exit codes"): 1 an input could not be read or processed, 2 the
 * command could not run as asked (usage, a broken rule file), 3 it ran and a check
 * failed (a stale knowledge base under --check, a quality bar, a rule's examples).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, check: 3 } as const;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const stdio: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

export { formatDiagnostic };

interface CommonOptions {
  rules?: string;
  glossary?: string;
}

function resourcesFrom(opts: CommonOptions): Resources {
  return loadResources(pathsFrom(opts));
}

export function extractionJson(result: ExtractResult): ExtractionJson {
  return {
    version: 1,
    transcripts: result.docs.map(docToJson),
    diagnostics: result.diagnostics.map(diagnosticJson),
  };
}

function summaryLine(doc: Doc): string {
  const t = doc.transcript;
  const questions = doc.analyses.filter((a) => a.question).length;
  const faq = doc.exchanges.filter((e) => e.faq).length;
  return `${t.file}: ${t.format}, ${t.messages.length} messages, ${questions} questions, ${doc.exchanges.length} exchanges (${faq} FAQ), ${doc.terms.length} terms`;
}

export function buildProgram(rawIo: Io = stdio, setExit: (code: number) => void = () => {}): Command {
  // `--quiet` on any command: nothing on stdout; errors still reach stderr.
  let quiet = false;
  const io: Io = { stdout: (s) => void (quiet ? undefined : rawIo.stdout(s)), stderr: rawIo.stderr };
  const program = new Command('chatkb')
    .description('Turn chat-group transcripts into a reviewed knowledge base: FAQ entries and a glossary')
    .version('0.1.0')
    .configureOutput({ writeOut: rawIo.stdout, writeErr: rawIo.stderr })
    .exitOverride()
    // A usage error is one line on stderr (exit 2); --help shows the rest.
    .showHelpAfterError(false);
  const common = (cmd: Command) =>
    cmd
      .addOption(new Option('--rules <dir>', 'rule files folder (default: the package rules/)'))
      .addOption(new Option('--glossary <path>', 'curated glossary: a file, or a folder of *.yaml files (default: the package glossary/)'));

  common(
    program
      .command('extract')
      .description('read transcripts and print what was found: messages, questions, replies, exchanges, terms')
      .argument('<paths...>', 'transcript files, folders or quoted globs; - reads standard input')
      .option('--json', 'print one JSON document (schema in README) on stdout')
      .option('--quiet', 'print nothing but errors')
      .option('--format <name>', 'force a format instead of detecting it')
      .addHelpText('after', "\nExamples:\n  chatkb extract transcripts/\n  chatkb extract --json 'chats/**/*.txt'\n  cat day.txt | chatkb extract --format whatsapp-txt -"),
  ).action((paths: string[], opts: CommonOptions & { json?: boolean; quiet?: boolean; format?: string }) => {
    if (opts.format !== undefined && !readers.some((r) => r.format === opts.format)) {
      io.stderr(`chatkb extract: unknown --format ${opts.format} (expected one of ${readers.map((r) => r.format).join(', ')})\n`);
      setExit(EXIT.usage);
      return;
    }
    const res = resourcesFrom(opts);
    const result = extractAll(paths, res, { ...(opts.format ? { format: opts.format } : {}), ...(rawIo === stdio && !opts.quiet ? { progress: 'extract' } : {}) });
    for (const d of result.diagnostics) if (!opts.quiet || d.severity === 'error') io.stderr(formatDiagnostic(d) + '\n');
    if (opts.json) io.stdout(JSON.stringify(extractionJson(result)) + '\n');
    else if (!opts.quiet) for (const doc of result.docs) io.stdout(summaryLine(doc) + '\n');
    const failed = failedFiles(result.diagnostics);
    if (failed > 0 && !opts.json) io.stderr(`chatkb extract: ${result.docs.length} transcripts read; ${failed} file${failed === 1 ? '' : 's'} could not be read (errors above)\n`);
    setExit(result.diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok);
  });

  program
    .command('formats')
    .description('the transcript formats chatkb reads, how each looks, and a short example of each')
    .argument('[format]', 'show only this format, its example in full')
    .option('--json', 'print [{format, shape, example: {file, text}}] as JSON')
    .option('--quiet', 'print nothing; exit 2 when the format is not one chatkb reads')
    .addHelpText('after', '\nExamples:\n  chatkb formats\n  chatkb formats telegram-json\n  chatkb extract --format whatsapp-txt chat.txt')
    .action((format: string | undefined, opts: { json?: boolean; quiet?: boolean }) => {
      const chosen = format === undefined ? readers : readers.filter((r) => r.format === format);
      if (chosen.length === 0) {
        io.stderr(`chatkb formats: unknown format ${format} (expected one of ${readers.map((r) => r.format).join(', ')})\n`);
        setExit(EXIT.usage);
        return;
      }
      setExit(EXIT.ok);
      if (opts.quiet) return;
      const rows = chosen.map((r) => ({ format: r.format, shape: shapeOf(r.describe, r.format), example: EXAMPLES[r.format]! }));
      if (opts.json) {
        io.stdout(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const width = Math.max(...rows.map((r) => r.format.length));
      const lines: string[] = [];
      for (const r of rows) {
        lines.push(`${r.format.padEnd(width)}  ${r.shape}`);
        const text = r.example.text.replace(/\n+$/, '').split('\n');
        const shownLines = format === undefined && text.length > 8 ? [...text.slice(0, 8), '…'] : text;
        lines.push(`${' '.repeat(width + 2)}e.g. ${r.example.file}:`, ...shownLines.map((l) => `${' '.repeat(width + 4)}${l}`), '');
      }
      lines.push(`${rows.length === 1 ? '' : `${rows.length} formats. `}A file's format is detected from its head; --format <name> forces one.`);
      io.stdout(lines.join('\n') + '\n');
    });

  common(
    program
      .command('eval')
      .description('measure extraction quality against gold annotations (shared/eval/GOLD-FORMAT.md)')
      .requiredOption('--gold <dir>', 'folder of *.gold.yaml files')
      .requiredOption('--corpus <root>', 'folder the gold files name their transcripts relative to')
      .option('--editor-pairs <tsv>', 'also run the editor benchmarks (questions, answers) over these curated/raw pairs (relative to --corpus)')
      .option('--json', 'print the scores as JSON')
      .option('--folds <k>', 'fit the weights on all days but one fold and measure that fold, for each of k folds (held-out numbers)', (v) => Number.parseInt(v, 10))
      .option('--silver <dirs...>', 'with --folds: also fit on the explicit replies of these unannotated days')
      .option('--min-q <f1>', 'fail (exit 1) when question F1 is below this', parseFloat)
      .option('--min-a <f1>', 'fail when answer-attachment F1 is below this', parseFloat)
      .option('--min-faq <f1>', 'fail when FAQ-exchange F1 is below this', parseFloat)
      .option('--min-terms <f1>', 'fail when glossary-term F1 is below this', parseFloat)
      .option('--min-editor <share>', 'fail when the share of editor questions in FAQ exchanges is below this (needs --editor-pairs)', parseFloat)
      .option('--min-editor-answers <share>', 'fail when the share of editor answer messages attached to their question is below this (needs --editor-pairs)', parseFloat)
      .option('--min-editor-entries <share>', 'fail when the share of editor Q/A pairs found as an FAQ exchange is below this (needs --editor-pairs)', parseFloat)
      .option('--review-per-day <n>', 'drafts per day the review-queue measure looks at', (v) => parseInt(v, 10), 10)
      .option('--review-min-score <p>', 'the review queue\'s score line (default 0.9, as chatkb.config.yaml `review.minScore`)', parseFloat, 0.9)
      .option('--min-review <share>', 'fail when the share of keepable drafts in the top --review-per-day of each day is below this', parseFloat)
      .addHelpText('after', '\nExamples:\n  chatkb eval --gold ../shared/eval/dev --corpus ../shared/corpus\n  chatkb eval --gold ../shared/eval/dev --corpus ../shared/corpus --folds 6 --json\n  chatkb eval --gold gold/ --corpus corpus/ --min-q 0.86 --min-faq 0.75   # in CI: exit 3 below a floor'),
  ).action((opts: CommonOptions & EvalOptions) => setExit(runEval(opts, resourcesFrom(opts), io)));

  common(
    program
      .command('build')
      .description('build the knowledge base: FAQ entries and index pages (and extra outputs) from transcripts')
      .argument('[transcripts...]', 'transcript files or folders (default: chatkb.config.yaml `input`, else transcripts/)')
      .option('--out <dir>', 'output folder (default: chatkb.config.yaml `out`, else output/)')
      .option('--config <file>', 'settings file (default: ./chatkb.config.yaml when present)')
      .option('--check', 'write nothing; list what would change and exit 1 when anything would (for CI)')
      .option('--dry-run', 'write nothing; list what would change')
      .option('--json', 'print the summary, the changed files and the diagnostics as one JSON document')
      .option('--quiet', 'print nothing but errors')
      .option('--no-cache', 'extract every transcript again instead of reusing unchanged ones from chatkb.config.yaml `cache` (.chatkb-cache/)')
      .option('--jobs <n>', 'worker threads for extracting the days that are not cached (default 1; the output is the same for any number)', (v) => Number.parseInt(v, 10))
      .addHelpText('after', '\nExamples:\n  chatkb build\n  chatkb build chats/ --out kb/\n  chatkb build --check   # in CI: exit 3 when output/ is stale'),
  ).action((paths: string[], opts: CommonOptions & BuildCliOptions) => setExit(runBuild(paths, opts, resourcesFrom(opts), io)));

  common(
    program
      .command('fit')
      .description('fit the question and answer weights on annotated days and write them to rules/fitted.yaml')
      .requiredOption('--gold <dir>', 'folder of *.gold.yaml files')
      .requiredOption('--corpus <root>', 'folder the gold and pairs files name their transcripts relative to')
      .option('--editor-pairs <tsv>', "also fit on editors' Q/A pairs (curated/raw, relative to --corpus)")
      .option('--silver <dirs...>', 'also fit on the explicit replies of these unannotated days')
      .option('--kb <dir>', "also fit the FAQ ranker on the editors' decisions in this knowledge base (approved/reviewed: kept, rejected: not)")
      .option('--kb-inputs <paths...>', 'the transcripts that knowledge base was built from (default: chatkb.config.yaml `input`)')
      .option('--out <file>', 'where to write the weights (default: fitted.yaml in the rules folder)')
      .option('--json', 'print what was fitted on and written as JSON')
      .option('--dry-run', 'fit and print the weights, write nothing')
      .addHelpText('after', '\nExamples:\n  chatkb fit --gold ../shared/eval/dev --corpus ../shared/corpus\n  chatkb fit --gold gold/ --corpus corpus/ --kb output --dry-run'),
  ).action((opts: CommonOptions & FitCliOptions) => setExit(runFit(opts, io)));

  const rules = common(
    program
      .command('rules')
      .description('list every rule: id, file:line, kind, description and how many examples it has')
      .option('--json', 'print {"rules": [{id, file, line, kind, description, examples: {fires, quiet}}]}')
      .option('--quiet', 'print nothing but errors')
      .addHelpText('after', '\nExamples:\n  chatkb rules\n  chatkb rules --json | jq \'.rules[] | select(.kind == "question")\''),
  ).action((opts: CommonOptions & { json?: boolean }) => setExit(runRulesList(opts, io)));
  common(
    rules
      .command('test')
      .description("run every rule's examples (fires / quiet); exit 1 when one fails or a rule has none")
      .option('--json', 'print the results as JSON')
      .addHelpText('after', '\nExamples:\n  chatkb rules test\n  chatkb rules test --rules my-rules/ --json'),
  ).action((opts: CommonOptions & { json?: boolean }, cmd: Command) => setExit(runRulesTest({ ...cmd.parent?.opts(), ...opts }, io)));

  const glossary = program.command('glossary').description('work on the curated glossary');
  common(
    glossary
      .command('accept')
      .description('add a term (e.g. one of glossary-candidates.md) to the curated glossary, validated with the rest of it')
      .argument('<term>', 'the canonical form')
      .requiredOption('--definition <text>', 'a definition in your own words (Chinese first)')
      .requiredOption('--category <name>', 'one of the glossary categories')
      .option('--en <forms...>', 'English equivalents')
      .option('--alias <forms...>', 'other spellings and abbreviations')
      .option('--related <terms...>', 'related curated terms')
      .option('--reviewed', 'mark it reviewed (default: status candidate, for a second look)')
      .option('--into <file>', 'the glossary file to add it to (default: accepted.yaml in the glossary folder)')
      .option('--json', 'print {term, file, status} as JSON')
      .addHelpText('after', "\nExample:\n  chatkb glossary accept 回盘 --category clearing-settlement --en 'batch result file' --definition '批量代收付交易处理后，银行或渠道返回的逐笔结果文件。'"),
  ).action((term: string, opts: CommonOptions & AcceptCliOptions) => setExit(runAccept(term, opts, io)));

  program
    .command('status')
    .description('entries of the knowledge base by status and topic')
    .option('--out <dir>', 'output folder (default: chatkb.config.yaml `out`, else output/)')
    .option('--config <file>', 'settings file (default: ./chatkb.config.yaml when present)')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', '\nExamples:\n  chatkb status\n  chatkb status --out kb/ --json')
    .action((opts: { out?: string; config?: string; json?: boolean }) => {
      const { config, base } = loadConfig(opts.config);
      const report = kbStatus(opts.out ?? resolve(base, config.out));
      io.stdout((opts.json ? JSON.stringify(report, null, 2) : formatStatus(report)) + '\n');
      setExit(EXIT.ok);
    });

  const site = program.command('site').description('the built-in static site of the knowledge base');
  common(
    site
      .command('build')
      .description('HTML pages of the approved entries, the glossary and a search that handles Chinese, from the knowledge base folder')
      .option('--out <dir>', 'the knowledge base folder (default: chatkb.config.yaml `out`, else output/)')
      .option('--to <dir>', 'where the site goes (default: site/ beside the config)')
      .option('--config <file>', 'settings file (default: ./chatkb.config.yaml when present)')
      .option('--drafts', 'show drafts and reviewed entries too, not only approved ones')
      .option('--source-base <url>', 'where the transcripts are online; sources link to <url><transcript>#L<line>')
      .option('--json', 'print {to, files, written, removed} as JSON')
      .addHelpText('after', '\nExamples:\n  chatkb site build\n  chatkb site build --drafts --to /tmp/kb-site\n  chatkb site build --source-base https://github.com/acme/kb/blob/main/'),
  ).action((opts: CommonOptions & { out?: string; to?: string; config?: string; drafts?: boolean; sourceBase?: string; json?: boolean }) => {
    const { config, base } = loadConfig(opts.config);
    const from = opts.out ?? resolve(base, config.out);
    const to = opts.to ?? resolve(base, 'site');
    if (!existsSync(join(from, 'faq'))) {
      io.stderr(`chatkb site build: ${from} holds no knowledge base (no faq/ folder); run chatkb build first\n`);
      setExit(EXIT.failed);
      return;
    }
    const res = loadResources(pathsFrom(opts));
    const topicTitles = new Map(res.topics.topics.map((t) => [t.id, t.title]));
    const files = sitePages(readSite(from), { ...(opts.drafts ? { drafts: true } : {}), ...(opts.sourceBase ? { sourceBase: opts.sourceBase } : {}), topicTitles });
    const done = writeSite(to, files);
    if (opts.json) io.stdout(`${JSON.stringify({ to: shown(to), files: files.length, ...done })}\n`);
    else if (!quiet) io.stderr(`chatkb site build: ${files.length} files in ${shown(to)} (${done.written} written, ${done.removed} removed)\n`);
    setExit(EXIT.ok);
  });

  site
    .command('init')
    .description('write the configuration a site generator needs to publish the knowledge base folder as it is')
    .argument('<generator>', GENERATORS.join(' | '))
    .option('--out <dir>', 'the knowledge base folder (default: chatkb.config.yaml `out`, else output/)')
    .option('--config <file>', 'settings file (default: ./chatkb.config.yaml when present)')
    .option('--force', 'replace configuration files that are already there')
    .option('--json', 'print the files written as JSON')
    .addHelpText('after', '\nExamples:\n  chatkb site init vitepress && npx vitepress build output\n  chatkb site init docusaurus && (cd docusaurus && npm install && npx docusaurus build)')
    .action((generator: string, opts: { out?: string; config?: string; force?: boolean; json?: boolean }) => {
      if (!(GENERATORS as readonly string[]).includes(generator)) {
        io.stderr(`chatkb site init: unknown generator ${generator} (expected one of ${GENERATORS.join(', ')})\n`);
        setExit(EXIT.usage);
        return;
      }
      const { config, base } = loadConfig(opts.config);
      const out = resolve(opts.out ?? resolve(base, config.out));
      const files = initFiles(generator as Generator, basename(out));
      const target = (f: { path: string; beside?: boolean }) => join(f.beside ? dirname(out) : out, f.path);
      const there = files.filter((f) => existsSync(target(f)));
      if (there.length && !opts.force) {
        io.stderr(`chatkb site init: ${there.map((f) => shown(target(f))).join(', ')} already there; --force replaces it\n`);
        setExit(EXIT.failed);
        return;
      }
      for (const f of files) writeFileAtomic(target(f), f.content);
      const written = files.map((f) => shown(target(f)));
      io.stdout(opts.json ? `${JSON.stringify({ generator, written })}\n` : written.map((w) => `wrote ${w}\n`).join(''));
      setExit(EXIT.ok);
    });

  program
    .command('review')
    .description("the drafts to review first: each day's best by score, and what the last build changed")
    .option('--out <dir>', 'output folder (default: chatkb.config.yaml `out`, else output/)')
    .option('--config <file>', 'settings file (default: ./chatkb.config.yaml when present)')
    .option('--per-day <n>', 'drafts per day (default: chatkb.config.yaml `review.perDay`, 8)', (v) => parseInt(v, 10))
    .option('--min-score <p>', 'score a draft needs to make the queue (default: `review.minScore`, 0.9)', parseFloat)
    .option('--json', 'print the queue as JSON (the shape of review.json)')
    .addHelpText('after', '\nExamples:\n  chatkb review\n  chatkb review --per-day 3 --min-score 0 --json')
    .action((opts: { out?: string; config?: string; perDay?: number; minScore?: number; json?: boolean }) => {
      const { config, base } = loadConfig(opts.config);
      const perDay = opts.perDay ?? config.review.perDay;
      const minScore = opts.minScore ?? config.review.minScore;
      if (!Number.isInteger(perDay) || perDay < 1 || !(minScore >= 0 && minScore <= 1)) {
        io.stderr('chatkb review: --per-day must be a whole number of at least 1, --min-score a number from 0 to 1\n');
        setExit(EXIT.usage);
        return;
      }
      const q = kbReview(opts.out ?? resolve(base, config.out), perDay, minScore);
      io.stdout((opts.json ? JSON.stringify(q, null, 2) : formatReview(q)) + '\n');
      setExit(EXIT.ok);
    });

  for (const command of leaves(program)) {
    if (!command.options.some((o) => o.long === '--quiet')) command.option('--quiet', 'print nothing but errors');
  }
  program.hook('preAction', (_program, action) => {
    quiet = action.opts()['quiet'] === true;
  });
  return program;
}

/** The commands that run something (`rules` runs and has `rules test` under it; `site` only groups). */
function leaves(command: Command): Command[] {
  return command.commands.flatMap((c) => (c.commands.length === 0 ? [c] : leaves(c)));
}

/** `telegram-json (Telegram Desktop …)` → `Telegram Desktop …`. */
function shapeOf(describe: string, format: string): string {
  const rest = describe.startsWith(format) ? describe.slice(format.length).trim() : describe;
  return rest.startsWith('(') && rest.endsWith(')') ? rest.slice(1, -1) : rest;
}

/**
 * Where the build keeps its cache: nowhere under `--no-cache`; else `CHATKB_CACHE` (a folder,
 * or `off`; CI can point it at a folder it keeps between runs); else the config's `cache`.
 */
function cacheFolder(wanted: boolean, configured: string | false, base: string): string | null {
  if (!wanted) return null;
  const env = process.env['CHATKB_CACHE']?.trim();
  if (env) return /^(?:off|false|0|no)$/i.test(env) ? null : resolve(env);
  return configured === false ? null : resolve(base, configured);
}

function pathsFrom(opts: CommonOptions): ResourcePaths {
  const paths = defaultPaths();
  return { rulesDir: opts.rules ?? paths.rulesDir, glossaryFile: opts.glossary ?? paths.glossaryFile };
}

/** A path as the user would type it: relative to where they stand when inside it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function runRulesList(opts: CommonOptions & { json?: boolean }, io: Io): number {
  const book = readRulebook(pathsFrom(opts).rulesDir);
  for (const d of book.diagnostics) io.stderr(formatDiagnostic({ ...d, file: shown(d.file) }) + '\n');
  const rows = book.rules.map((r) => ({
    id: r.id,
    file: shown(r.file),
    line: r.line,
    kind: r.kind,
    description: r.description,
    examples: { fires: r.examples.fires.length, quiet: r.examples.quiet.length },
  }));
  if (opts.json) io.stdout(JSON.stringify({ rules: rows }, null, 2) + '\n');
  else {
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows) io.stdout(`${r.id.padEnd(width)}  ${`${r.file}:${r.line}`.padEnd(28)}  ${r.kind.padEnd(13)}  ${String(r.examples.fires).padStart(2)}/${String(r.examples.quiet).padEnd(2)}  ${r.description}\n`);
    io.stdout(`${rows.length} rules in ${new Set(rows.map((r) => r.file)).size} files (examples: fires/quiet)\n`);
  }
  return book.diagnostics.some((d) => d.severity === 'error') ? EXIT.usage : EXIT.ok;
}

function runRulesTest(opts: CommonOptions & { json?: boolean }, io: Io): number {
  const report = testRules(pathsFrom(opts));
  const diagnostics = report.diagnostics.map((d) => ({ ...d, file: shown(d.file) }));
  const failed = new Set(diagnostics.map((d) => d.ruleId).filter(Boolean)).size;
  if (opts.json) {
    const results = report.results.map((r) => ({ id: r.rule.id, file: shown(r.rule.file), line: r.rule.line, kind: r.rule.kind, examples: { fires: r.fires, quiet: r.quiet }, ok: r.failures.length === 0 }));
    io.stdout(JSON.stringify({ rules: results, diagnostics: diagnostics.map(diagnosticJson) }, null, 2) + '\n');
  } else {
    for (const d of diagnostics) io.stderr(formatDiagnostic(d) + '\n');
    io.stdout(`${report.results.length} rules, ${report.cases} examples: ${diagnostics.length === 0 ? 'all pass' : `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in ${failed} rule${failed === 1 ? '' : 's'}`}\n`);
  }
  return diagnostics.length === 0 ? EXIT.ok : EXIT.check;
}

interface FitCliOptions {
  gold: string;
  corpus: string;
  editorPairs?: string;
  silver?: string[];
  kb?: string;
  kbInputs?: string[];
  out?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** The transcripts of the configured knowledge base (chatkb.config.yaml `input`). */
function kbInputsOf(): string[] {
  const { config, base } = loadConfig(undefined);
  return config.input.map((p) => resolve(base, p));
}

function runFit(opts: CommonOptions & FitCliOptions, io: Io): number {
  const paths = pathsFrom(opts);
  // The fit starts from the hand-set weights, whatever rules/fitted.yaml says now.
  const hand = loadResources(paths, { fitted: false });
  const data = loadFitData(
    {
      gold: opts.gold,
      corpus: opts.corpus,
      ...(opts.editorPairs ? { editorPairs: opts.editorPairs } : {}),
      ...(opts.silver ? { silver: opts.silver } : {}),
      ...(opts.kb ? { kb: { dir: opts.kb, inputs: opts.kbInputs ?? kbInputsOf() } } : {}),
    },
    hand,
  );
  for (const d of data.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
  if (data.days.every((d) => !d.gold)) {
    io.stderr('chatkb fit: no gold day could be read; nothing fitted\n');
    return EXIT.failed;
  }
  const model = fitModel(data.days, data.silver, hand, DEFAULT_FIT);
  const fittedOn = {
    goldDays: data.days.filter((d) => d.gold).length,
    editorDays: data.days.filter((d) => d.editor).length,
    editorDecisions: data.days.reduce((n, d) => n + (d.decisions?.size ?? 0), 0),
    silverDecisions: data.silver.length,
  };
  const text = fittedYaml(model, { ...fittedOn, settings: DEFAULT_FIT });
  const out = opts.out ?? join(paths.rulesDir, FITTED_FILE);
  const weights = { questions: Object.keys(model.questions?.weights ?? {}).length, answers: Object.keys(model.answers.weights).length };
  if (!opts.dryRun) writeFileAtomic(out, text);
  if (opts.json) io.stdout(`${JSON.stringify({ file: opts.dryRun ? null : shown(out), data: fittedOn, weights }, null, 2)}\n`);
  else if (opts.dryRun) io.stdout(text);
  else io.stdout(`wrote ${shown(out)}: ${weights.questions} question and ${weights.answers} answer weights\n`);
  return EXIT.ok;
}

interface BuildCliOptions {
  /** `--no-cache` sets it false. */
  cache?: boolean;
  jobs?: number;
  out?: string;
  config?: string;
  check?: boolean;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
}

function runBuild(paths: string[], opts: CommonOptions & BuildCliOptions, res: Resources, io: Io): number {
  const { config, base } = loadConfig(opts.config);
  const inputs = paths.length ? paths : config.input.map((p) => relative(process.cwd(), resolve(base, p)) || '.');
  const out = opts.out ?? (relative(process.cwd(), resolve(base, config.out)) || '.');
  if (inputs.includes('-')) {
    io.stderr('chatkb build: reads files and folders, not standard input (chatkb extract - does)\n');
    return EXIT.usage;
  }
  if (opts.jobs !== undefined && !(Number.isInteger(opts.jobs) && opts.jobs >= 1)) {
    io.stderr('chatkb build: --jobs must be a whole number of at least 1\n');
    return EXIT.usage;
  }
  const dry = Boolean(opts.check || opts.dryRun);
  const interactive = process.stderr.isTTY && !process.env.CI;
  if (!interactive && !opts.quiet && !opts.json) io.stderr(`chatkb build: ${inputs.join(' ')} → ${out}${dry ? ' (nothing written)' : ''}\n`);
  const cacheDir = cacheFolder(opts.cache !== false, config.cache, base);
  const cache = cacheDir ? { store: folderStore(cacheDir), fingerprint: resourceFingerprint(pathsFrom(opts)) } : undefined;
  let result: BuildResult;
  try {
    // One by default: on two cores, workers gave no speed (the docs they send back cost what
    // they saved) and took 450 MB more at 685 days. More cores may well differ: --jobs.
    const jobs = opts.jobs ?? 1;
    result = build({ inputs, out, config, rulesDir: opts.rules ?? defaultPaths().rulesDir, write: !dry, progress: io === stdio, jobs, resourcePaths: pathsFrom(opts), ...(cache ? { cache } : {}) }, res);
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    io.stderr(`chatkb build: ${e.message}\n`);
    return EXIT.failed;
  }
  const mode = result.written ? 'write' : opts.check ? 'check' : 'dry-run';
  if (opts.json) {
    const json = { mode, out, summary: result.summary, changes: result.changes, diagnostics: result.diagnostics.map(diagnosticJson) };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    for (const d of result.diagnostics) if (!opts.quiet || d.severity === 'error') io.stderr(formatDiagnostic(d) + '\n');
    if (!opts.quiet) io.stdout(formatBuild(result, out, mode));
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) return EXIT.failed;
  return opts.check && result.changes.length > 0 ? EXIT.check : EXIT.ok;
}

export function formatBuild(r: BuildResult, out: string, mode: 'write' | 'check' | 'dry-run'): string {
  const verb = { new: mode === 'write' ? 'wrote' : 'would write', updated: mode === 'write' ? 'updated' : 'would update', removed: mode === 'write' ? 'removed' : 'would remove' };
  const lines = r.changes.map((c) => `${verb[c.kind]} ${join(out, c.path)}`);
  const s = r.summary;
  lines.push(
    `${s.transcripts} transcripts${s.failed ? ` (${s.failed} file${s.failed === 1 ? '' : 's'} could not be read: see the errors above)` : ''}; FAQ entries: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.kept} kept (editors'), ${s.orphaned} orphaned${s.stale ? `, ${s.stale} stale (new answers)` : ''}; ` +
      (r.changes.length === 0 ? `${out} is up to date` : `${r.changes.length} file${r.changes.length === 1 ? '' : 's'} ${mode === 'write' ? 'changed' : 'would change'}`),
  );
  return lines.join('\n') + '\n';
}

/** The in-sample line that stands beside held-out numbers. */
function formatInSample(s: EvalResult, editorAnswers: EditorAnswersResult | null): string {
  const t = s.total;
  const f = (x: number) => x.toFixed(3);
  const ed = editorAnswers ? `; editor answers attached ${f(editorAnswers.attachedShare)}, entries found ${f(editorAnswers.entriesShare)}` : '';
  return `in-sample (fitted on all days, measured on them): question F1 ${f(t.questions.f1)}, answer F1 ${f(t.answers.f1)}, FAQ F1 ${f(t.faq.f1)}${ed}`;
}

interface EvalOptions {
  folds?: number;
  silver?: string[];
  gold: string;
  corpus: string;
  editorPairs?: string;
  json?: boolean;
  minQ?: number;
  minA?: number;
  minFaq?: number;
  minTerms?: number;
  minEditor?: number;
  minEditorAnswers?: number;
  minEditorEntries?: number;
  reviewPerDay?: number;
  reviewMinScore?: number;
  minReview?: number;
}

/** The extractions an evaluation scores: of the gold days, and of the editor pairs' days. */
interface Measured {
  gold: Extraction;
  pairs: Extraction | null;
  /** With --folds: the fit on all days scored on those days, beside the held-out numbers. */
  inSample: { gold: Extraction; pairs: Extraction | null } | null;
}

function pairRaws(opts: EvalOptions): string[] {
  const raws = readFileSync(opts.editorPairs!, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => join(opts.corpus, l.split('\t')[1] ?? ''));
  return [...new Set(raws)];
}

function measurePlain(opts: EvalOptions, golds: Gold[], res: Resources, io: Io): Measured {
  const result = extractAll(golds.map((g) => join(opts.corpus, g.file)), res);
  for (const d of result.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
  // The pairs' raw days are extracted once; both editor benchmarks score that extraction.
  const pairs = opts.editorPairs ? (extractionJson(extractAll(pairRaws(opts), res)) as unknown as Extraction) : null;
  return { gold: extractionJson(result) as unknown as Extraction, pairs, inSample: null };
}

/** K folds over the gold and editor days: each day run with weights fitted on the other days. */
function measureFolds(opts: CommonOptions & EvalOptions, k: number, io: Io): Measured {
  const hand = loadResources(pathsFrom(opts), { fitted: false });
  const data = loadFitData(
    { gold: opts.gold, corpus: opts.corpus, ...(opts.editorPairs ? { editorPairs: opts.editorPairs } : {}), ...(opts.silver ? { silver: opts.silver } : {}) },
    hand,
  );
  for (const d of data.diagnostics) if (d.source !== 'eval') io.stderr(formatDiagnostic(d) + '\n');
  const cv = crossValidate(data.days, data.silver, hand, k, DEFAULT_FIT);
  const json = (docs: Doc[]) => extractionJson({ docs, diagnostics: [] }) as unknown as Extraction;
  const split = (docs: Doc[]) => ({
    gold: json(docs.filter((_, i) => data.days[i]!.gold)),
    pairs: opts.editorPairs ? json(docs.filter((_, i) => data.days[i]!.editor)) : null,
  });
  return { ...split(cv.heldOut), inSample: split(cv.inSample) };
}

function runEval(opts: CommonOptions & EvalOptions, res: Resources, io: Io): number {
  const { golds, problems } = loadGoldDir(opts.gold);
  if (problems.length) io.stderr(formatDiagnostics(problems) + '\n');
  const measured = opts.folds ? measureFolds(opts, opts.folds, io) : measurePlain(opts, golds, res, io);
  const scores = scoreAll(measured.gold, golds);
  const review = scoreReview(measured.gold, golds, opts.reviewPerDay ?? 10, opts.reviewMinScore ?? 0.9);
  const curve = reviewCurve(measured.gold, golds, opts.reviewPerDay ?? 10, [0, 0.5, 0.7, 0.8, 0.85, 0.9]);
  const bars: Bars = { questions: opts.minQ ?? 0, answers: opts.minA ?? 0, faq: opts.minFaq ?? 0, terms: opts.minTerms ?? 0 };
  let editor = null;
  let editorAnswers = null;
  if (opts.editorPairs && measured.pairs) {
    editor = scoreEditorBench(measured.pairs, opts.editorPairs, opts.corpus);
    editorAnswers = scoreEditorAnswers(measured.pairs, opts.editorPairs, opts.corpus);
  }
  const inSample = measured.inSample && {
    scores: scoreAll(measured.inSample.gold, golds),
    editorAnswers: opts.editorPairs && measured.inSample.pairs ? scoreEditorAnswers(measured.inSample.pairs, opts.editorPairs, opts.corpus) : null,
  };
  if (opts.folds && !opts.json) {
    io.stdout(`Held-out: ${opts.folds} folds; each day measured with weights fitted on the other days.\n\n`);
  }
  if (opts.json) {
    const folds = inSample && { k: opts.folds, inSample: { ...evalJson(inSample.scores).total, editorAnswers: inSample.editorAnswers } };
    io.stdout(JSON.stringify({ ...evalJson(scores, problems), review, reviewCurve: curve, editor, editorAnswers, ...(folds ? { folds } : {}) }, null, 2) + '\n');
  } else {
    io.stdout(formatReport(scores, { bars }) + '\n');
    io.stdout(`${formatReviewScore(review)}${opts.minReview === undefined ? '' : ` (bar ${opts.minReview})`}\n`);
    io.stdout(`  by score floor: ${curve.map((c) => `≥${c.minScore} ${c.keepable}/${c.shown} (${c.share.toFixed(3)})`).join(', ')}\n\n`);
    if (editor) io.stdout(formatEditorReport(editor, opts.minEditor === undefined ? {} : { minRecall: opts.minEditor }) + '\n');
    if (editorAnswers) io.stdout(formatEditorAnswersReport(editorAnswers, opts.minEditorEntries === undefined ? {} : { minEntries: opts.minEditorEntries }) + '\n');
    if (inSample) io.stdout(formatInSample(inSample.scores, inSample.editorAnswers) + '\n');
  }
  // An editor bar without editor pairs to measure fails, saying why.
  const editorBars: [string, number | undefined, number | undefined][] = [
    ['--min-editor', opts.minEditor, editor?.faqShare],
    ['--min-editor-answers', opts.minEditorAnswers, editorAnswers?.attachedShare],
    ['--min-editor-entries', opts.minEditorEntries, editorAnswers?.entriesShare],
  ];
  let editorOk = true;
  let usable = true;
  for (const [flag, bar, share] of editorBars) {
    if (bar === undefined) continue;
    if (share === undefined) {
      io.stderr(`chatkb eval: ${flag} needs --editor-pairs\n`);
      usable = false;
    } else if (!(share >= bar)) editorOk = false;
  }
  const reviewOk = opts.minReview === undefined || review.share >= opts.minReview;
  if (!usable) return EXIT.usage;
  if (problems.some((p) => p.severity === 'error')) return EXIT.failed;
  return meetsBars(scores, bars) && editorOk && reviewOk ? EXIT.ok : EXIT.check;
}

interface AcceptCliOptions {
  definition: string;
  category: string;
  en?: string[];
  alias?: string[];
  related?: string[];
  reviewed?: boolean;
  into?: string;
  json?: boolean;
}

function runAccept(term: string, opts: CommonOptions & AcceptCliOptions, io: Io): number {
  const path = pathsFrom(opts).glossaryFile;
  const files = glossaryFiles(path).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const target = opts.into ? resolve(opts.into) : join(dir, 'accepted.yaml');
  const known = files.find((f) => resolve(f.file) === target);
  // A file the glossary does not read would take the term and lose it on the next load.
  if (!known && (dirname(target) !== resolve(dir) || !/\.ya?ml$/.test(target) || !statSync(path).isDirectory())) {
    io.stderr(`chatkb glossary accept: --into must be a *.yaml file of the glossary folder ${dir}\n`);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = acceptTerm(files, known ? known.file : target, {
      term,
      definition: opts.definition,
      category: opts.category,
      ...(opts.en ? { en: opts.en } : {}),
      ...(opts.alias ? { aliases: opts.alias } : {}),
      ...(opts.related ? { related: opts.related } : {}),
      status: opts.reviewed ? 'reviewed' : 'candidate',
    });
  } catch (e) {
    if (!(e instanceof DataFileError)) throw e;
    io.stderr(`${formatDiagnostics(e.toDiagnostics('glossary'))}\n`);
    return EXIT.failed;
  }
  writeFileAtomic(target, text);
  const file = relative(process.cwd(), target) || target;
  io.stdout(opts.json ? `${JSON.stringify({ term, file, status: opts.reviewed ? 'reviewed' : 'candidate' })}\n` : `added ${term} to ${file}\n`);
  return EXIT.ok;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof DataFileError) {
      io.stderr(`${formatDiagnostics(e.toDiagnostics())}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  return code;
}
