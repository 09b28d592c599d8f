// rules/linking.yaml's explicit and implicit sections: the cue examples hold, and a broken
// value is reported with its line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileCue } from '../../src/rules/cues.js';
import { linkRulesSchema } from '../../src/link/rules.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { DataFileError, parseYaml } from '../../src/rules/load.js';

const FILE = join(PACKAGE_ROOT, 'rules', 'linking.yaml');
const text = readFileSync(FILE, 'utf8');

describe('rules/linking.yaml implicit.toChannel', () => {
  const spec = linkRulesSchema.parse(parse(text));
  for (const cue of spec.implicit.toChannel) {
    it(`${cue.id} fires on its examples and not on its counter-examples`, () => {
      const rule = compileCue(cue);
      for (const s of cue.examples?.match ?? []) expect(rule.regex.test(s), s).toBe(true);
      for (const s of cue.examples?.['no-match'] ?? []) expect(rule.regex.test(s), s).toBe(false);
    });
  }
});

describe('rules/linking.yaml validation', () => {
  it('reports a naming share outside 0..1 with its line', () => {
    const broken = text.replace(/minNamingShare: [0-9.]+/, 'minNamingShare: 3');
    const line = broken.split('\n').findIndex((l) => l.includes('minNamingShare: 3')) + 1;
    expect(() => parseYaml(broken, 'linking.yaml', linkRulesSchema)).toThrow(DataFileError);
    expect(() => parseYaml(broken, 'linking.yaml', linkRulesSchema)).toThrow(new RegExp(`linking\\.yaml:${line}:`));
  });
});
