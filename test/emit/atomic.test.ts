import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/emit/atomic.js';
import { removeTemps, tempDir } from '../build/helpers.js';

afterAll(removeTemps);

describe('writeFileAtomic', () => {
  it('writes a new file, creating folders', () => {
    const dir = tempDir();
    const target = join(dir, 'faq', 'refunds', 'a.md');
    writeFileAtomic(target, '新内容\n');
    expect(readFileSync(target, 'utf8')).toBe('新内容\n');
    expect(readdirSync(join(dir, 'faq', 'refunds'))).toEqual(['a.md']);
  });

  it('a failure between the temporary write and the rename leaves the old file intact and no temporary file', () => {
    const dir = tempDir();
    const target = join(dir, 'entry.md');
    writeFileSync(target, 'old content\n');
    let tmpSeen = '';
    expect(() =>
      writeFileAtomic(target, 'new content, never to be seen\n', {
        beforeRename: (tmp) => {
          tmpSeen = tmp;
          // The temporary file is complete and beside the target when the "crash" comes.
          expect(readFileSync(tmp, 'utf8')).toBe('new content, never to be seen\n');
          throw new Error('killed');
        },
      }),
    ).toThrow('killed');
    expect(readFileSync(target, 'utf8')).toBe('old content\n');
    expect(tmpSeen.startsWith(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual(['entry.md']);
  });

  it('a failure when there was no file leaves no file', () => {
    const dir = tempDir();
    const target = join(dir, 'entry.md');
    expect(() => writeFileAtomic(target, 'x', { beforeRename: () => { throw new Error('disk full'); } })).toThrow('disk full');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes what a killed writer of the same file left behind', () => {
    const dir = tempDir();
    const target = join(dir, 'entry.md');
    writeFileSync(join(dir, '.entry.md.424242.abcd1234.tmp'), 'half a fi');
    writeFileSync(join(dir, '.other.md.424242.abcd1234.tmp'), 'not ours');
    writeFileAtomic(target, 'whole\n');
    expect(readdirSync(dir).sort()).toEqual(['.other.md.424242.abcd1234.tmp', 'entry.md']);
  });
});

// A real kill: a child process rewrites one file in a loop and is SIGKILLed at a random
// moment. Runs against the compiled writer (dist/), so it skips before the first build.
const DIST_WRITER = join(import.meta.dirname, '..', '..', 'dist', 'emit', 'atomic.js');
describe.skipIf(!existsSync(DIST_WRITER))('writeFileAtomic under SIGKILL', () => {
  it('leaves the old file or a whole new one', async () => {
    const { spawn } = await import('node:child_process');
    const { pathToFileURL } = await import('node:url');
    const dir = tempDir();
    const target = join(dir, 'big.md');
    const SIZE = 2_000_000;
    writeFileSync(target, 'x'.repeat(SIZE));
    for (const delay of [5, 40, 120]) {
      const script = `import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(DIST_WRITER).href)};
        process.stdout.write('ready\\n');
        for (let i = 0; ; i++) writeFileAtomic(process.argv[1], String(i % 10).repeat(${SIZE}));`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const content = readFileSync(target, 'utf8');
      expect(content.length).toBe(SIZE);
      expect(new Set(content).size).toBe(1);
    }
  });
});
