// The rule tester over the package's own rule files: every rule is known to the
// registry, has examples both ways, and they hold; breaking a rule makes them fail.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { formatDiagnostics } from '../../src/diagnostics.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { readRulebook, RULE_FILES } from '../../src/rulebook/registry.js';
import { testRules } from '../../src/rulebook/tester.js';
import { defaultPaths } from '../../src/resources.js';

const paths = defaultPaths();

/** A copy of the rules folder with one file edited. */
function rulesWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatkb-rules-'));
  cpSync(paths.rulesDir, dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  const edited = edit(text);
  expect(edited, 'the edit changed nothing').not.toBe(text);
  writeFileSync(join(dir, file), edited);
  return dir;
}

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'chatkb', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('the registry', () => {
  it('knows every rule file, and a kind for every rule in them', () => {
    const files = readdirSync(paths.rulesDir).filter((f) => f.endsWith('.yaml')).sort();
    // Generated files (fitted weights) may be absent; every other one must be there.
    expect(RULE_FILES.filter((f) => !f.optional || files.includes(f.name)).map((f) => f.name).sort()).toEqual(files);
    const book = readRulebook(paths.rulesDir);
    expect(book.diagnostics).toEqual([]);
    expect(book.rules.length).toBeGreaterThan(150);
  });

  it('reports a rule standing where it knows no kind, with its line and id', () => {
    // A section added to a schema but not to the registry: the exchange features here.
    const files = RULE_FILES.map((f) => (f.name === 'exchanges.yaml' ? { ...f, sections: f.sections.filter((s) => s.at !== 'features.*') } : f));
    const book = readRulebook(paths.rulesDir, files);
    const stray = book.diagnostics.find((d) => d.ruleId === 'exchange/answered')!;
    expect(stray).toMatchObject({ severity: 'error', source: 'rules', message: expect.stringMatching(/knows no kind of rule/) });
    expect(readFileSync(stray.file, 'utf8').split('\n')[stray.line - 1]).toContain('exchange/answered');
  });
});

describe('chatkb rules', () => {
  it('lists every rule as JSON with its file, line, kind and examples both ways', async () => {
    const { code, stdout } = await cli('rules', '--json');
    expect(code).toBe(0);
    const { rules } = JSON.parse(stdout) as { rules: { id: string; file: string; line: number; kind: string; description: string; examples: { fires: number; quiet: number } }[] };
    expect(Object.keys(rules[0]!)).toEqual(['id', 'file', 'line', 'kind', 'description', 'examples']);
    const quote = rules.find((r) => r.id === 'link/quote')!;
    expect(quote).toMatchObject({ kind: 'link', file: expect.stringMatching(/rules[/\\]linking\.yaml$/) });
    expect(readFileSync(join(PACKAGE_ROOT, 'rules', 'linking.yaml'), 'utf8').split('\n')[quote.line - 1]).toContain('id: link/quote');
    const lacking = rules.filter((r) => r.examples.fires < 1 || r.examples.quiet < 1).map((r) => r.id);
    expect(lacking).toEqual([]);
  });
});

describe('chatkb rules test', () => {
  it("passes on the package's rules", () => {
    const report = testRules(paths);
    expect(formatDiagnostics(report.diagnostics)).toBe('');
    expect(report.cases).toBeGreaterThan(400);
  });

  it('fails when a pattern is broken, naming the rule and the example’s line', async () => {
    const dir = rulesWith('questions.yaml', (t) => t.replace("pattern: '(?<![?？])[？?](?![?？])[\\s)）\\]】~～!！。.…]*$'", "pattern: 'never-in-chat'"));
    const report = testRules({ ...paths, rulesDir: dir });
    const mine = report.diagnostics.filter((d) => d.ruleId === 'question/mark-end');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]!.message).toMatch(/does not fire on/);
    expect(readFileSync(join(dir, 'questions.yaml'), 'utf8').split('\n')[mine[0]!.line - 1]).toMatch(/fires:|这个怎么做/);
    const { code, stderr } = await cli('rules', 'test', '--rules', dir);
    expect(code).toBe(3);
    expect(stderr).toMatch(/questions\.yaml:\d+: error: does not fire on .* \[question\/mark-end\]/);
  });

  it('fails when what a rule means changes: a quote that no longer answers', () => {
    const dir = rulesWith('linking.yaml', (t) => t.replace('    description: a quote-reply answers the quoted message\n    role: answer', '    description: a quote-reply answers the quoted message\n    role: reply'));
    const report = testRules({ ...paths, rulesDir: dir });
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'link/quote', message: expect.stringMatching(/answers no question, not 1/) }));
  });

  it('fails a rule without a firing or a quiet example', () => {
    const dir = rulesWith('redact.yaml', (t) => t.replace(/(- id: redact\/email[\s\S]*?)\n\s+examples:\n\s+fires: .*\n\s+quiet: .*\n/, '$1\n'));
    const report = testRules({ ...paths, rulesDir: dir });
    expect(report.diagnostics.filter((d) => d.ruleId === 'redact/email').map((d) => d.message)).toEqual([
      expect.stringMatching(/has no `fires` example/),
      expect.stringMatching(/has no `quiet` example/),
    ]);
  });
});
