import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs, readTranscriptFile } from '../../src/ingest/index.js';
import { fixture, FIXTURES } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'chatkb-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array | string): string {
  const file = join(tmp, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

describe('readTranscriptFile', () => {
  it('reads a transcript, detecting its format', () => {
    const file = fixture('source/2019-04-02-chat.markdown');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(diagnostics).toEqual([]);
    expect(transcript).toMatchObject({ file, format: 'cocolian-source', encoding: 'utf-8', date: '2019-04-02' });
    expect(transcript!.messages).toHaveLength(6);
  });

  it('reads the CRLF fixture like an LF file', () => {
    const { transcript, diagnostics } = readTranscriptFile(fixture('source/2019-04-03-chat.markdown'));
    expect(diagnostics).toEqual([]);
    expect(transcript!.messages.map((m) => m.raw)).toEqual([
      '退款走原路返回的话，手续费退不退？',
      '[微信支付退款规则\n说明](http://example.invalid/refund)',
      '收到，谢谢',
    ]);
  });

  it('reads GB18030 and UTF-16LE copies to the same messages, naming the encoding', () => {
    const utf8 = readFileSync(fixture('source/2019-04-02-chat.markdown'), 'utf8');
    const base = readTranscriptFile(fixture('source/2019-04-02-chat.markdown')).transcript!;
    const gb = write('gb/2019-04-02-chat.markdown', iconv.encode(utf8, 'gb18030'));
    const u16 = write('u16/2019-04-02-chat.markdown', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(utf8, 'utf16-le')]));
    for (const [file, encoding] of [
      [gb, 'gb18030'],
      [u16, 'utf-16le'],
    ] as const) {
      const { transcript, diagnostics } = readTranscriptFile(file);
      expect(diagnostics).toEqual([]);
      expect(transcript!.encoding).toBe(encoding);
      expect(transcript!.messages).toEqual(base.messages);
    }
  });

  it('uses the format it is told to', () => {
    const file = fixture('merged/2019-06-20-merged.markdown');
    const { transcript } = readTranscriptFile(file, { format: 'cocolian-source' });
    expect(transcript!.format).toBe('cocolian-source');
    expect(transcript!.messages.every((m) => m.timestamp?.startsWith('2019-06-20'))).toBe(true);
  });

  it('reports an unknown format name', () => {
    const file = fixture('source/2019-04-02-chat.markdown');
    const { transcript, diagnostics } = readTranscriptFile(file, { format: 'fax' });
    expect(transcript).toBeNull();
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 1, severity: 'error', message: 'unknown format `fax`' }),
    ]);
    expect(diagnostics[0]!.expected).toContain('cocolian-anon');
  });

  it('reports a missing file', () => {
    const file = join(tmp, 'nope.markdown');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(transcript).toBeNull();
    expect(diagnostics).toEqual([expect.objectContaining({ file, line: 1, severity: 'error', message: 'cannot read file: no such file' })]);
  });

  it('reports a folder given as a file', () => {
    const { transcript, diagnostics } = readTranscriptFile(tmp);
    expect(transcript).toBeNull();
    expect(diagnostics[0]).toMatchObject({ file: tmp, severity: 'error', message: 'cannot read file: is a folder' });
  });

  it('reports an empty file', () => {
    const file = fixture('bad/empty.markdown');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(transcript).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file, line: 1, severity: 'error', message: 'empty file' });
    expect(diagnostics[0]!.expected).toBe('a chat export in a format `chatkb formats` lists');
  });

  it('reports a file of only blank lines as empty', () => {
    const file = write('blank.markdown', '   \n\t\n\n');
    expect(readTranscriptFile(file).diagnostics[0]).toMatchObject({ message: 'empty file' });
  });

  it('reports a binary file', () => {
    const file = write('shot.markdown', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]));
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(transcript).toBeNull();
    expect(diagnostics).toEqual([expect.objectContaining({ file, line: 1, severity: 'error' })]);
    expect(diagnostics[0]!.message).toMatch(/^binary file/);
    expect(diagnostics[0]!.expected).toMatch(/UTF-8/);
  });

  it('reports a file that is not a chat transcript', () => {
    const file = fixture('bad/notes.md');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(transcript).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file, line: 1, severity: 'error' });
    // one short line: the formats and their shapes are `chatkb formats`, not every error's text
    expect(diagnostics[0]).toMatchObject({ message: 'not a chat transcript: no reader recognises it', expected: 'a chat export in a format `chatkb formats` lists' });
  });

  it('reports malformed front matter with its line and returns the messages', () => {
    const file = fixture('bad/2019-04-05-chat.markdown');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(diagnostics[0]).toMatchObject({ file, line: 3, severity: 'error' });
    expect(diagnostics[0]!.expected).toBe('YAML `key: value` lines between two `---` lines');
    expect(transcript!.messages.map((m) => m.raw)).toEqual(['预授权完成的有效期是多久？', '一般30天']);
  });

  it('reports malformed headers with their lines and returns the other messages', () => {
    const file = fixture('bad/2019-04-07-chat.markdown');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(diagnostics.map((d) => [d.file, d.line, d.severity, d.expected])).toEqual([
      [file, 8, 'warning', '`> HH:MM:SS  Speaker`'],
      [file, 14, 'error', '`> HH:MM:SS  Speaker`'],
      [file, 22, 'error', '`> HH:MM:SS  Speaker`'],
    ]);
    expect(transcript!.messages.map((m) => m.time)).toEqual(['15:00:00', '15:02:00', '15:04:00']);
  });

  it('reports a transcript where no header parses, under a forced format', () => {
    const file = write('2019-01-01-chat.markdown', '> 9:3  A\nx\n');
    const { transcript, diagnostics } = readTranscriptFile(file, { format: 'cocolian-source' });
    expect(transcript).toBeNull();
    expect(diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [1, 'error', 'malformed message header'],
      [1, 'error', 'no messages could be read as cocolian-source'],
    ]);
  });

  it('reports a file read with the wrong forced format', () => {
    const { transcript, diagnostics } = readTranscriptFile(fixture('source/2019-04-02-chat.markdown'), { format: 'cocolian-anon' });
    expect(transcript).toBeNull();
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'no messages could be read as cocolian-anon',
    ]);
  });

  it('reads a day with front matter and no messages as an empty transcript, with a warning', () => {
    const file = write('2019-03-05-chat.markdown', '---\nlayout:     source \ntitle:      "2019-03-05-WeChat"\n---\n   \n');
    const { transcript, diagnostics } = readTranscriptFile(file);
    expect(transcript).toMatchObject({ format: 'cocolian-source', date: '2019-03-05', messages: [] });
    expect(diagnostics).toEqual([expect.objectContaining({ file, line: 1, severity: 'warning', message: 'no messages found as cocolian-source' })]);
  });
});

