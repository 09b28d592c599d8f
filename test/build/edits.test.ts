/**
 * Randomised editor sessions: editors approve, reject, rewrite and hand-edit entries while
 * new days land, days change and rebuilds run, in random order. Whatever the sequence, no
 * edit is ever lost: every file an editor changed holds exactly what the editor left.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

// The same cases on every run, so CI is deterministic; FUZZ_SEED=<n> explores others
// (a failure prints its seed and counterexample).
fc.configureGlobal({ seed: Number(process.env['FUZZ_SEED'] ?? 20261204) });
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { defaultConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { copyExamples, removeTemps, resources, RULES_DIR, tempDir } from './helpers.js';

afterAll(removeTemps);

const MIXED = join(PACKAGE_ROOT, 'test', 'fixtures', 'mixed');
/** Days that may land during a session. */
const LANDING = ['prodarch/2024-04-01-chat.markdown', 'prodarch/2024-04-merged.markdown', 'anon/2024-04-04-wechat1.markdown', 'irc/#payments.2024-04-23.log'];

type Op =
  | { op: 'edit'; pick: number; how: 'approve' | 'reject' | 'rewrite' | 'append' }
  | { op: 'land'; day: number }
  | { op: 'touch-day'; pick: number }
  | { op: 'drop-day'; pick: number }
  | { op: 'build' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), how: fc.constantFrom('approve' as const, 'reject' as const, 'rewrite' as const, 'append' as const) }),
  fc.record({ op: fc.constant('land' as const), day: fc.nat({ max: LANDING.length - 1 }) }),
  fc.record({ op: fc.constant('touch-day' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('drop-day' as const), pick: fc.nat() }),
  fc.constant({ op: 'build' as const }),
);

function entries(out: string): string[] {
  const faq = join(out, 'faq');
  if (!existsSync(faq)) return [];
  return readdirSync(faq, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.md') && !p.endsWith('README.md'))
    .sort()
    .map((p) => join(faq, p));
}

function transcripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => /\.(markdown|log)$/.test(p))
    .sort()
    .map((p) => join(dir, p));
}

describe('randomised edit and rebuild sequences', () => {
  it('never lose an editor’s edit', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 4, maxLength: 10 }), (ops) => {
        const dir = tempDir();
        const chats = join(dir, 'chats');
        const out = join(dir, 'out');
        copyExamples(chats);
        const rebuild = () => build({ inputs: [chats], out, config: defaultConfig(), rulesDir: RULES_DIR }, resources());
        rebuild();
        /** Files editors changed, and what they left in them. */
        const edited = new Map<string, string>();
        for (const o of ops) {
          if (o.op === 'build') rebuild();
          else if (o.op === 'edit') {
            const list = entries(out);
            if (list.length === 0) continue;
            const file = list[o.pick % list.length]!;
            let text = readFileSync(file, 'utf8');
            if (o.how === 'approve') text = text.replace(/^status: \w+$/m, 'status: approved');
            else if (o.how === 'reject') text = text.replace(/^status: \w+$/m, 'status: rejected');
            else if (o.how === 'rewrite') text = text.replace(/^# .*$/m, '# 编辑重写的问题');
            else text += '\n编辑补充：以合同约定为准。\n';
            writeFileSync(file, text);
            edited.set(file, text);
          } else if (o.op === 'land') {
            const rel = LANDING[o.day]!;
            cpSync(join(MIXED, rel), join(chats, rel.replace(/\//g, '-')));
          } else {
            const list = transcripts(chats);
            if (list.length <= 1) continue;
            const file = list[o.pick % list.length]!;
            if (o.op === 'drop-day') rmSync(file);
            else writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
          }
          // after every step, every edit is where the editor left it
          for (const [file, text] of edited) expect(readFileSync(file, 'utf8'), file).toBe(text);
        }
        rebuild();
        for (const [file, text] of edited) expect(readFileSync(file, 'utf8'), file).toBe(text);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
