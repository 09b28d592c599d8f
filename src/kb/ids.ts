/**
 * Entry ids. An entry is named by its question message alone: the chat group (the
 * transcript's folder), the day it was asked, and a hash of that message's time, speaker
 * and text as written (or the platform's message id when the export has one). Nothing
 * else goes in: not the message's position (a message inserted above it changes no id),
 * not the input root (adding a second input folder changes no id), not the wording
 * chatkb or an editor gives the entry. `legacyEntryId` is the earlier, position-based
 * form, kept to find and migrate entries written under it.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Message } from '../model.js';
import { shortHash } from '../text/hash.js';

const MAX_SLUG = 40;

/**
 * `prodarch/2018-08-13-chat.markdown` → `prodarch-2018-08-13-chat`. A path that does not
 * survive as lower-case ASCII (CJK file names, a very long path) keeps a readable
 * prefix plus a hash of the whole path, so two such paths never share a key.
 */
export function transcriptKey(relPath: string): string {
  const base = relPath.replace(/\\/g, '/').replace(/\.[A-Za-z0-9]+$/, '').toLowerCase();
  const slug = base.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const faithful = base.replace(/[/._\s-]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug === faithful && slug.length > 0 && slug.length <= MAX_SLUG) return slug;
  const head = slug.slice(0, MAX_SLUG - 9).replace(/-+$/g, '');
  return head ? `${head}-${shortHash(base)}` : shortHash(base);
}

/** The earlier form: `2018-08-13-chat` + `m42` → `2018-08-13-chat-m42` (positions; migrated from). */
export function legacyEntryId(transcriptRel: string, firstQuestionId: string): string {
  return `${transcriptKey(transcriptRel)}-${firstQuestionId.toLowerCase()}`;
}

/** The group a transcript belongs to: its folder's name (`prodarch` of `…/prodarch/2018-08-13-chat.markdown`). */
export function groupOf(file: string): string {
  const dir = basename(dirname(resolve(file)));
  return dir === '' || dir === sep ? 'chat' : dir;
}

/** What identifies a question message wherever and however often it is read. */
export type QuestionKey = Pick<Message, 'time' | 'speaker' | 'raw' | 'platformId' | 'timestamp'>;

/** `YYYY-MM-DD` of the message, else of the transcript, else null. */
function dayOf(m: QuestionKey, transcriptDate: string | null): string | null {
  const d = m.timestamp?.slice(0, 10) ?? transcriptDate;
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

/**
 * `prodarch` + 2018-08-13 + the question message → `prodarch-2018-08-13-3f9a2c1b`. Without
 * a date, the transcript's file name stands in for the day.
 */
export function entryId(file: string, transcriptDate: string | null, q: QuestionKey): string {
  return `${transcriptKey(groupOf(file))}-${messageKey(file, transcriptDate, q)}`;
}

/** The id without its group, `2018-08-13-3f9a2c1b`: the same message read from two exports has the same key. */
export function messageKey(file: string, transcriptDate: string | null, q: QuestionKey): string {
  const day = dayOf(q, transcriptDate) ?? transcriptKey(basename(file));
  const what = q.platformId ? `id\u0000${q.platformId}` : `${q.time}\u0000${q.speaker}\u0000${q.raw.replace(/\s+/g, ' ').trim()}`;
  return `${day}-${shortHash(what)}`;
}

/** Whether an id has the current form (not a legacy, position-based one). */
export function isStableId(id: string): boolean {
  return /-[0-9a-f]{8}(?:-\d+)?$/.test(id) && !/-m\d+$/.test(id);
}

/**
 * The folder ids and source paths are relative to: the deepest folder holding every
 * input (a folder input counts as itself, a file as its folder), so `build transcripts/`
 * and `build transcripts/a.md transcripts/b.md` name files alike.
 */
export function inputRoot(inputs: readonly string[], isDir: (p: string) => boolean, cwd = process.cwd()): string {
  const dirs = inputs.map((p) => {
    const abs = resolve(cwd, p);
    return isDir(abs) ? abs : resolve(abs, '..');
  });
  if (dirs.length === 0) return resolve(cwd);
  let root = dirs[0]!.split(sep);
  for (const d of dirs.slice(1)) {
    const parts = d.split(sep);
    let i = 0;
    while (i < root.length && i < parts.length && root[i] === parts[i]) i++;
    root = root.slice(0, i);
  }
  return root.join(sep) || sep;
}

/** Posix path of `file` under `root` (or as given when outside it). */
export function relativeTo(root: string, file: string): string {
  const rel = relative(root, resolve(file));
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? resolve(file) : rel).split(sep).join('/');
}
