/**
 * Measure term discovery and definition mining on a corpus (no CLI framework; for
 * development). Prints the top candidates with their measures, timings, and — given a
 * gold folder — how many gold `definitions` (term + time) the mined definitions find.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/discover.js [corpus-dir] [gold-dir] [top]
 *
 * Defaults: ../shared/corpus/cocolian-source, ../shared/eval/dev, 50. The output quotes
 * the corpus: read it, do not paste it into the repository.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractAll } from '../pipeline.js';
import { loadGoldDir } from '../eval/gold.js';
import { variantMap } from '../glossary/curated.js';
import { mineDefinitions } from '../glossary/definitions.js';
import { discoverTerms } from '../glossary/discover.js';
import { loadGlossaryRules, stopReason } from '../glossary/rules.js';
import { loadResources } from '../resources.js';

const corpus = resolve(process.argv[2] ?? '../shared/corpus/cocolian-source');
const goldDir = resolve(process.argv[3] ?? '../shared/eval/dev');
const top = Number(process.argv[4] ?? 50);

const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;

let t = performance.now();
const res = loadResources();
const rules = loadGlossaryRules();
const { docs } = extractAll([corpus], res);
console.log(`pipeline: ${docs.length} transcripts, ${ms(t)}`);

t = performance.now();
const candidates = discoverTerms(docs, res.terms, rules, variantMap(res.glossary.variants));
console.log(`discovery: ${candidates.length} candidates, ${ms(t)}`);
for (const lang of ['zh', 'en'] as const) {
  const list = candidates.filter((c) => c.lang === lang).slice(0, top);
  console.log(`\n## ${lang}: top ${list.length}`);
  list.forEach((c, i) => {
    const stats = Object.entries(c.stats).map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(`${String(i + 1).padStart(3)}. ${c.term}\t${c.score}\t${c.occurrences}×/${c.documents} docs\t${stats}`);
  });
}

t = performance.now();
const mined = mineDefinitions(docs, rules.definitions, {
  matcher: res.terms,
  candidates: candidates.map((c) => c.term),
  isStop: (s) => stopReason(s, rules) !== null,
  skipKinds: rules.discovery.skipKinds,
});
console.log(`\ndefinitions: ${mined.definitions.length} (${mined.definitions.filter((d) => d.status === 'glossary').length} of glossary terms), en suggestions: ${mined.en.length}, ${ms(t)}`);
const byRule = new Map<string, number>();
for (const d of mined.definitions) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
console.log([...byRule].sort().map(([r, n]) => `  ${r}: ${n}`).join('\n'));

if (existsSync(goldDir)) {
  const { golds } = loadGoldDir(goldDir);
  let want = 0;
  let found = 0;
  let predicted = 0;
  for (const g of golds) {
    const doc = docs.find((d) => d.transcript.file.replace(/\\/g, '/').endsWith(g.file));
    if (!doc) continue;
    const here = mined.definitions.filter((d) => d.file === doc.transcript.file);
    predicted += here.length;
    const key = (term: string) => res.terms.lookup(term)?.term ?? term;
    for (const gd of g.definitions) {
      want++;
      const hit = here.find((d) => d.time === gd.at && (d.term === key(gd.term) || d.form === gd.term));
      if (hit) found++;
      console.log(`  ${hit ? 'found  ' : 'missed '} ${g.file} ${gd.at} ${gd.term}${hit ? ` (${hit.rule})` : ''}`);
    }
    for (const d of here) {
      if (!g.definitions.some((gd) => gd.at === d.time)) console.log(`  extra   ${g.file} ${d.time} ${d.term} (${d.rule}): ${d.text}`);
    }
  }
  console.log(`gold definitions found: ${found}/${want}; mined in those transcripts: ${predicted}`);
}
