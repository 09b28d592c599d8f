// The pipeline as named stages over one Doc, and what a failure looks like: a diagnostic
// that names the stage, while the other transcripts are still extracted.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { readTranscriptFile } from '../../src/ingest/index.js';
import { extractAll, PIPES, pipeNames, runPipeline, StageError } from '../../src/pipeline.js';
import { loadResources, type Resources } from '../../src/resources.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const DAY = join(PACKAGE_ROOT, 'transcripts', '2024-03-11-chat.markdown');
let cached: Resources | undefined;
const resources = () => (cached ??= loadResources());

describe('the pipeline', () => {
  it('names its stages in order, each filling fields no other stage fills', () => {
    expect(pipeNames).toEqual(['normalize', 'analyze', 'tokenize', 'units', 'talks', 'link', 'assemble', 'terms']);
    const filled = PIPES.flatMap((p) => p.fills).filter((f) => f !== 'transcript');
    expect(new Set(filled).size).toBe(filled.length);
  });

  it('fills every field of the Doc, with one index of message positions', () => {
    const doc = runPipeline(readTranscriptFile(DAY).transcript!, resources());
    const n = doc.transcript.messages.length;
    expect(doc.index.size).toBe(n);
    doc.transcript.messages.forEach((m, i) => expect(doc.index.get(m.id)).toBe(i));
    expect(doc.analyses).toHaveLength(n);
    expect(doc.tokens).toHaveLength(n);
    // Tokens are real words for spoken messages, with glossary terms kept whole.
    const spoken = doc.tokens.filter((_, i) => !doc.analyses[i]!.skip);
    expect(spoken.some((t) => t.length > 0)).toBe(true);
    expect(doc.tokens.flat()).toContain('原路退回');
    expect(doc.units.length).toBeGreaterThan(0);
    for (const u of doc.units) expect(doc.analyses[u.start]!.question).toBe(true);
    expect(doc.exchanges.map((e) => e.question)).toEqual(doc.units.map((u) => u.messages));
  });

  it('leaves a disabled stage’s field empty', () => {
    const doc = runPipeline(readTranscriptFile(DAY).transcript!, resources(), { disable: ['tokenize'] });
    expect(doc.tokens).toEqual([]);
    expect(doc.links.length).toBeGreaterThan(0);
  });

  it('names the stage that failed', () => {
    const broken = { ...resources(), linking: { ...resources().linking, talks: undefined } } as unknown as Resources;
    const t = readTranscriptFile(DAY).transcript!;
    expect(() => runPipeline(t, broken)).toThrow(StageError);
    try {
      runPipeline(t, broken);
    } catch (e) {
      expect((e as StageError).stage).toBe('talks');
    }
    const { docs, diagnostics } = extractAll([DAY], broken);
    expect(docs).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ file: DAY, line: 1, source: 'talks', severity: 'error' })]);
    expect(diagnostics[0]!.message).toContain('talks stage');
  });
});

describe('chatkb extract --json diagnostics', () => {
  it('reports an unreadable transcript as one diagnostic object and extracts the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-diag-'));
    const bad = join(dir, '2024-01-02-chat.markdown');
    writeFileSync(bad, 'this is a shopping list, not a chat\nmilk\neggs\n');
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'chatkb', 'extract', '--json', DAY, bad], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.transcripts.map((t: { file: string }) => t.file)).toEqual([DAY]);
    expect(json.diagnostics).toHaveLength(1);
    const d = json.diagnostics[0];
    expect(Object.keys(d).slice(0, 5)).toEqual(['file', 'line', 'source', 'severity', 'message']);
    expect(d).toMatchObject({ file: bad, line: 1, source: 'ingest', severity: 'error' });
    // The terminal shows the same object, formatted once.
    expect(stderr).toContain(`${bad}:1: error: ${d.message}`);
  });

  it('build --json carries the same diagnostics beside its summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-build-diag-'));
    mkdirSync(join(dir, 'chats'));
    cpSync(DAY, join(dir, 'chats', '2024-03-11-chat.markdown'));
    const bad = join(dir, '2024-01-02-chat.markdown');
    writeFileSync(bad, 'a shopping list\nmilk\n');
    let stdout = '';
    // named on the command line, a file that is no transcript is an error (exit 1)
    const code = await main(['node', 'chatkb', 'build', join(dir, 'chats'), bad, '--out', join(dir, 'out'), '--dry-run', '--json'], { stdout: (s) => void (stdout += s), stderr: () => {} });
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.summary.transcripts).toBe(1);
    expect(json.changes.length).toBeGreaterThan(0);
    expect(json.diagnostics).toEqual([expect.objectContaining({ file: bad, line: 1, source: 'ingest', severity: 'error' })]);
  });

  it('a file a folder walk finds that is no transcript is skipped with a warning, and the build succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-build-skip-'));
    cpSync(DAY, join(dir, '2024-03-11-chat.markdown'));
    writeFileSync(join(dir, 'notes.txt'), 'a shopping list\nmilk\n');
    let stdout = '';
    const code = await main(['node', 'chatkb', 'build', dir, '--out', join(dir, 'out'), '--dry-run', '--json'], { stdout: (s) => void (stdout += s), stderr: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).diagnostics).toEqual([
      expect.objectContaining({ file: join(dir, 'notes.txt'), line: 1, severity: 'warning', message: 'skipped: not a chat transcript' }),
    ]);
  });

  it('gives a rule file problem the id of the rule it is in', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'chatkb-rules-'));
    cpSync(join(PACKAGE_ROOT, 'rules'), rules, { recursive: true });
    const file = join(rules, 'questions.yaml');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace(/(- id: question\/mark-end\n(?:.*\n)*?\s+weight:) 1\.0/, '$1 heavy');
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    let stderr = '';
    const code = await main(['node', 'chatkb', 'extract', '--json', '--rules', rules, DAY], { stdout: () => {}, stderr: (s) => void (stderr += s) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/questions\.yaml:\d+:\d+: error: .*weight.* \[question\/mark-end\]/);
  });
});
