/**
 * Bytes → text. Transcripts arrive as UTF-8 (with or without BOM), UTF-16 (with a BOM, or
 * without one, told by its NUL bytes),
 * or GB18030/GBK from older Chinese Windows tools. Line ends are normalised to LF so
 * every reader counts lines the same way.
 */
import iconv from 'iconv-lite';
import { IngestError } from './errors.js';

export { IngestError } from './errors.js';

export interface Decoded {
  text: string;
  /** `utf-8`, `utf-16le`, `utf-16be` or `gb18030`. */
  encoding: string;
  /** Invalid UTF-8 sequences replaced by U+FFFD (only set when a few were tolerated). */
  replaced?: number;
  /** Stray NUL bytes dropped (only set when a few were: a text file some tool padded). */
  nuls?: number;
}

/** How much of the file the binary sniffing looks at. */
const SNIFF_BYTES = 64 * 1024;
/** Share of control bytes above which a file is treated as binary. */
const CONTROL_RATIO = 0.1;
/**
 * Invalid UTF-8 sequences tolerated per valid non-ASCII character: a UTF-8 file with a
 * few broken bytes (a truncated emoji) should stay UTF-8, while GBK text read as UTF-8
 * is invalid almost everywhere.
 */
const UTF8_TOLERANCE = 0.01;

const EXPECTED_TEXT = 'a text file (UTF-8, UTF-16 with BOM, or GB18030)';

/** Share of NUL bytes up to which they are strays in a text file, not a sign of binary. */
const STRAY_NULS = 0.001;
/** Share of the even (or odd) bytes that are NUL from which the text is UTF-16 without its byte order mark. */
const UTF16_NULS = 0.2;

export function decode(bytes: Uint8Array, file: string): Decoded {
  const { text, encoding, replaced, nuls } = decodeRaw(bytes, file);
  const lf = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  const clean = lf.charCodeAt(0) === 0xfeff ? lf.slice(1) : lf;
  return { text: clean, encoding, ...(replaced ? { replaced } : {}), ...(nuls ? { nuls } : {}) };
}

/** UTF-16 without a byte order mark shows as NUL in every other byte (ASCII and most punctuation). */
function utf16WithoutBom(buf: Buffer): 'utf16-le' | 'utf16-be' | null {
  const n = Math.min(buf.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd / half >= UTF16_NULS && even / half < 0.05) return 'utf16-le';
  if (even / half >= UTF16_NULS && odd / half < 0.05) return 'utf16-be';
  return null;
}

function decodeRaw(bytes: Uint8Array, file: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf16-le'), encoding: 'utf-16le' };
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), 'utf16-be'), encoding: 'utf-16be' };
  }
  if (buf.indexOf(0) !== -1) {
    const utf16 = utf16WithoutBom(buf);
    if (utf16) return { text: iconv.decode(buf, utf16), encoding: utf16 === 'utf16-le' ? 'utf-16le' : 'utf-16be' };
    let nuls = 0;
    for (const b of buf) if (b === 0) nuls++;
    if (nuls > buf.length * STRAY_NULS) throw new IngestError(file, 1, 'binary file (NUL bytes and no UTF-16 byte order mark)', EXPECTED_TEXT);
    return { ...decodeRaw(Buffer.from(buf.filter((b) => b !== 0)), file), nuls };
  }
  if (controlRatio(buf) > CONTROL_RATIO) {
    throw new IngestError(file, 1, 'binary file (mostly control characters)', EXPECTED_TEXT);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // not valid UTF-8: decide between "UTF-8 with a few broken bytes" and a legacy encoding
  }
  const lossy = new TextDecoder('utf-8').decode(buf);
  const { replaced, nonAscii } = countUtf8(lossy);
  if (nonAscii > 0 && replaced <= nonAscii * UTF8_TOLERANCE) {
    return { text: lossy, encoding: 'utf-8', replaced };
  }
  const text = iconv.decode(buf, 'gb18030');
  const bad = countReplacement(text);
  if (bad > Math.max(2, text.length * 0.02)) {
    throw new IngestError(file, 1, 'cannot decode: bytes are neither UTF-8 nor GB18030', EXPECTED_TEXT);
  }
  return { text, encoding: 'gb18030' };
}

function controlRatio(buf: Buffer): number {
  const n = Math.min(buf.length, SNIFF_BYTES);
  if (n === 0) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    // tab, LF, VT, FF, CR and ESC (ANSI colour in logs) are ordinary in text files
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) {
      control++;
    }
  }
  return control / n;
}

function countUtf8(text: string): { replaced: number; nonAscii: number } {
  let replaced = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c > 0x7f) nonAscii++;
  }
  return { replaced, nonAscii };
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}
