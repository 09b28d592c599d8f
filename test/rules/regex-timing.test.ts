/**
 * Regular-expression denial of service: every pattern of the rule files, the glossary
 * rules and the config, scanned over long pathological text. A pattern whose time grows
 * faster than the text (catastrophic backtracking) fails, named, with its growth.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossaryRules } from '../../src/glossary/rules.js';
import { headingDrop, headingFiller, loadConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadRedactRules } from '../../src/redact/rules.js';
import { defaultPaths, loadResources } from '../../src/resources.js';
import { compiledPatterns } from '../../src/rules/schema.js';

loadResources(defaultPaths());
loadGlossaryRules(join(PACKAGE_ROOT, 'rules', 'glossary.yaml'));
loadRedactRules(join(PACKAGE_ROOT, 'rules', 'redact.yaml'));
const { config } = loadConfig(join(PACKAGE_ROOT, 'chatkb.config.yaml'));
headingDrop(config);
headingFiller(config);

/** Text that makes backtracking patterns blow up: long runs of what patterns repeat. */
const SEEDS = ['a', ' ', '请', '问', '的', '1', '？', '?', '!', '@', '-', '.', ':', '\n', '\t', 'ab', '请问', '1 ', 'a.', '哈哈', '[捂脸]', '@某某 ', 'http://a', '吗？', '0.'];

/** The time of using the pattern as chatkb does: every match of a global one, the first match of another. */
function scan(re: RegExp, text: string): number {
  const t0 = performance.now();
  if (re.global) {
    let n = 0;
    for (const _ of text.matchAll(re)) if (++n > 1e6) break;
  } else re.exec(text);
  return performance.now() - t0;
}

describe('rule patterns on pathological text', () => {
  const patterns = [...compiledPatterns.values()];

  it('collects every rule pattern', () => {
    expect(patterns.length).toBeGreaterThan(100);
  });

  it('none takes more than linear time in the length of the text', () => {
    const slow: string[] = [];
    const small = 1_000;
    const large = 16_000;
    for (const re of patterns) {
      const src = `/${re.source}/${re.flags}`;
      for (const seed of SEEDS) {
        const short = seed.repeat(Math.ceil(small / seed.length));
        const long = seed.repeat(Math.ceil(large / seed.length));
        const tLong = scan(re, long + '\u0000');
        // below a few milliseconds at 16k characters nothing is super-linear enough to matter
        if (tLong < 10) continue;
        const tShort = Math.max(scan(re, short + '\u0000'), 0.05);
        // 16 times the text: linear is 16 times the time, quadratic 256
        if (tLong / tShort > 64) slow.push(`${src} on ${JSON.stringify(seed)}×: ${tShort.toFixed(1)} ms → ${tLong.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });
});
