/**
 * The build cache: each unchanged transcript's extraction is reused, an untouched knowledge
 * base over unchanged inputs is not rebuilt at all, and none of it ever changes a byte of
 * the output or loses an editor's edit.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import { resourceFingerprint } from '../../src/cache/fingerprint.js';
import { folderStore, type Store } from '../../src/cache/store.js';
import { defaultConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { defaultPaths } from '../../src/resources.js';
import { cli, copyExamples, removeTemps, resources, RULES_DIR, snapshot, tempDir } from './helpers.js';

afterAll(removeTemps);

const MIXED = join(PACKAGE_ROOT, 'test', 'fixtures', 'mixed');

/** A store that counts what it was asked, around a real folder store. */
function counted(dir: string): Store & { asked: Record<string, number> } {
  const inner = folderStore(dir);
  const asked: Record<string, number> = {};
  return {
    asked,
    get: (kind, key) => {
      asked[kind] = (asked[kind] ?? 0) + 1;
      return inner.get(kind, key);
    },
    set: (kind, key, value) => inner.set(kind, key, value),
    stats: () => inner.stats(),
    prune: (days) => inner.prune(days),
  };
}

const FINGERPRINT = resourceFingerprint(defaultPaths());

function run(inputs: string, out: string, store: Store | null, extra: Partial<BuildOptions> = {}): BuildResult {
  return build({ inputs: [inputs], out, config: defaultConfig(), rulesDir: RULES_DIR, ...(store ? { cache: { store, fingerprint: FINGERPRINT } } : {}), ...extra }, resources());
}

function setup(): { dir: string; chats: string } {
  const dir = tempDir();
  const chats = join(dir, 'chats');
  copyExamples(chats);
  return { dir, chats };
}

describe('the extraction cache', () => {
  it('gives the same bytes as a build without it, cold and warm', () => {
    const { dir, chats } = setup();
    run(chats, join(dir, 'plain'), null);
    const store = counted(join(dir, 'cache'));
    run(chats, join(dir, 'cold'), store);
    expect(store.stats()['extract']).toEqual({ hits: 0, misses: 3 });
    run(chats, join(dir, 'warm'), store);
    expect(store.stats()['extract']).toEqual({ hits: 3, misses: 3 });
    expect(snapshot(join(dir, 'cold'))).toEqual(snapshot(join(dir, 'plain')));
    expect(snapshot(join(dir, 'warm'))).toEqual(snapshot(join(dir, 'plain')));
  });

  it('extracts again only the day that changed', () => {
    const { dir, chats } = setup();
    const store = counted(join(dir, 'cache'));
    run(chats, join(dir, 'out'), store);
    const day = join(chats, readdirSync(chats).find((f) => f.endsWith('.markdown'))!);
    writeFileSync(day, readFileSync(day, 'utf8').replace(/\n$/, '\n\n'));
    run(chats, join(dir, 'out2'), store);
    expect(store.stats()['extract']).toEqual({ hits: 2, misses: 4 });
  });

  it('reads a torn or foreign cache file as missing, and writes it anew', () => {
    const { dir, chats } = setup();
    const cache = join(dir, 'cache');
    run(chats, join(dir, 'plain'), null);
    run(chats, join(dir, 'a'), folderStore(cache));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d, { withFileTypes: true })) n.isDirectory() ? walk(join(d, n.name)) : files.push(join(d, n.name));
    };
    walk(join(cache, 'extract'));
    writeFileSync(files[0]!, '{"v": 1, "key": "trunc');
    writeFileSync(files[1]!, JSON.stringify({ v: 1, key: 'another', value: { docs: [], diagnostics: [] } }));
    const store = folderStore(cache);
    run(chats, join(dir, 'b'), store);
    expect(store.stats()['extract']).toEqual({ hits: 1, misses: 2 });
    expect(snapshot(join(dir, 'b'))).toEqual(snapshot(join(dir, 'plain')));
  });

  it('changes every key when a rule file changes', () => {
    const { dir } = setup();
    const rules = join(dir, 'rules');
    cpSync(RULES_DIR, rules, { recursive: true });
    const paths = { rulesDir: rules, glossaryFile: defaultPaths().glossaryFile };
    const before = resourceFingerprint(paths);
    expect(resourceFingerprint(paths)).toBe(before);
    writeFileSync(join(rules, 'topics.yaml'), `${readFileSync(join(rules, 'topics.yaml'), 'utf8')}\n# a comment\n`);
    expect(resourceFingerprint(paths)).not.toBe(before);
  });

  it('forgets values no build has used for a fortnight', () => {
    const { dir, chats } = setup();
    const cache = join(dir, 'cache');
    run(chats, join(dir, 'out'), folderStore(cache));
    const old = new Date(Date.now() - 30 * 86_400_000);
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((n) => (n.isDirectory() ? walk(join(d, n.name)) : [join(d, n.name)]));
    for (const f of walk(cache)) utimesSync(f, old, old);
    const all = walk(cache).length;
    // the no-op rebuild reads the stamp, which makes it new again; the extractions it did not read age out
    const store = folderStore(cache);
    run(chats, join(dir, 'out'), store);
    expect(store.stats()).toEqual({ stamp: { hits: 1, misses: 0 } });
    expect(store.prune(14)).toBe(all - 1);
    expect(walk(cache).map((f) => f.slice(cache.length + 1).split(/[\\/]/)[0])).toEqual(['stamp']);
  });
});

