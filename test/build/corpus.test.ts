// The real corpus (absent in CI): a build of one whole group, checked on structure and
// glossary terms only — no corpus text is written here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadConfig } from '../../src/kb/config.js';
import { expandInputs, readTranscriptFile } from '../../src/ingest/index.js';
import { parseSpeaker } from '../../src/normalize/index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { CORPUS, removeTemps, resources, RULES_DIR, snapshot, tempDir } from './helpers.js';

afterAll(removeTemps);

const GROUP = join(CORPUS, 'cocolian-source', 'prodarch');
const SEED = 'prodarch/2018-08-13-chat.markdown';

describe.skipIf(!existsSync(GROUP))('build on the corpus (prodarch)', () => {
  it('has entries for both seed exchanges, keeps every person anonymous, and rebuilds to the same bytes', () => {
    const out = join(tempDir(), 'output');
    const config = loadConfig(undefined, PACKAGE_ROOT).config;
    const opts = { inputs: [GROUP], out, config, rulesDir: RULES_DIR };
    const result = build(opts, resources());
    expect(result.summary.new).toBeGreaterThan(100);

    const files = snapshot(out);
    const entries = Object.entries(files)
      .filter(([p]) => p.startsWith('faq/') && !p.endsWith('README.md'))
      .map(([path, text]) => ({ path, text, fm: parseYaml(text.split('---\n')[1]!) as { id: string; topic: string; tags: string[]; sources: { transcript: string }[]; status: string } }));
    const seed = entries.filter((e) => e.fm.sources.some((s) => s.transcript === SEED));
    const refund = seed.find((e) => ['原路退回', '非原路退款'].every((t) => e.fm.tags.includes(t)) && e.fm.topic === 'refunds');
    const flows = seed.find((e) => ['入账', '出账'].every((t) => e.fm.tags.includes(t)));
    expect(refund, 'the refund exchange').toBeDefined();
    expect(flows, 'the inflow/outflow exchange').toBeDefined();
    for (const e of [refund!, flows!]) {
      expect(e.fm.status).toBe('draft');
      expect(e.fm.id).toMatch(/^prodarch-2018-08-13-[0-9a-f]{8}$/);
      expect(e.path).toBe(`faq/${e.fm.topic}/${e.fm.id}.md`);
      expect(e.text.match(/^# /gm)).toHaveLength(1);
      expect(e.text).toContain('\n## 原始对话 · 2018-08-13 · ');
      expect(e.text).toMatch(/ — \*[^*]+\*$/m);
      for (const t of e.fm.tags) expect(e.text).toContain(`](../../glossary.md#`);
    }
    expect(files['faq/README.md']).toContain('(refunds/README.md)');

    // Nobody's display name or personal name reaches the output (names read from the corpus at run time).
    const res = resources();
    const names = new Set<string>();
    for (const f of expandInputs([GROUP]).files) {
      for (const m of readTranscriptFile(f).transcript?.messages ?? []) {
        // Display names that say who someone is (name-org-role-city), not handles that are ordinary words.
        if (m.speaker.length >= 6 && /[-—_～~\p{Script=Han}]/u.test(m.speaker)) names.add(m.speaker.trim());
        const n = parseSpeaker(m.speaker, res.normalize.speakers).name;
        if (n && /^\p{Script=Han}{3}$/u.test(n)) names.add(n);
      }
    }
    const all = Object.values(files).join('\n');
    const leaked = [...names].filter((n) => all.includes(n));
    // 3-character names can be ordinary words; a few may legitimately appear in text. Display names never.
    expect(leaked.filter((n) => n.length >= 6)).toEqual([]);
    expect(leaked.length).toBeLessThanOrEqual(Math.ceil(names.size * 0.02));

    const again = build({ ...opts, write: false }, resources());
    expect(again.changes).toEqual([]);
  }, 180_000);
});
