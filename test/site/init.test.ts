import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATORS, initFiles } from '../../src/site/init.js';
import { cli, removeTemps, tempDir, writeFiles } from '../build/helpers.js';

afterAll(removeTemps);


describe('chatkb site init', () => {
  it('points each generator at the knowledge base folder as it is', () => {
    expect(initFiles('vitepress', 'output')[0]!.content).toContain("':path(.*)/README.md': ':path/index.md'");
    expect(initFiles('vitepress', 'output')[0]!.content).toContain('&#123;');
    expect(initFiles('docusaurus', 'kb').find((f) => f.path.endsWith('.config.js'))!.content).toContain('path: "../kb"');
    expect(initFiles('mkdocs', 'kb')[0]!.content).toContain('docs_dir: kb');
    expect(initFiles('hugo', 'kb')[0]!.content).toContain('contentDir = "kb"');
    for (const g of GENERATORS) expect(initFiles(g, 'output').length).toBeGreaterThan(0);
  });

  it('writes the files, refuses to replace them without --force, and rejects an unknown generator', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'output/index.md': '# kb\n' });
    const out = join(dir, 'output');
    expect((await cli('site', 'init', 'vitepress', '--out', out)).code).toBe(0);
    expect(existsSync(join(out, '.vitepress', 'config.mts'))).toBe(true);
    expect((await cli('site', 'init', 'docusaurus', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'docusaurus', 'package.json'), 'utf8')).dependencies['@docusaurus/core']).toBeDefined();
    const again = await cli('site', 'init', 'vitepress', '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already there; --force replaces it/);
    expect((await cli('site', 'init', 'vitepress', '--out', out, '--force')).code).toBe(0);
    const bad = await cli('site', 'init', 'jekyll', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
