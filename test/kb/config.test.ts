import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig, parseConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { DataFileError } from '../../src/rules/load.js';
import { removeTemps, tempDir } from '../build/helpers.js';

afterAll(removeTemps);

describe('chatkb.config.yaml', () => {
  it('the repository file is valid and uses role attribution', () => {
    const { config, file } = loadConfig(undefined, PACKAGE_ROOT);
    expect(file).toBe(join(PACKAGE_ROOT, 'chatkb.config.yaml'));
    expect(config).toMatchObject({ input: ['transcripts'], out: 'output', attribution: 'role' });
    expect(config.duplicates.threshold).toBeGreaterThan(0);
  });
  it('every key has a default; an empty file is the defaults', () => {
    expect(defaultConfig()).toEqual({
      input: ['transcripts'],
      include: [],
      exclude: [],
      out: 'output',
      cache: '.chatkb-cache',
      attribution: 'role',
      duplicates: { ngram: 2, threshold: 0.6, minChars: 6, ignore: [] },
      review: { perDay: 8, minScore: 0.9 },
      headings: { dropLeading: [], drop: [] },
    });
    expect(parseConfig('', 'c.yaml')).toEqual(defaultConfig());
    const dir = tempDir();
    expect(loadConfig(undefined, dir)).toEqual({ config: defaultConfig(), base: dir, file: null });
  });
  it('reports a bad value with file:line:column', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'chatkb.config.yaml'), 'out: kb\nattribution: nickname\n');
    expect(() => loadConfig(undefined, dir)).toThrow(DataFileError);
    expect(() => loadConfig(undefined, dir)).toThrow(/chatkb\.config\.yaml:2:14: /);
    expect(() => parseConfig('duplicates:\n  threshold: 1.5\n', 'c.yaml')).toThrow(/c\.yaml:2:14/);
    expect(() => parseConfig('colour: blue\n', 'c.yaml')).toThrow(/c\.yaml:1:1/);
  });
  it('a --config file must exist', () => {
    expect(() => loadConfig('nope.yaml', tempDir())).toThrow(/config file not found/);
  });
});