describe('expandInputs', () => {
  const root = join(tmp, 'tree');
  for (const f of [
    'b/2019-01-02-chat.markdown',
    'a/2019-01-01-chat.md',
    'a/README.md',
    'SOURCES.md',
    'z.txt',
    'export.json',
    'log/irc.log',
    'table.csv',
    'image.png',
    '.hidden/secret.md',
    'node_modules/pkg/readme2.md',
    'a/.git/x.md',
  ]) {
    write(join('tree', f), 'x');
  }

  it('walks folders for transcript files, sorted, skipping READMEs, dot-folders and node_modules', () => {
    const { files, diagnostics } = expandInputs([root]);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => relative(root, f))).toEqual([
      'a/2019-01-01-chat.md',
      'b/2019-01-02-chat.markdown',
      'export.json',
      'log/irc.log',
      'table.csv',
      'z.txt',
    ]);
    expect(files.every((f) => f.startsWith(root + '/'))).toBe(true);
  });

  it('keeps the paths as given: files untouched, folders joined as written', () => {
    const rel = relative(process.cwd(), FIXTURES + 'merged');
    const image = join(root, 'image.png');
    const { files } = expandInputs([image, `./${rel}`, `${rel}/`]);
    expect(files).toEqual([
      image,
      `./${rel}/2019-05-03-merged.markdown`,
      `./${rel}/2019-06-20-merged.markdown`,
      `${rel}/2019-05-03-merged.markdown`,
      `${rel}/2019-06-20-merged.markdown`,
    ]);
  });

  it('lists a file once when it is given twice', () => {
    const f = join(root, 'z.txt');
    expect(expandInputs([f, f]).files).toEqual([f]);
  });

  it('reports a missing path and an empty folder, and keeps going', () => {
    const missing = join(tmp, 'missing');
    const empty = join(tmp, 'empty-folder');
    mkdirSync(empty, { recursive: true });
    const { files, diagnostics } = expandInputs([missing, empty, join(root, 'z.txt')]);
    expect(files).toEqual([join(root, 'z.txt')]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: missing, line: 1, severity: 'error', message: 'no such file or folder' }),
      expect.objectContaining({ file: empty, line: 1, severity: 'warning', message: 'no transcript files in folder' }),
    ]);
  });
});
