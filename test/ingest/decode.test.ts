import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, IngestError } from '../../src/ingest/decode.js';
import { fixture } from './helpers.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const SAMPLE = '> 09:01:05  林小雨-某某支付-产品-杭州  \n   \n请问分账是实时到账吗？\n';

describe('decode', () => {
  it('reads plain UTF-8', () => {
    const out = decode(Buffer.from(SAMPLE, 'utf8'), 'a.md');
    expect(out).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    const out = decode(bytes, 'a.md');
    expect(out.text).toBe(SAMPLE);
    expect(out.encoding).toBe('utf-8');
  });

  it('reads UTF-16 LE and BE with a byte order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, 'utf16-le')]);
    expect(decode(le, 'a.md')).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf16-be')]);
    expect(decode(be, 'a.md')).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(SAMPLE, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decode(bytes, 'a.md')).toEqual({ text: SAMPLE, encoding: 'gb18030' });
  });

  it('reads GBK bytes (a subset of GB18030)', () => {
    const bytes = iconv.encode('备付金集中存管', 'gbk');
    expect(decode(bytes, 'a.md')).toEqual({ text: '备付金集中存管', encoding: 'gb18030' });
  });

  it('keeps UTF-8 with one broken byte sequence, counting the replacement', () => {
    const good = Buffer.from('清算和清分的区别是什么？'.repeat(20), 'utf8');
    const bytes = Buffer.concat([good, Buffer.from([0xe4, 0xb8]), Buffer.from('\n', 'utf8')]);
    const out = decode(bytes, 'a.md');
    expect(out.encoding).toBe('utf-8');
    expect(out.replaced).toBe(1);
    expect(out.text.startsWith('清算和清分的区别是什么？')).toBe(true);
  });

  it('normalises CRLF and lone CR to LF', () => {
    const out = decode(Buffer.from('a\r\nb\rc\n\r\nd', 'utf8'), 'a.md');
    expect(out.text).toBe('a\nb\nc\n\nd');
  });

  it('normalises the CRLF fixture without changing its line count', () => {
    const bytes = readFileSync(fixture('source/2019-04-03-chat.markdown'));
    const crlf = bytes.toString('utf8').split('\r\n').length;
    const out = decode(bytes, 'x');
    expect(out.text).not.toContain('\r');
    expect(out.text.split('\n').length).toBe(crlf);
  });

  it('rejects bytes with NUL and no UTF-16 byte order mark as binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    try {
      decode(png, 'pic.markdown');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
      const err = e as IngestError;
      expect(err.file).toBe('pic.markdown');
      expect(err.line).toBe(1);
      expect(err.message).toMatch(/binary/);
      expect(err.expected).toMatch(/text file/);
    }
  });

  it('reads UTF-16 without a byte order mark, as some Windows tools write it', () => {
    const text = readFileSync(join(PACKAGE_ROOT, 'transcripts', '2024-03-11-chat.markdown'), 'utf8');
    expect(decode(Buffer.from(text, 'utf16le'), 'x.markdown')).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decode(be, 'x.markdown')).toEqual({ text, encoding: 'utf-16be' });
  });

  it('drops a few stray NUL bytes from a text file and counts them', () => {
    const bytes = Buffer.concat([Buffer.from('> 09:30:42  林小雨  \n\n请问退款都是原路退回吗？'.repeat(20)), Buffer.from([0]), Buffer.from('\n')]);
    const out = decode(bytes, 'x.txt');
    expect(out.nuls).toBe(1);
    expect(out.text).not.toContain('\u0000');
    expect(out.encoding).toBe('utf-8');
  });

  it('rejects mostly control characters as binary', () => {
    const bytes = Buffer.alloc(200);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 2 ? 0x01 : 0x41;
    expect(() => decode(bytes, 'x.log')).toThrow(/binary/);
  });

  it('rejects bytes that are neither UTF-8 nor GB18030', () => {
    const bytes = Buffer.alloc(100, 0xff);
    expect(() => decode(bytes, 'x.txt')).toThrow(/neither UTF-8 nor GB18030/);
  });

  it('decodes an empty file to empty text', () => {
    expect(decode(new Uint8Array(0), 'e.md')).toEqual({ text: '', encoding: 'utf-8' });
  });
});
