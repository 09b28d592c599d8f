/**
 * Reply-link precision/recall/F1 on IRC logs with gold links, as shared/eval/tools/irc_links.py
 * computes it (the metric of Kummerfeld et al. 2019, tools/evaluation/graph-eval.py):
 * pairs (parent, child) of 0-based raw-file line numbers, a message that starts a
 * conversation linked to itself; only children the gold annotates are scored. A message's
 * parent is the line of the message its `replyTo` names, or itself. Also 1 − VI of the
 * conversations (connected components) the links make, weighted by messages per file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Extraction, ExtractionTranscript } from './extraction.js';
import { basename, decodeUniversal, PY_SPACE, pyCompare, truthy } from './py.js';

export interface LinkFileScore {
  /** The annotation's stem, e.g. `2004-11-15_03`. */
  stem: string;
  found: boolean;
  gold: number;
  auto: number;
  matched: number;
  /** Annotated messages (the scored children). */
  nodes: number;
  /** 1 − VI for this file, 0..1. */
  oneMinusVi: number;
}

export interface LinkResult {
  files: LinkFileScore[];
  /** Annotation files whose transcript the extraction does not hold. */
  missing: number;
  gold: number;
  auto: number;
  matched: number;
  /** Percentages, 0..100, as irc_links.py prints them. */
  p: number;
  r: number;
  f1: number;
  oneMinusVi: number;
}

type Pair = readonly [number, number];
const key = (p: Pair) => `${p[0]},${p[1]}`;

const SPLIT = new RegExp(`${PY_SPACE}+`, 'u');

function pyInt(tok: string, where: string): number {
  if (!/^[+-]?[0-9]+(_[0-9]+)*$/.test(tok)) throw new Error(`${where}: not a line number: ${JSON.stringify(tok)}`);
  return Number.parseInt(tok.replace(/_/g, ''), 10);
}

/** The gold (parent, child) pairs of an annotation file's text. */
export function goldPairs(text: string, file = 'annotation'): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  text.split('\n').forEach((line, i) => {
    const nums = line
      .split(SPLIT)
      .filter((n) => n !== '' && n !== '-')
      .map((n) => pyInt(n, `${file}:${i + 1}`));
    if (nums.length === 0) return;
    const child = Math.max(...nums);
    nums.splice(nums.indexOf(child), 1); // list.remove: the first occurrence only
    if (nums.length === 0 || (nums.length === 1 && nums[0] === child)) {
      pairs.set(key([child, child]), [child, child]);
    } else {
      for (const n of nums) pairs.set(key([n, child]), [n, child]);
    }
  });
  return pairs;
}

/** Connected components over `nodes` (union-find with path halving, as the reference). */
function clusters(pairs: Pair[], nodes: number[]): number[][] {
  const parent = new Map<number, number>(nodes.map((n) => [n, n]));
  const find = (x: number): number => {
    for (;;) {
      if (!parent.has(x)) parent.set(x, x);
      const px = parent.get(x)!;
      if (px === x) return x;
      parent.set(x, parent.get(px) ?? px);
      x = parent.get(x)!;
    }
  };
  for (const [a, b] of pairs) {
    const rb = find(b); // Python evaluates the right-hand side first
    parent.set(find(a), rb);
  }
  const out = new Map<number, number[]>();
  for (const n of nodes) {
    const r = find(n);
    let c = out.get(r);
    if (!c) out.set(r, (c = []));
    c.push(n);
  }
  return [...out.values()];
}

function oneMinusVi(gold: number[][], auto: number[][], nodes: number[]): number {
  const n = nodes.length;
  if (n <= 1) return 1.0;
  const gOf = new Map<number, number>();
  gold.forEach((c, i) => c.forEach((m) => gOf.set(m, i)));
  const aOf = new Map<number, number>();
  auto.forEach((c, i) => c.forEach((m) => aOf.set(m, i)));
  // Insertion order matters for the floating-point sums below: first seen in node order.
  const joint = new Map<string, { g: number; a: number; c: number }>();
  for (const m of nodes) {
    const g = gOf.get(m)!;
    const a = aOf.get(m)!;
    const k = `${g},${a}`;
    const cell = joint.get(k);
    if (cell) cell.c++;
    else joint.set(k, { g, a, c: 1 });
  }
  const gs = new Map<number, number>();
  const as = new Map<number, number>();
  for (const { g, a, c } of joint.values()) {
    gs.set(g, (gs.get(g) ?? 0) + c);
    as.set(a, (as.get(a) ?? 0) + c);
  }
  // Plain left-to-right sums, as Python 3.11's sum() (3.12 compensates; the printed
  // one-decimal figure does not move).
  let hGA = 0;
  let hAG = 0;
  for (const { g, a, c } of joint.values()) {
    hGA += (c / n) * Math.log2(c / n / (as.get(a)! / n));
    hAG += (c / n) * Math.log2(c / n / (gs.get(g)! / n));
  }
  return 1 - (-hGA + -hAG) / Math.log2(n);
}

function stemOf(file: string): string {
  let stem = basename(file);
  for (const suffix of ['.raw.txt', '.ascii.txt', '.txt']) {
    if (stem.endsWith(suffix)) return stem.slice(0, -suffix.length);
  }
  return stem;
}

/** Score the reply links of the extraction against every `*.annotation.txt` in `annotationDir`. */
export function scoreIrcLinks(extraction: Extraction, annotationDir: string): LinkResult {
  const byStem = new Map<string, ExtractionTranscript>();
  for (const t of extraction.transcripts ?? []) byStem.set(stemOf(t.file), t);
  let G = 0;
  let A = 0;
  let M = 0;
  let missing = 0;
  const files: LinkFileScore[] = [];
  const names = readdirSync(annotationDir)
    .filter((n) => n.endsWith('.annotation.txt'))
    .sort(pyCompare);
  for (const name of names) {
    const stem = name.slice(0, -'.annotation.txt'.length);
    const path = join(annotationDir, name);
    const gold = goldPairs(decodeUniversal(readFileSync(path)), path);
    const children = new Set([...gold.values()].map(([, c]) => c));
    const t = byStem.get(stem);
    const auto = new Map<string, Pair>();
    if (t === undefined) {
      missing++;
    } else {
      const lineOf = new Map<string, number>();
      for (const m of t.messages ?? []) lineOf.set(m.id, m.line - 1);
      for (const m of t.messages ?? []) {
        const c = m.line - 1;
        if (!children.has(c)) continue;
        const p = truthy(m.replyTo) ? (lineOf.get(m.replyTo!) ?? c) : c;
        auto.set(key([p, c]), [p, c]);
      }
    }
    const matched = [...gold.keys()].filter((k) => auto.has(k)).length;
    G += gold.size;
    A += auto.size;
    M += matched;
    const nodes = [...children].sort((a, b) => a - b);
    const gc = clusters([...gold.values()].filter(([p]) => children.has(p)), nodes);
    const ac = clusters([...auto.values()].filter(([p]) => children.has(p)), nodes);
    files.push({ stem, found: t !== undefined, gold: gold.size, auto: auto.size, matched, nodes: nodes.length, oneMinusVi: oneMinusVi(gc, ac, nodes) });
  }
  const p = A ? (100 * M) / A : 0.0;
  const r = G ? (100 * M) / G : 0.0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0.0;
  let weighted = 0;
  let count = 0;
  for (const f of files) {
    weighted += f.nodes * f.oneMinusVi;
    count += f.nodes;
  }
  return { files, missing, gold: G, auto: A, matched: M, p, r, f1, oneMinusVi: (100 * weighted) / Math.max(1, count) };
}
