// Behaviour lives in the rule files: code knows rule kinds and the keys of their
// sections, never a rule by its id, so renaming or adding a rule cannot silently change
// what another stage does.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { extractAll } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';

function idsIn(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const x of node) idsIn(x, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'id' && typeof v === 'string') out.add(v);
      else idsIn(v, out);
    }
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every string literal of a TypeScript file ('…', "…", and `…` without substitutions). */
function literals(code: string): string[] {
  return [...code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('rule ids', () => {
  const rulesDir = join(PACKAGE_ROOT, 'rules');
  const ids = new Set<string>();
  for (const f of readdirSync(rulesDir).filter((f) => f.endsWith('.yaml'))) idsIn(parse(readFileSync(join(rulesDir, f), 'utf8')), ids);

  it('are found in the rule files', () => {
    expect(ids.size).toBeGreaterThan(100);
    expect(ids).toContain('link/quote');
  });

  it('never appear as a string literal in src/', () => {
    const found: string[] = [];
    for (const file of sources(join(PACKAGE_ROOT, 'src'))) {
      for (const lit of literals(readFileSync(file, 'utf8'))) if (ids.has(lit)) found.push(`${file.slice(PACKAGE_ROOT.length + 1)}: '${lit}'`);
    }
    expect(found).toEqual([]);
  });

  it('would be caught if they did', () => {
    expect(literals(`const x = new Set(['link/quote', "noise/image"]); y = \`answer/cue\`;`).filter((l) => ids.has(l))).toEqual([
      'link/quote',
      'noise/image',
      'answer/cue',
    ]);
  });
});

describe('renaming rules', () => {
  it('changes the ids an extraction cites, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkb-renamed-'));
    cpSync(join(PACKAGE_ROOT, 'rules'), dir, { recursive: true });
    // Every id in the linking and exchange rules gets a new name.
    for (const f of ['linking.yaml', 'exchanges.yaml', 'questions.yaml']) {
      const text = readFileSync(join(dir, f), 'utf8');
      writeFileSync(join(dir, f), text.replace(/^(\s*-?\s*id: )([a-z-]+)\//gm, '$1renamed-$2/'));
    }
    // The fitted weights name the same rules by id: they follow the rename.
    const fitted = readFileSync(join(dir, 'fitted.yaml'), 'utf8');
    writeFileSync(join(dir, 'fitted.yaml'), fitted.replace(/^(\s+)([a-z-]+\/[a-z0-9-]+):/gm, '$1renamed-$2:'));
    const glossaryFile = join(PACKAGE_ROOT, 'glossary', 'payments.yaml');
    const inputs = [join(PACKAGE_ROOT, 'transcripts')];
    const plain = extractAll(inputs, loadResources({ rulesDir: join(PACKAGE_ROOT, 'rules'), glossaryFile }));
    const renamed = extractAll(inputs, loadResources({ rulesDir: dir, glossaryFile }));
    const shape = (r: typeof plain) =>
      r.docs.map((d) => ({
        questions: d.analyses.map((a) => a.question),
        links: d.links.map((l) => [l.from, l.to, l.kind, l.role, l.score]),
        exchanges: d.exchanges.map((e) => [e.question, e.answers, e.followups, e.score, e.faq]),
      }));
    expect(shape(renamed)).toEqual(shape(plain));
    const cited = renamed.docs.flatMap((d) => d.links.map((l) => l.rule));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((r) => r.startsWith('renamed-'))).toBe(true);
  });
});
