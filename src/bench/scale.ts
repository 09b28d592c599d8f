/**
 * `npm run bench:scale [-- --sizes 1,2,4]`: how a build grows with the corpus. For each size
 * (1× is the 685 days of cocolian-source and cocolian-source-extra; k× repeats them under
 * dates shifted by 40 years per copy), in a fresh folder: a cold build (no cache, no
 * output), a no-op rebuild, and a rebuild after a new day lands, twice (the first also
 * fills the cache of parsed entries the cold build had no use for), each as its own process,
 * with wall time and peak RSS. A benchmark, not a test: it prints numbers, never fails on them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

const corpus = join(PACKAGE_ROOT, '..', 'shared', 'corpus');
const FOLDERS = ['cocolian-source', 'cocolian-source-extra'];
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '1,2,4').split(',').map(Number);
const CLI = join(PACKAGE_ROOT, 'bin', 'chatkb.js');
const TIME = ['/usr/bin/time', '/bin/time'].find(existsSync);

if (!FOLDERS.every((f) => existsSync(join(corpus, f)))) {
  console.log(`bench:scale: no corpus at ${corpus}; nothing to measure`);
  process.exit(0);
}

/** Copy the corpus `k` times; copy i shifts every date by 40·i years (file names and text). */
function makeCorpus(root: string, k: number): { days: number; mb: number } {
  let days = 0;
  let bytes = 0;
  for (let i = 0; i < k; i++) {
    for (const folder of FOLDERS) {
      const from = join(corpus, folder);
      for (const rel of readdirSync(from, { recursive: true }).map(String).sort()) {
        const src = join(from, rel);
        if (!statSync(src).isFile()) continue;
        const shift = (s: string) => s.replace(/\b(20[0-9]{2})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${Number(y) + 40 * i}-${m}-${d}`);
        const to = join(root, `${folder}-${i}`, shift(rel));
        mkdirSync(join(to, '..'), { recursive: true });
        if (/\.(markdown|md)$/.test(rel)) {
          const text = shift(readFileSync(src, 'utf8'));
          writeFileSync(to, text);
          bytes += Buffer.byteLength(text);
          days++;
        } else cpSync(src, to);
      }
    }
  }
  return { days, mb: bytes / 1024 / 1024 };
}

function measure(cwd: string, inputs: string[]): { seconds: number; rssMb: number | null; code: number } {
  const args = [CLI, 'build', ...inputs, '--out', 'out', '--quiet'];
  const t0 = Date.now();
  const r = TIME ? spawnSync(TIME, ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8' }) : spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const seconds = (Date.now() - t0) / 1000;
  const kb = TIME ? Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1]) : NaN;
  return { seconds, rssMb: Number.isFinite(kb) ? kb / 1024 : null, code: r.status ?? -1 };
}

const rows: string[][] = [];
for (const k of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), `chatkb-scale-${k}x-`));
  try {
    const { days, mb } = makeCorpus(join(dir, 'corpus'), k);
    const inputs = readdirSync(join(dir, 'corpus')).sort().map((f) => join('corpus', f));
    const cold = measure(dir, inputs);
    const noop = measure(dir, inputs);
    // a new day lands: a day of the corpus again, two centuries later; then another
    const days0 = readdirSync(join(dir, inputs[0]!), { recursive: true }).map(String).filter((f) => f.endsWith('.markdown')).sort();
    const land = (nth: number) => {
      const from = join(dir, inputs[0]!, days0[nth]!);
      const year = String(2200 + nth);
      writeFileSync(from.replace(/(\d{4})-(\d{2})-(\d{2})/, `${year}-$2-$3`), readFileSync(from, 'utf8').replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, `${year}-$2-$3`));
    };
    land(0);
    const oneDay = measure(dir, inputs);
    land(1);
    const nextDay = measure(dir, inputs);
    const cell = (m: { seconds: number; rssMb: number | null; code: number }) => `${m.seconds.toFixed(1)} s ${m.rssMb === null ? '' : `${m.rssMb.toFixed(0)} MB`}${m.code === 0 ? '' : ` (exit ${m.code})`}`;
    rows.push([`${k}×`, String(days), mb.toFixed(1), cell(cold), cell(noop), cell(oneDay), cell(nextDay)]);
    console.error(`bench:scale: ${k}× done`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const head = ['size', 'days', 'MB', 'cold build', 'no-op rebuild', 'a new day', 'another new day'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(width[i]!)).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log('time is wall clock; MB is the peak resident set of the build process');
