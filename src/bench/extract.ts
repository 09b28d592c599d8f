/**
 * `npm run bench`: extraction throughput on ../shared/corpus (MB/s and messages/s,
 * median of several runs), beside the throughput of jieba segmentation alone on the
 * same text, measured in the same run so the ratio is fair on any machine.
 * A benchmark, not a test: it prints numbers and never fails on them.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expandInputs, readTranscriptFile } from '../ingest/index.js';
import type { Transcript } from '../model.js';
import { PACKAGE_ROOT } from '../paths.js';
import { runPipeline } from '../pipeline.js';
import { loadResources } from '../resources.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const corpus = process.argv[2] ?? join(PACKAGE_ROOT, '..', 'shared', 'corpus');
const folders = ['cocolian-source', 'cocolian-source-merged', 'cocolian-anon'].map((f) => join(corpus, f)).filter(existsSync);

if (folders.length === 0) {
  console.log(`bench: no corpus at ${corpus}; nothing to measure`);
  process.exit(0);
}

const res = loadResources();
const { files } = expandInputs(folders);
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const mb = bytes / 1024 / 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

// Warm-up: the first pass pays for regex compilation and the JIT.
let messages = 0;
let transcripts: Transcript[] = [];
const read = () => {
  transcripts = files.map((f) => readTranscriptFile(f).transcript).filter((t): t is Transcript => t !== null);
};
read();
messages = transcripts.reduce((n, t) => n + t.messages.length, 0);
const texts = transcripts.flatMap((t) => t.messages.map((m) => m.raw));
const textMb = Buffer.byteLength(texts.join('\n')) / 1024 / 1024;
const seg = res.segmenter();
seg.tokens('预热');

const extract = () => {
  read();
  for (const t of transcripts) runPipeline(t, res);
};
const segment = () => {
  for (const s of texts) seg.tokens(s);
};
extract();

const extractTimes: number[] = [];
const segmentTimes: number[] = [];
for (let r = 0; r < RUNS; r++) {
  extractTimes.push(timeIt(extract));
  segmentTimes.push(timeIt(segment));
}
const te = median(extractTimes);
const ts = median(segmentTimes);
const extractMbps = mb / te;
const segmentMbps = textMb / ts;

console.log(`corpus: ${files.length} files, ${mb.toFixed(2)} MB, ${messages} messages (${folders.map((f) => f.split('/').pop()).join(', ')})`);
console.log(`extraction (read → normalize → analyze → link → assemble), median of ${RUNS}: ${te.toFixed(2)} s`);
console.log(`  ${extractMbps.toFixed(2)} MB/s, ${Math.round(messages / te)} messages/s`);
console.log(`jieba segmentation alone on the same messages' text (${textMb.toFixed(2)} MB), median of ${RUNS}: ${ts.toFixed(2)} s`);
console.log(`  ${segmentMbps.toFixed(2)} MB/s, ${Math.round(messages / ts)} messages/s`);
console.log(`ratio extraction / segmentation (MB/s): ${(extractMbps / segmentMbps).toFixed(2)}`);
