/**
 * Zipped exports, read where they are: `chats.zip` stands for the transcripts inside it,
 * each named `chats.zip!/path/inside.txt`, so diagnostics, sources and entry groups
 * (the folder inside the archive) read as they would for an unpacked folder. The last
 * archive opened is kept, since its members are read one after another.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

/** Between an archive's path and a member's path inside it. */
export const ZIP_SEPARATOR = '!/';

let last: { path: string; members: Record<string, Uint8Array> } | null = null;

function open(zipPath: string): Record<string, Uint8Array> {
  if (last?.path !== zipPath) last = { path: zipPath, members: unzipSync(new Uint8Array(readFileSync(zipPath))) };
  return last.members;
}

export function isZip(path: string): boolean {
  return /\.zip$/i.test(path);
}

/** The member files of an archive (folders and macOS resource forks left out), sorted. */
export function zipMembers(zipPath: string): string[] {
  return Object.keys(open(zipPath))
    .filter((name) => !name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(^|\/)\./.test(name))
    .sort();
}

/** `a.zip!/x/y.txt` → [`a.zip`, `x/y.txt`]; null for a plain path. */
export function splitZipPath(path: string): [string, string] | null {
  const at = path.indexOf(ZIP_SEPARATOR);
  if (at < 0 || !isZip(path.slice(0, at))) return null;
  return [path.slice(0, at), path.slice(at + ZIP_SEPARATOR.length)];
}

/** The bytes of one member; throws when the archive or the member cannot be read. */
export function readZipMember(path: string): Buffer {
  const parts = splitZipPath(path);
  if (!parts) throw new Error(`not a path inside an archive: ${path}`);
  const data = open(parts[0])[parts[1]];
  if (!data) throw new Error(`no ${parts[1]} in ${parts[0]}`);
  return Buffer.from(data);
}
