import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { extractAll } from '../../src/pipeline.js';
import { removeTemps, resources, RULES_DIR, tempDir } from '../build/helpers.js';

afterAll(removeTemps);

const day = (name: string) => new Uint8Array(readFileSync(join(PACKAGE_ROOT, 'transcripts', name)));

function archive(dir: string): string {
  const path = join(dir, 'export.zip');
  writeFileSync(
    path,
    zipSync({
      'payments/2024-03-11-chat.markdown': day('2024-03-11-chat.markdown'),
      'payments/2024-03-12-chat.markdown': day('2024-03-12-chat.markdown'),
      'payments/README.md': new TextEncoder().encode('# notes, not a chat\n'),
      '__MACOSX/payments/._2024-03-11-chat.markdown': new Uint8Array([0, 5, 22, 7]),
    }),
  );
  return path;
}

describe('zipped exports', () => {
  it('are read where they are: each transcript inside is an input of its own', () => {
    const dir = tempDir();
    const zip = archive(dir);
    const { docs, diagnostics } = extractAll([zip], resources());
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(docs.map((d) => d.transcript.file)).toEqual([`${zip}!/payments/2024-03-11-chat.markdown`, `${zip}!/payments/2024-03-12-chat.markdown`]);
    expect(docs[0]!.transcript.format).toBe('cocolian-source');
  });

  it('build the same entries as the folder unpacked, named by the folder inside the archive', () => {
    const dir = tempDir();
    const zip = archive(dir);
    const config = loadConfig(undefined, PACKAGE_ROOT).config;
    const r = build({ inputs: [zip], out: join(dir, 'out'), config, rulesDir: RULES_DIR, extras: [], write: false }, resources());
    expect(r.summary.transcripts).toBe(2);
    expect(r.index.entries.length).toBeGreaterThan(0);
    for (const e of r.index.entries) expect(e.id).toMatch(/^payments-2024-03-1[12]-[0-9a-f]{8}$/);
  });

  it('a broken archive is one error naming it; the other inputs are still read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.zip'), 'PK\u0003\u0004 not really');
    const { docs, diagnostics } = extractAll([join(dir, 'broken.zip'), join(PACKAGE_ROOT, 'transcripts', '2024-03-18-chat.markdown')], resources());
    expect(docs).toHaveLength(1);
    expect(diagnostics).toEqual([expect.objectContaining({ file: join(dir, 'broken.zip'), line: 1, severity: 'error', message: expect.stringMatching(/^cannot read archive: /) })]);
  });
});
