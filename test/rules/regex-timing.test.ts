/**
 * Regular-expression denial of service: every pattern of the rule files, the glossary
 * rules and the config, scanned over long pathological text. A pattern whose time grows
 * faster than the text (catastrophic backtracking) fails, named, with its growth.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossaryRules } from '../../src/glossary/rules.js';
import { loadConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadRedactRules } from '../../src/redact/rules.js';
import { defaultPaths, loadResources } from '../../src/resources.js';
import { rulePatterns } from '../../src/rules/schema.js';

loadResources(defaultPaths());
loadGlossaryRules(join(PACKAGE_ROOT, 'rules', 'glossary.yaml'));
loadRedactRules(join(PACKAGE_ROOT, 'rules', 'redact.yaml'));
loadConfig(join(PACKAGE_ROOT, 'chatkb.config.yaml'));

/** Text that makes backtracking patterns blow up: long runs of what patterns repeat. */
const SEEDS = ['a', ' ', '请', '问', '的', '1', '？', '?', '!', '@', '-', '.', ':', '\n', '\t', 'ab', '请问', '1 ', 'a.', '哈哈', '[捂脸]', '@某某 ', 'http://a', '吗？', '0.'];

function scan(re: RegExp, text: string): number {
  const t0 = performance.now();
  let n = 0;
  for (const _ of text.matchAll(re)) if (++n > 1e6) break;
  return performance.now() - t0;
}

describe('rule patterns on pathological text', () => {
  const patterns = [...rulePatterns];

  it('collects every rule pattern', () => {
    expect(patterns.length).toBeGreaterThan(100);
  });

  it('none takes more than linear time in the length of the text', () => {
    const slow: string[] = [];
    const small = 2_000;
    const large = 32_000;
    for (const src of patterns) {
      const re = new RegExp(src, 'gu');
      for (const seed of SEEDS) {
        const short = seed.repeat(Math.ceil(small / seed.length));
        const long = seed.repeat(Math.ceil(large / seed.length));
        const tLong = scan(re, long + '\u0000');
        // below a few milliseconds at 32k characters nothing is super-linear enough to matter
        if (tLong < 25) continue;
        const tShort = Math.max(scan(re, short + '\u0000'), 0.05);
        // 16 times the text: linear is 16 times the time, quadratic 256
        if (tLong / tShort > 64) slow.push(`${src} on ${JSON.stringify(seed)}×: ${tShort.toFixed(1)} ms → ${tLong.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });
});
