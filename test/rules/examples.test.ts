// Every cue rule's own `examples` (in the rule files editors edit) must hold: a rule is
// documented and tested by the same lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileCue, cueRuleSchema } from '../../src/rules/cues.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const FILES: Record<string, string[]> = {
  'questions.yaml': ['cues', 'exclusions'],
  'linking.yaml': ['answerCues', 'notAnswer', 'closureCues'],
  'exchanges.yaml': ['questionRules'],
};

for (const [file, lists] of Object.entries(FILES)) {
  const data = parse(readFileSync(join(PACKAGE_ROOT, 'rules', file), 'utf8'));
  describe(`rules/${file}`, () => {
    for (const list of lists) {
      for (const raw of data[list] ?? []) {
        const spec = cueRuleSchema.parse(raw);
        const rule = compileCue(spec);
        const ex = spec.examples;
        if (!ex) continue;
        it(`${spec.id} fires on its examples and not on its counter-examples`, () => {
          for (const s of ex.match) expect(rule.regex.test(s), `${spec.id} should match ${s}`).toBe(true);
          for (const s of ex['no-match']) expect(rule.regex.test(s), `${spec.id} should not match ${s}`).toBe(false);
        });
      }
    }
  });
}
