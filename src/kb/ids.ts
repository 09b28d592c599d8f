/**
 * Entry ids. An entry is named by where its question was asked — the transcript's path
 * under the input root and the first question message's id — never by wording, so a
 * re-run, a rule change or an editor's rewrite keeps every id (and every file name).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
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

/** `2018-08-13-chat` + `m42` → `2018-08-13-chat-m42`. */
export function entryId(transcriptRel: string, firstQuestionId: string): string {
  return `${transcriptKey(transcriptRel)}-${firstQuestionId.toLowerCase()}`;
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
