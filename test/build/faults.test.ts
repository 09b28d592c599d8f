/**
 * A build under faults: stopped at every step of writing, killed with SIGKILL at random
 * moments, run twice at once, pointed through hostile paths. The knowledge base is always
 * the old build or (after the next build) the new one, and an editor's edit survives.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import { commitFiles, JOURNAL, LOCK, LockedError, recoverCommit } from '../../src/emit/commit.js';
import { defaultConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cli, copyExamples, removeTemps, resources, RULES_DIR, snapshot, tempDir } from './helpers.js';

afterAll(removeTemps);

const MIXED = join(PACKAGE_ROOT, 'test', 'fixtures', 'mixed');

function run(inputs: string[], out: string, extra: Partial<BuildOptions> = {}) {
  return build({ inputs, out, config: defaultConfig(), rulesDir: RULES_DIR, ...extra }, resources());
}

/** The knowledge base before (`old`) and after (`next`) a second day of chats lands, with an editor's edit in between. */
function scenario() {
  const dir = tempDir();
  const v1 = join(dir, 'v1');
  copyExamples(v1);
  const v2 = join(dir, 'v2');
  copyExamples(v2);
  cpSync(join(MIXED, 'prodarch'), join(v2, 'prodarch'), { recursive: true });
  cpSync(join(MIXED, 'wechat', 'old'), join(v2, 'wechat'), { recursive: true });
  const base = join(dir, 'base');
  run([v1], base);
  // an editor approves one entry and rewrites its heading
  const topic = readdirSync(join(base, 'faq')).find((t) => !t.endsWith('.md'))!;
  const name = readdirSync(join(base, 'faq', topic)).find((f) => f !== 'README.md')!;
  const edited = join('faq', topic, name);
  writeFileSync(join(base, edited), readFileSync(join(base, edited), 'utf8').replace('status: draft', 'status: approved').replace(/^# .*$/m, '# 编辑改过的问题'));
  const old = snapshot(base);
  const expected = join(dir, 'expected');
  cpSync(base, expected, { recursive: true });
  run([v2], expected);
  const next = snapshot(expected);
  expect(next).not.toEqual(old);
  return { dir, v2, base, old, next, edited };
}

/** Every file is as the old build left it or as the new one writes it; nothing else but the journal and temporary files. */
function oldOrNew(out: string, old: Record<string, string>, next: Record<string, string>): void {
  for (const [path, content] of Object.entries(snapshot(out))) {
    if (path === JOURNAL || path === LOCK || /(^|\/)\.[^/]+\.\d+\.[0-9a-z]+\.tmp$/.test(path)) continue;
    expect([old[path], next[path]], path).toContain(content);
  }
}

describe('a build stopped at any step of writing', () => {
  it('leaves the old knowledge base before its journal, and the next build finishes it after', () => {
    const s = scenario();
    let steps = 0;
    const counting = join(s.dir, 'count');
    cpSync(s.base, counting, { recursive: true });
    run([s.v2], counting, { commit: { step: () => void steps++ } });
    expect(steps).toBeGreaterThan(10);
    // the first and last temporary file, the journal, and the renames after it
    const stops = [...new Set([1, 2, Math.floor(steps / 3), Math.floor(steps / 2) - 1, Math.floor(steps / 2), Math.floor(steps / 2) + 1, steps - 1, steps])];
    for (const stop of stops) {
      const out = join(s.dir, `stop-${stop}`);
      cpSync(s.base, out, { recursive: true });
      let n = 0;
      let journaled = false;
      const crash = new Error('killed');
      try {
        run([s.v2], out, {
          commit: {
            step: (what) => {
              if (what === 'journal') journaled = true;
              if (++n === stop) throw crash;
            },
          },
        });
      } catch (e) {
        if (e !== crash) throw e;
      }
      oldOrNew(out, s.old, s.next);
      if (!journaled) {
        const left = snapshot(out);
        for (const p of Object.keys(s.old)) expect(left[p], p).toBe(s.old[p]);
      }
      // the lock of a build that died in this process is ours; a killed process's is stale
      rmSync(join(out, LOCK), { force: true });
      run([s.v2], out);
      expect(snapshot(out)).toEqual(s.next);
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('a build killed with SIGKILL', () => {
  it.skipIf(!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js')))(
    'is, in each of 20 trials, the old or the new knowledge base, and the next build recovers',
    async () => {
      const s = scenario();
      const cli = join(PACKAGE_ROOT, 'bin', 'chatkb.js');
      // the defaults, as the in-process builds use them (not the repository's own config)
      const config = join(s.dir, 'chatkb.config.yaml');
      writeFileSync(config, '');
      // a first run to learn how long a build takes here, so kills land all along it
      const started = Date.now();
      await new Promise<void>((done) => {
        const p = spawn(process.execPath, [cli, 'build', s.v2, '--out', join(s.dir, 'timing'), '--config', config, '--quiet', '--no-cache']);
        p.on('exit', () => done());
      });
      const took = Date.now() - started;
      for (let trial = 0; trial < 20; trial++) {
        const out = join(s.dir, `kill-${trial}`);
        cpSync(s.base, out, { recursive: true });
        const child = spawn(process.execPath, [cli, 'build', s.v2, '--out', out, '--config', config, '--quiet', '--no-cache'], { stdio: 'ignore' });
        // spread the kills over the last 40 % of the run, where the writing is
        const at = took * (0.6 + (0.4 * trial) / 20);
        await new Promise<void>((done) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), at);
          child.on('exit', () => {
            clearTimeout(timer);
            done();
          });
        });
        oldOrNew(out, s.old, s.next);
        // the killed build's lock names a process that is gone: the next build takes it over
        if (trial === 0) {
          const r = await runCli(['build', s.v2, '--out', out, '--config', config, '--quiet', '--no-cache']);
          expect(r.code, r.stderr).toBe(0);
        } else run([s.v2], out);
        expect(snapshot(out)).toEqual(s.next);
        expect(readFileSync(join(out, s.edited), 'utf8')).toContain('# 编辑改过的问题');
      }
    },
    180_000,
  );
});

async function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'chatkb.js'), ...args]);
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => done({ code: code ?? -1, stderr }));
  });
}

