/**
 * Editors' decisions as FAQ labels: in a knowledge base, an entry an editor approved or
 * reviewed is a question worth an entry, one they rejected is not. `chatkb fit --kb` reads
 * them beside the gold days, so the ranker of the review queue learns what this team
 * keeps. Entries are found again by their id, which the question message alone decides
 * (src/kb/ids.ts): the transcripts need only be read again, not rebuilt.
 */
import { entryId } from '../kb/ids.js';
import { readExisting } from '../kb/state.js';
import type { Doc } from '../model.js';

const KEEP = new Set(['approved', 'reviewed']);
const DROP = new Set(['rejected']);

/** Entry id (and every earlier id it lists) → kept, for the entries an editor decided on. */
export function kbDecisions(outDir: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const e of readExisting(outDir).entries) {
    const kept = KEEP.has(e.status) ? true : DROP.has(e.status) ? false : null;
    if (kept === null) continue;
    for (const id of [e.id, ...e.aliases]) out.set(id, kept);
  }
  return out;
}

/** The decided exchanges of a doc: question message id → kept. */
export function decisionsOf(doc: Doc, decided: ReadonlyMap<string, boolean>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const pos = doc.index;
  for (const e of doc.exchanges) {
    const first = e.question[0];
    if (first === undefined) continue;
    const m = doc.transcript.messages[pos.get(first)!]!;
    const kept = decided.get(entryId(doc.transcript.file, doc.transcript.date, m));
    if (kept !== undefined) out.set(first, kept);
  }
  return out;
}
