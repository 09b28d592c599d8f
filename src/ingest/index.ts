/**
 * Ingest: files on disk → Transcripts. The only stage that reads files; everything it
 * cannot read becomes a Diagnostic (file, line, expected) instead of an exception.
 */
import { readFileSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { isZip, readZipMember, splitZipPath, ZIP_SEPARATOR, zipMembers } from './zip.js';
import type { Diagnostic, FormatId, Transcript } from '../model.js';
import { decode } from './decode.js';
import { detectFormat } from './detect.js';
import { IngestError } from './errors.js';
import type { Reader } from './reader.js';
import { readers } from './readers/index.js';
import { error, warning } from './readers/common.js';

export { decode } from './decode.js';
export { detectFormat, DETECT_THRESHOLD } from './detect.js';
export { IngestError } from './errors.js';
export type { Reader, ReadResult } from './reader.js';
export { readers } from './readers/index.js';

export interface IngestResult {
  /** The file's (first) transcript, or null when nothing could be read. */
  transcript: Transcript | null;
  /** Every transcript the file holds: one for most exports, one per chat for an account export. */
  transcripts: Transcript[];
  diagnostics: Diagnostic[];
}

function failed(diagnostics: Diagnostic[]): IngestResult {
  return { transcript: null, transcripts: [], diagnostics };
}

export interface ReadOptions {
  /** Skip detection and read with this reader (`--format`). */
  format?: FormatId;
}

export function readerFor(format: FormatId): Reader | undefined {
  return readers.find((r) => r.format === format);
}

/**
 * What an unreadable file is told. Kept to one line: the formats and their shapes are
 * listed by `chatkb formats`, not repeated in every error.
 */
export const NOT_A_TRANSCRIPT = 'not a chat transcript: no reader recognises it';
const EXPECTED_TRANSCRIPT = 'a chat export in a format `chatkb formats` lists';

/** The input name that means standard input, and the name its transcript goes by. */
export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

/** The bytes of one input (`-`: standard input, `a.zip!/b`: an archive member), or why they cannot be read. */
export function readInputBytes(path: string): { file: string; bytes: Buffer } | { file: string; failed: IngestResult } {
  const file = path === STDIN ? STDIN_NAME : path;
  try {
    return { file, bytes: path === STDIN ? readFileSync(0) : splitZipPath(path) ? readZipMember(path) : readFileSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    return { file, failed: failed([error(file, 1, `cannot read file: ${why}`, 'a readable transcript file')]) };
  }
}

/** Read one transcript file (`-`: standard input). Never throws for bad input. */
export function readTranscriptFile(path: string, opts: ReadOptions = {}): IngestResult {
  const input = readInputBytes(path);
  return 'failed' in input ? input.failed : readTranscriptBytes(input.bytes, input.file, opts);
}

/** Decode and read the bytes of one transcript file. Pure; never throws for bad input. */
export function readTranscriptBytes(bytes: Buffer, file: string, opts: ReadOptions = {}): IngestResult {
  let decoded;
  try {
    decoded = decode(bytes, file);
  } catch (e) {
    const diagnostic = e instanceof IngestError ? e.toDiagnostic() : error(file, 1, `cannot decode: ${(e as Error).message}`);
    return failed([diagnostic]);
  }
  const result = readTranscriptText(decoded.text, file, { ...opts, encoding: decoded.encoding });
  if (decoded.replaced) {
    result.diagnostics.unshift(
      warning(file, 1, `${decoded.replaced} invalid UTF-8 byte sequence(s) replaced with U+FFFD`, 'valid UTF-8'),
    );
  }
  if (decoded.nuls) result.diagnostics.unshift(warning(file, 1, `${decoded.nuls} stray NUL byte(s) dropped`, 'text without NUL bytes'));
  return result;
}

/** Read a transcript from decoded text (LF line ends). Pure; never throws for bad input. */
export function readTranscriptText(
  text: string,
  file: string,
  opts: ReadOptions & { encoding?: string } = {},
): IngestResult {
  if (text.trim() === '') {
    return failed([error(file, 1, 'empty file', EXPECTED_TRANSCRIPT)]);
  }
  let reader: Reader | undefined;
  if (opts.format !== undefined) {
    reader = readerFor(opts.format);
    if (!reader) {
      const names = readers.map((r) => r.format).join(', ');
      return failed([error(file, 1, `unknown format \`${opts.format}\``, `one of ${names}`)]);
    }
  } else {
    const found = detectFormat(text, file);
    reader = found ? readerFor(found.format) : undefined;
    if (!reader) {
      return failed([error(file, 1, NOT_A_TRANSCRIPT, EXPECTED_TRANSCRIPT)]);
    }
  }
  let read;
  try {
    read = reader.read(text, file);
  } catch (e) {
    // a reader bug must not take the whole run down; report it against the file
    return failed([error(file, 1, `${reader.format} reader failed: ${(e as Error).message}`)]);
  }
  const diagnostics = sortDiagnostics(read.diagnostics);
  if (read.transcript.messages.length === 0) {
    // a clean day with no messages is a transcript (the corpus has some); a file whose
    // headers all failed, or whose text the reader skipped, is not
    if (diagnostics.length > 0) {
      diagnostics.push(error(file, 1, `no messages could be read as ${reader.format}`, reader.describe));
      return failed(sortDiagnostics(diagnostics));
    }
    diagnostics.push(warning(file, 1, `no messages found as ${reader.format}`, reader.describe));
  }
  const encoding = opts.encoding ?? 'utf-8';
  const transcripts = [read.transcript, ...(read.more ?? [])].map((t) => ({ ...t, encoding }));
  return { transcript: transcripts[0]!, transcripts, diagnostics };
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.i - b.i)
    .map((x) => x.d);
}

const TRANSCRIPT_GLOBS = ['**/*.markdown', '**/*.md', '**/*.txt', '**/*.json', '**/*.jsonl', '**/*.csv', '**/*.log', '**/*.weechatlog'];
// Slack exports keep their user, channel, DM and group lists beside the day files.
const SKIPPED_NAMES = new Set(['readme.md', 'sources.md', 'users.json', 'channels.json', 'integration_logs.json', 'canvases.json', 'dms.json', 'groups.json', 'mpims.json', 'org_users.json']);

/**
 * Command-line paths → transcript files. Files are kept as given; folders are walked
 * (dot-folders and node_modules skipped) and their files sorted by code point so a run is
 * the same on every machine. Paths stay as written: `./x` stays `./x/…`.
 */
export interface InputPatterns {
  /** Globs a file in an input folder must match (relative to that folder); default: every transcript kind. */
  include?: readonly string[];
  /** Globs of files in an input folder to leave out (relative to that folder). */
  exclude?: readonly string[];
}

export interface ExpandedInputs {
  files: string[];
  /** Files found by walking a folder or an archive, not named themselves: one that is no transcript is skipped, not an error. */
  walked: Set<string>;
  diagnostics: Diagnostic[];
}

export function expandInputs(paths: string[], patterns: InputPatterns = {}): ExpandedInputs {
  const files: string[] = [];
  const walked = new Set<string>();
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const wanted = patterns.include?.length ? [...patterns.include] : TRANSCRIPT_GLOBS;
  const ignored = ['**/node_modules/**', ...(patterns.exclude ?? [])];
  const expected = `files ending ${TRANSCRIPT_GLOBS.map((g) => g.slice(3)).join(', ')}`;
  const add = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    if (isZip(f)) addArchive(f);
    else files.push(f);
  };
  // An archive stands for its transcripts, chosen as in a folder.
  const addArchive = (zip: string) => {
    let members: string[];
    try {
      members = zipMembers(zip);
    } catch (e) {
      diagnostics.push(error(zip, 1, `cannot read archive: ${(e as Error).message}`, 'a zip archive of transcripts'));
      return;
    }
    const chosen = members.filter((m) => !SKIPPED_NAMES.has(baseName(m).toLowerCase()) && picomatch.isMatch(m, wanted) && !picomatch.isMatch(m, ignored));
    if (chosen.length === 0) diagnostics.push(warning(zip, 1, 'no transcript files in archive', expected));
    for (const m of chosen) {
      walked.add(`${zip}${ZIP_SEPARATOR}${m}`);
      add(`${zip}${ZIP_SEPARATOR}${m}`);
    }
  };
  for (const p of paths) {
    // `-` is standard input, read as one transcript.
    if (p === STDIN) {
      add(p);
      continue;
    }
    let stat;
    try {
      stat = statSync(p);
    } catch {
      // A pattern the shell left alone (quoted, or a shell that does not expand): ours to expand.
      if (/[*?[{]/.test(p)) {
        const matched = globSync(p.split(sep).join('/'), { dot: false, onlyFiles: true, expandDirectories: false }).sort(compareCodePoints);
        if (matched.length === 0) diagnostics.push(error(p, 1, 'no file matches this pattern', 'a pattern that matches transcript files'));
        for (const m of matched) add(m.split('/').join(sep));
        continue;
      }
      diagnostics.push(error(p, 1, 'no such file or folder', 'a transcript file or a folder of transcripts'));
      continue;
    }
    if (stat.isFile()) {
      add(p);
      continue;
    }
    if (!stat.isDirectory()) {
      diagnostics.push(error(p, 1, 'not a file or folder', 'a transcript file or a folder of transcripts'));
      continue;
    }
    const found = globSync([...wanted, '**/*.zip'], { cwd: p, dot: false, ignore: ignored, onlyFiles: true, expandDirectories: false })
      .filter((rel) => !SKIPPED_NAMES.has(baseName(rel).toLowerCase()))
      .sort(compareCodePoints);
    if (found.length === 0) diagnostics.push(warning(p, 1, 'no transcript files in folder', expected));
    const prefix = /[\\/]$/.test(p) ? p : p + sep;
    for (const rel of found) {
      walked.add(prefix + rel.split('/').join(sep));
      add(prefix + rel.split('/').join(sep));
    }
  }
  return { files, walked, diagnostics };
}

function baseName(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i === -1 ? rel : rel.slice(i + 1);
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