describe('two builds at once', () => {
  it('refuses the second while the first holds the folder, with one line and exit 1', async () => {
    const dir = tempDir();
    copyExamples(join(dir, 'chats'));
    const out = join(dir, 'out');
    mkdirSync(out);
    // a live holder: this very process
    writeFileSync(join(out, LOCK), `${process.pid}@${hostname()}`);
    expect(() => run([join(dir, 'chats')], out)).toThrow(LockedError);
    const r = await cli('build', join(dir, 'chats'), '--out', out, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^chatkb build: another build \(\d+@.+\) is writing /)]);
    expect(readdirSync(out)).toEqual([LOCK]);
  });

  it('takes over the lock of a build that is gone', () => {
    const dir = tempDir();
    copyExamples(join(dir, 'chats'));
    const out = join(dir, 'out');
    mkdirSync(out);
    // a pid above any pid_max: no such process
    writeFileSync(join(out, LOCK), `2147483646@${hostname()}`);
    const r = run([join(dir, 'chats')], out);
    expect(r.changes.length).toBeGreaterThan(0);
    expect(existsSync(join(out, LOCK))).toBe(false);
  });

  it('a check of a folder an interrupted build left says so', () => {
    const dir = tempDir();
    copyExamples(join(dir, 'chats'));
    const out = join(dir, 'out');
    run([join(dir, 'chats')], out);
    writeFileSync(join(out, JOURNAL), JSON.stringify({ version: 1, writes: [], removals: [] }));
    const r = run([join(dir, 'chats')], out, { write: false });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', message: 'a build was interrupted while writing this folder; run chatkb build to finish it' }));
    expect(recoverCommit(out)).toEqual({ finished: 0, removedTemps: 0 });
    expect(existsSync(join(out, JOURNAL))).toBe(false);
  });
});

describe('hostile paths', () => {
  it('never writes outside the output folder: ../, absolute paths, a symlinked folder', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    expect(() => commitFiles(out, [{ path: '../escape.md', content: 'x' }], [])).toThrow(/outside the output folder/);
    expect(() => commitFiles(out, [{ path: join(elsewhere, 'abs.md'), content: 'x' }], [])).toThrow(/outside the output folder/);
    expect(() => commitFiles(out, [], ['../../etc/passwd'])).toThrow(/outside the output folder/);
    symlinkSync(elsewhere, join(out, 'faq'));
    expect(() => commitFiles(out, [{ path: 'faq/a.md', content: 'x' }], [])).toThrow(/through a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['faq']);
  });

  it('a transcript folder named like a path builds entries inside the output folder', () => {
    const dir = tempDir();
    const chats = join(dir, '..%2F..%2Fetc', 'chats');
    copyExamples(chats);
    const out = join(dir, 'out');
    const r = run([chats], out);
    for (const c of r.changes) expect(c.path).toMatch(/^(?!\.\.)(?!\/)[\w./-]+$/);
    expect(readdirSync(dir).sort()).toEqual(['..%2F..%2Fetc', 'out']);
  });
});