describe('the no-op rebuild', () => {
  it('reports what a real rebuild would, without extracting a transcript', () => {
    const { dir, chats } = setup();
    const out = join(dir, 'out');
    const store = counted(join(dir, 'cache'));
    const first = run(chats, out, store);
    expect(first.changes.length).toBeGreaterThan(0);
    const gets = store.asked['extract'];
    const again = run(chats, out, store);
    expect(store.asked['extract']).toBe(gets);
    const real = run(chats, out, null);
    expect(again.summary).toEqual(real.summary);
    expect(again.changes).toEqual([]);
    expect(again.index).toEqual(real.index);
  });

  it('builds for real when an editor changed a file, and keeps the edit', () => {
    const { dir, chats } = setup();
    const out = join(dir, 'out');
    const store = counted(join(dir, 'cache'));
    run(chats, out, store);
    const topic = readdirSync(join(out, 'faq')).find((t) => !t.endsWith('.md'))!;
    const entry = join(out, 'faq', topic, readdirSync(join(out, 'faq', topic)).find((f) => f !== 'README.md')!);
    const edited = readFileSync(entry, 'utf8').replace('status: draft', 'status: approved');
    writeFileSync(entry, edited);
    const gets = store.asked['extract'];
    const r = run(chats, out, store);
    expect(store.asked['extract']).toBeGreaterThan(gets!);
    expect(r.summary.kept).toBe(1);
    expect(readFileSync(entry, 'utf8')).toBe(edited);
  });

  it('builds for real when a file was deleted from the output or a transcript changed', () => {
    const { dir, chats } = setup();
    const out = join(dir, 'out');
    const store = counted(join(dir, 'cache'));
    run(chats, out, store);
    rmSync(join(out, 'glossary.md'));
    const r = run(chats, out, store);
    expect(r.changes).toEqual([{ path: 'glossary.md', kind: 'new' }]);
    expect(existsSync(join(out, 'glossary.md'))).toBe(true);
  });
});

describe('chatkb build and the cache folder', () => {
  it('keeps it where CHATKB_CACHE says, and nowhere under --no-cache', async () => {
    const { dir, chats } = setup();
    const saved = process.env['CHATKB_CACHE'];
    try {
      process.env['CHATKB_CACHE'] = join(dir, 'ci-cache');
      expect((await cli('build', chats, '--out', join(dir, 'out'), '--quiet')).code).toBe(0);
      expect(readdirSync(join(dir, 'ci-cache')).sort()).toEqual(['extract', 'render', 'stamp']);
      expect((await cli('build', chats, '--out', join(dir, 'out2'), '--quiet', '--no-cache')).code).toBe(0);
      expect(readdirSync(join(dir, 'ci-cache', 'stamp')).length).toBe(1);
    } finally {
      process.env['CHATKB_CACHE'] = saved;
    }
  });
});

describe('chatkb build --jobs', () => {
  it.skipIf(!existsSync(join(PACKAGE_ROOT, 'dist', 'workers', 'extract-worker.js')))('writes the same bytes on worker threads as on one', () => {
    const dir = tempDir();
    const config = join(dir, 'chatkb.config.yaml');
    writeFileSync(config, '');
    const outs = ['1', '3'].map((jobs) => {
      const out = join(dir, `out-${jobs}`);
      const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'chatkb.js'), 'build', MIXED, '--out', out, '--config', config, '--quiet', '--no-cache', '--jobs', jobs], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return snapshot(out);
    });
    expect(outs[1]).toEqual(outs[0]);
    expect(Object.keys(outs[0]!).length).toBeGreaterThan(30);
  });

  it('a --jobs that is not a whole number of at least 1 is a usage error', async () => {
    const r = await cli('build', MIXED, '--out', join(tempDir(), 'out'), '--jobs', '0');
    expect(r.code).toBe(2);
  });
});
