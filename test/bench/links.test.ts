// The link benchmark's own parts: the previous-message baseline, and a run over a tiny
// invented IRC sample with gold links (the real samples are only read by `npm run bench:links`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchSplit, formatBench, previousMessageBaseline } from '../../src/bench/links.js';
import type { Extraction } from '../../src/eval/index.js';
import { loadResources } from '../../src/resources.js';

const msg = (n: number, kind = 'text') => ({ id: `m${n}`, line: n, time: '10:00:00', speaker: kind === 'system' ? '' : 'kim', kind, question: false, replyTo: null });

describe('previousMessageBaseline', () => {
  it('links each message to the one before, passing over system lines, which start conversations', () => {
    const ex: Extraction = { version: 1, transcripts: [{ file: 'a.raw.txt', format: 'irc', messages: [msg(1), msg(2, 'system'), msg(3), msg(4)], exchanges: [], terms: [] }] };
    const out = previousMessageBaseline(ex).transcripts[0]!.messages.map((m) => m.replyTo);
    expect(out).toEqual([null, null, 'm1', 'm3']);
  });
});

describe('benchSplit on an invented sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatkb-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const raw = [
    '[10:00] <marta_> my wifi drops every few minutes', // 0
    '[10:00] <pellow> gparted will not start here', // 1
    '[10:01] <tobiasz> marta_: try the bcmwl-kernel-source package', // 2
    '=== renko [~r@example.org] has joined #ubuntu', // 3
    '[10:01] <renko> pellow, run it with sudo', // 4
    '[10:02] <marta_> ok, installing it now', // 5
  ];
  // 0-based `parent child -` lines; `N N -` starts a conversation.
  const gold = ['0 0 -', '1 1 -', '0 2 -', '3 3 -', '1 4 -', '2 5 -'];
  writeFileSync(join(dir, 'sample.raw.txt'), raw.join('\n') + '\n');
  writeFileSync(join(dir, 'sample.annotation.txt'), gold.join('\n') + '\n');

  it('scores chatkb and the baseline with the Kummerfeld et al. link measure', () => {
    const s = benchSplit(dir, 'dev', loadResources());
    expect(s.files).toBe(1);
    expect(s.chatkb.gold).toBe(6);
    expect(s.chatkb.matched).toBe(6);
    expect(s.chatkb.f1).toBeCloseTo(100);
    // previous message: right only for 0 (the first line) and 3 (the system line)
    expect(s.baseline.matched).toBe(2);
    expect(formatBench([s])).toMatch(/dev\s+1\s+chatkb\s+100\.0/);
  });
});
