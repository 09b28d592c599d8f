/**
 * Fuzzing the parsers: every reader, the decoder, and the rule, glossary, config and gold
 * loaders get mangled versions of real-shaped input (and random bytes). None may throw
 * anything but its own file:line error; every problem names a line that exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

// The same cases on every run, so CI is deterministic; FUZZ_SEED=<n> explores others
// (a failure prints its seed and counterexample).
fc.configureGlobal({ seed: Number(process.env['FUZZ_SEED'] ?? 20261204) });
import { describe, expect, it } from 'vitest';
import { parseGold } from '../../src/eval/gold.js';
import { parseGlossary } from '../../src/glossary/curated.js';
import { readers, readTranscriptBytes } from '../../src/ingest/index.js';
import { EXAMPLES } from '../../src/ingest/readers/examples.js';
import { parseConfig } from '../../src/kb/config.js';
import type { Diagnostic } from '../../src/model.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { RULE_FILES } from '../../src/rulebook/registry.js';
import { DataFileError, parseYaml } from '../../src/rules/load.js';

const RUNS = 150;

/** A text with up to six edits: a slice cut out, random text put in, a line doubled, the end cut off. */
function mangled(base: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.nat({ max: 40 }) }),
    fc.record({ kind: fc.constant('put' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\n', '\t', ' ', '-', '>', '<', '#', '*', '0', '9', 'a', '请', '？', '\u0000', '\ufeff', '\u200e', '\r', '\\', '…') , maxLength: 12 }) }),
    fc.record({ kind: fc.constant('double' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('end' as const), at: fc.nat() }),
  );
  return fc.array(edit, { maxLength: 6 }).map((edits) => {
    let s = base;
    for (const e of edits) {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      if (e.kind === 'cut') s = s.slice(0, at) + s.slice(at + e.len);
      else if (e.kind === 'put') s = s.slice(0, at) + e.text + s.slice(at);
      else if (e.kind === 'end') s = s.slice(0, at);
      else {
        const lines = s.split('\n');
        const i = at % lines.length;
        lines.splice(i, 0, lines[i]!);
        s = lines.join('\n');
      }
    }
    return s;
  });
}

function wellFormed(diagnostics: readonly Diagnostic[], file: string, text: string): void {
  const lines = text.split('\n').length;
  for (const d of diagnostics) {
    expect(d.file.startsWith(file), JSON.stringify(d)).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines + 1, JSON.stringify(d)).toBe(true);
    expect(d.message.trim().length, JSON.stringify(d)).toBeGreaterThan(0);
  }
}

describe('readers on mangled exports', () => {
  it.each(readers.map((r) => [r.format] as const))('%s never throws and names only lines that exist', (format) => {
    const reader = readers.find((r) => r.format === format)!;
    const { file, text } = EXAMPLES[format]!;
    let problems = 0;
    fc.assert(
      fc.property(mangled(text), (t) => {
        const r = reader.read(t, file);
        if (r.diagnostics.length > 0) problems++;
        wellFormed(r.diagnostics, file, t);
        for (const tr of [r.transcript, ...(r.more ?? [])]) for (const m of tr.messages) expect(m.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
    expect(problems).toBeGreaterThan(0);
  });

  it('detection and decoding never throw on random bytes, and an unreadable file is one error at line 1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = readTranscriptBytes(Buffer.from(bytes), 'x.txt');
        if (r.transcripts.length === 0) expect(r.diagnostics.some((d) => d.severity === 'error' && d.line >= 1)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

/** The loader either reads the text or throws its own error naming lines and columns that exist. */
let loaderErrors = 0;
function loaderHolds(load: (text: string) => unknown, text: string): void {
  try {
    load(text);
  } catch (e) {
    loaderErrors++;
    expect(e, String(e)).toBeInstanceOf(DataFileError);
    const lines = text.split('\n').length;
    for (const p of (e as DataFileError).problems) {
      expect(p.line >= 1 && p.line <= lines + 1, JSON.stringify(p)).toBe(true);
      expect(p.column >= 0, JSON.stringify(p)).toBe(true);
    }
  }
}

describe('loaders on mangled files', () => {
  it.each(RULE_FILES.filter((f) => !f.optional).map((f) => [f.name] as const))('rules/%s: read, or a file:line:column error', (name) => {
    const spec = RULE_FILES.find((f) => f.name === name)!;
    const text = readFileSync(join(PACKAGE_ROOT, 'rules', name), 'utf8');
    fc.assert(fc.property(mangled(text), (t) => loaderHolds((x) => parseYaml(x, name, spec.schema), t)), { numRuns: 40 });
  });

  it('a glossary file: read, or a file:line:column error', () => {
    const dir = join(PACKAGE_ROOT, 'glossary');
    const name = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()[0]!;
    const text = readFileSync(join(dir, name), 'utf8').split('\n').slice(0, 120).join('\n');
    fc.assert(fc.property(mangled(text), (t) => loaderHolds((x) => parseGlossary(x, name), t)), { numRuns: 60 });
  });

  it('the config and a gold file: read, or a file:line:column error', () => {
    const config = readFileSync(join(PACKAGE_ROOT, 'chatkb.config.yaml'), 'utf8');
    const before = loaderErrors;
    fc.assert(fc.property(mangled(config), (t) => loaderHolds((x) => parseConfig(x, 'chatkb.config.yaml'), t)), { numRuns: RUNS });
    // the mangling reaches the loader's errors, not only harmless edits
    expect(loaderErrors - before).toBeGreaterThan(RUNS / 10);
    const goldDir = join(PACKAGE_ROOT, 'test', 'fixtures', 'eval', 'gold');
    const gold = readFileSync(join(goldDir, readdirSync(goldDir).sort()[0]!), 'utf8');
    fc.assert(fc.property(mangled(gold), (t) => loaderHolds((x) => parseGold(x, 'day.gold.yaml'), t)), { numRuns: RUNS });
  });
});

describe('what the fuzzer found', () => {
  it('a gold question that is an empty list item is a file:line error, not a crash', () => {
    const text = 'file: cocolian-source/demo/2019-03-05-chat.markdown\nformat: cocolian-source\nrange: {from: "09:00:00", to: "10:30:00"}\nquestions:\n  -';
    expect(() => parseGold(text, 'day.gold.yaml')).toThrow(DataFileError);
  });
});
