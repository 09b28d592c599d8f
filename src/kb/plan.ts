/**
 * Merging this run's candidates with what the knowledge base holds. Pure: candidates and
 * existing entry files in; the files to write, the files to remove and the index out.
 *
 * Editors own what they touched. An entry is regenerated only while it is an untouched
 * draft (status `draft` and its `generated` hash matches); anything else — reviewed,
 * approved, rejected, or a draft whose text someone changed — is left byte for byte,
 * and a rejected question is not proposed again. An entry whose exchange is gone stays
 * on disk and is listed as orphaned; nothing an editor may have looked at is deleted.
 * The one removal: an untouched draft that moves (its topic changed, or its question
 * merged into another entry), since nothing in it is anybody's work.
 */
import type { FaqEntryData } from '../emit/faq.js';
import { formatScore, renderFaqEntry } from '../emit/faq.js';
import { frontMatterEnd } from '../emit/front-matter.js';
import type { Candidate } from './entries.js';
import { compareStrings, naturalCompare, sortedUnique } from '../text/order.js';
import type { ExistingEntry } from './state.js';
import type { FaqIndex, FaqIndexEntry, OutputFile } from '../model.js';

export type { FaqIndex, FaqIndexEntry };

/** A file the plan writes (the same shape every output has). */
export type PlannedFile = OutputFile;

export interface FaqPlan {
  /** Entry files chatkb owns this run (untouched drafts and new entries), whether or not they changed. */
  files: PlannedFile[];
  /** Untouched drafts that moved or merged away. */
  removals: string[];
  index: FaqIndex;
}

const RANK: Record<string, number> = { approved: 4, reviewed: 3, rejected: 2, draft: 0 };
const rank = (status: string): number => RANK[status] ?? 1;

export function planFaq(groups: readonly Candidate[][], existing: readonly ExistingEntry[], render: (e: FaqEntryData) => { content: string } = renderFaqEntry): FaqPlan {
  const byId = new Map<string, ExistingEntry>();
  const claimed = new Set<ExistingEntry>();
  const orphans: FaqIndexEntry[] = [];
  for (const e of existing) {
    if (!byId.has(e.id)) byId.set(e.id, e);
    else orphans.push(orphanOf(e, `another file has id ${e.id}: ${byId.get(e.id)!.path}`));
  }
  // An earlier id an entry lists still finds it, unless a file has that id itself.
  for (const e of existing) for (const a of e.aliases) if (!byId.has(a)) byId.set(a, e);
  // The id, else the id the position-based scheme gave it (an entry not yet migrated).
  const lookup = (c: Candidate) => byId.get(c.id) ?? byId.get(c.legacyId);
  const files: PlannedFile[] = [];
  const removals: string[] = [];
  const entries: FaqIndexEntry[] = [];

  for (const group of groups) {
    const found = [...new Set(group.map(lookup).filter((e): e is ExistingEntry => e !== undefined))];
    // The entry an editor worked on most names the group; else the earliest asking.
    const best = [...found].sort((a, b) => rank(b.status) - rank(a.status))[0];
    const primary = best ? group.find((c) => lookup(c) === best)! : group[0]!;
    const members = [primary, ...group.filter((c) => c !== primary)];
    for (const e of found) {
      claimed.add(e);
      if (e === best) continue;
      if (e.status === 'draft' && e.intact) removals.push(e.path);
      else orphans.push(orphanOf(e, `merged into ${primary.id}`));
    }
    const sources = members.map((c) => ({ transcript: c.source.transcript, date: c.source.date }));
    // Earlier ids: what the existing file is called or lists, when it is not the id now.
    const aliases = best ? sortedUnique([best.id, ...best.aliases].filter((a) => a !== primary.id)) : [];
    if (best && (best.status !== 'draft' || !best.intact)) {
      let { id, path } = best;
      const notes = [keptNote(best, members)];
      if (best.id !== primary.id) {
        // The id's form changed: the editor's file moves to the new name with its old ids
        // as aliases, every other byte as the editor left it.
        const moved = withNewId(best.content, primary.id, aliases);
        if (moved !== null) {
          id = primary.id;
          path = `${best.path.slice(0, best.path.lastIndexOf('/') + 1)}${primary.id}.md`;
          files.push({ path, content: moved });
          removals.push(best.path);
          notes.push(`id was ${best.id}`);
        }
      }
      const fresh = newAnswers(best, primary);
      if (fresh > 0) notes.push(`stale: new answers (${fresh})`);
      entries.push({
        id,
        path,
        topic: best.topic,
        status: best.status,
        action: 'kept',
        question: best.question,
        tags: best.tags,
        sources: best.sources.map((s) => ({ transcript: s.transcript, date: s.date })),
        note: notes.filter(Boolean).join('; ') || null,
        ...(best.score !== null ? { score: best.score } : {}),
        ...(fresh > 0 ? { stale: 'new answers' } : {}),
      });
      continue;
    }
    const data: FaqEntryData = {
      id: primary.id,
      ...(aliases.length ? { aliases } : {}),
      topic: primary.topic,
      tags: sortedUnique(members.flatMap((c) => c.tags)),
      score: Math.max(...members.map((c) => c.score)),
      rules: sortedUnique(members.flatMap((c) => c.rules)),
      sources: members.map((c) => c.source),
    };
    const path = `faq/${data.topic}/${data.id}.md`;
    const { content } = render(data);
    files.push({ path, content });
    if (best && best.path !== path) removals.push(best.path);
    entries.push({
      id: data.id,
      path,
      topic: data.topic,
      status: 'draft',
      action: !best ? 'new' : best.content === content && best.path === path ? 'unchanged' : 'updated',
      question: primary.source.heading.text,
      tags: data.tags,
      sources,
      note: null,
      score: formatScore(data.score),
    });
  }
  for (const e of existing) if (!claimed.has(e) && byId.get(e.id) === e) orphans.push(orphanOf(e, null));
  return { files, removals: sortedUnique(removals), index: { entries: [...entries, ...orphans].sort(indexOrder) } };
}

