/**
 * The rule tester: every rule's examples, judged by its kind (src/rulebook/kinds.ts).
 * ESLint's RuleTester in shape: a `fires` case must fire the rule (and meet what it
 * expects: a link target, a captured term, a score range), a `quiet` case must not; a
 * rule without at least one of each fails, so no rule goes untested.
 */
import { join } from 'node:path';
import { diagnostic } from '../diagnostics.js';
import { loadGlossaryRules } from '../glossary/rules.js';
import type { Diagnostic } from '../model.js';
import { loadRedactRules } from '../redact/rules.js';
import { loadResources, type ResourcePaths } from '../resources.js';
import { caseLabel } from '../rules/examples.js';
import { KINDS, type TestContext } from './kinds.js';
import { readRulebook, type RuleEntry } from './registry.js';

export interface RuleResult {
  rule: RuleEntry;
  fires: number;
  quiet: number;
  /** One per failed case (or missing example). */
  failures: Diagnostic[];
}

export interface TestReport {
  results: RuleResult[];
  /** Every failure, and the rulebook's own problems. */
  diagnostics: Diagnostic[];
  cases: number;
}

export function loadTestContext(paths: ResourcePaths): TestContext {
  return {
    res: loadResources(paths),
    redact: loadRedactRules(join(paths.rulesDir, 'redact.yaml')),
    glossary: loadGlossaryRules(join(paths.rulesDir, 'glossary.yaml')),
  };
}

export function testRule(rule: RuleEntry, ctx: TestContext): RuleResult {
  const kind = KINDS[rule.kind];
  const failures: Diagnostic[] = [];
  const fail = (line: number, message: string) => failures.push(diagnostic('rules', 'error', rule.file, line, message, { ruleId: rule.id }));
  for (const which of ['fires', 'quiet'] as const) {
    const cases = rule.examples[which];
    if (cases.length === 0) fail(rule.line, `has no \`${which}\` example (a ${kind.name} rule takes ${kind.reads === 'chat' ? 'a chat' : kind.reads === 'display' ? 'a display name' : 'a text'})`);
    cases.forEach((c, k) => {
      const line = rule.caseLine(which, k);
      try {
        const v = kind.judge(rule, c, ctx);
        const label = `"${caseLabel(c)}"`;
        if (which === 'fires' && !v.fired) fail(line, `does not fire on ${label}${v.got ? ` (got: ${v.got})` : ''}`);
        else if (which === 'fires' && v.mismatch) fail(line, `fires on ${label} but ${v.mismatch}`);
        else if (which === 'quiet' && v.fired) fail(line, `fires on ${label}, a quiet example`);
      } catch (e) {
        fail(line, `example cannot be judged: ${(e as Error).message}`);
      }
    });
  }
  return { rule, fires: rule.examples.fires.length, quiet: rule.examples.quiet.length, failures };
}

/** Read the rules in `paths.rulesDir` and run every rule's examples. */
export function testRules(paths: ResourcePaths): TestReport {
  const book = readRulebook(paths.rulesDir);
  if (book.diagnostics.some((d) => d.severity === 'error')) return { results: [], diagnostics: book.diagnostics, cases: 0 };
  const ctx = loadTestContext(paths);
  const results = book.rules.map((r) => testRule(r, ctx));
  return {
    results,
    diagnostics: [...book.diagnostics, ...results.flatMap((r) => r.failures)],
    cases: results.reduce((n, r) => n + r.fires + r.quiet, 0),
  };
}