/**
 * The entry file with `id:` set to `id` and `aliases:` listing the earlier ids, every other
 * line as it was; null when the front matter has no plain `id:` line to change.
 */
export function withNewId(content: string, id: string, aliases: readonly string[]): string | null {
  const end = frontMatterEnd(content);
  if (end < 0) return null;
  const head = content.slice(0, end);
  const idLine = /^id:[^\n]*\n/m.exec(head);
  if (!idLine) return null;
  const withoutAliases = head.replace(/^aliases:(?:[^\n]*\n)(?:[ \t]+-[^\n]*\n)*/m, '');
  const at = withoutAliases.indexOf(idLine[0]);
  const lines = `id: ${id}\n${aliases.length ? `aliases: [${aliases.join(', ')}]\n` : ''}`;
  return withoutAliases.slice(0, at) + lines + withoutAliases.slice(at + idLine[0].length) + content.slice(end);
}

/**
 * Answers and follow-ups the chat now has that the editor's file does not: messages of the
 * exchange whose time is not among those the file lists for the same transcript and day.
 */
function newAnswers(e: ExistingEntry, c: Candidate): number {
  const name = (t: string) => t.replace(/^.*\//, '');
  const same = e.sources.find((s) => name(s.transcript) === name(c.source.transcript) && s.date === c.source.date);
  if (!same) return 0;
  const known = new Set(same.times);
  return c.source.messages.filter((m) => m.role !== 'question' && !known.has(m.time)).length;
}

/** What an editor of a kept entry should know: it was edited, or the question was asked again since. */
function keptNote(e: ExistingEntry, members: readonly Candidate[]): string | null {
  // By file name and day: the folder part of a path changes when another input folder is added.
  const key = (transcript: string, date: string | null) => `${transcript.replace(/^.*\//, '')}\u0000${date ?? ''}`;
  const known = new Set(e.sources.map((s) => key(s.transcript, s.date)));
  const fresh = members.filter((c) => !known.has(key(c.source.transcript, c.source.date))).length;
  const notes = [e.status === 'draft' ? 'edited by hand' : null, fresh ? `asked again in ${fresh} more source${fresh > 1 ? 's' : ''} not in the file` : null];
  return notes.filter(Boolean).join('; ') || null;
}

function orphanOf(e: ExistingEntry, why: string | null): FaqIndexEntry {
  return {
    id: e.id,
    path: e.path,
    topic: e.topic,
    status: 'orphaned',
    action: 'orphaned',
    question: e.question,
    tags: e.tags,
    sources: e.sources,
    note: [`status ${e.status}`, why].filter(Boolean).join('; '),
  };
}

export function indexOrder(a: FaqIndexEntry, b: FaqIndexEntry): number {
  return compareStrings(a.sources[0]?.date ?? '', b.sources[0]?.date ?? '') || naturalCompare(a.id, b.id) || compareStrings(a.path, b.path);
}
