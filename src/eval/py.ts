/**
 * The few Python behaviours the reference scorers (shared/eval/tools/*.py) rely on, so that
 * `chatkb eval` prints the very same numbers: Python's truthiness, `str()`, `str.strip()`,
 * `str.casefold()`, `posixpath` path handling, `sorted()` order of strings, `'%.3f'`
 * rounding, and the Unicode meaning of `\s`, `\d`, `\w` and `.` in Python's `re`.
 */

/** Python's `re` `\s` on str: the characters for which `str.isspace()` holds (JS `\s` differs: it has U+FEFF, lacks U+001C–U+001F and U+0085). */
export const PY_SPACE = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
/** Python's `\d` on str is any Unicode decimal digit. */
export const PY_DIGIT = '\\p{Nd}';
/** Python's `\w` on str: letters, numbers of any kind, underscore (no combining marks). */
export const PY_WORD = '[\\p{L}\\p{N}_]';
/** Python's `.`: anything but `\n` (JS `.` also stops at `\r`, U+2028, U+2029). */
export const PY_ANY = '[^\\n]';

const STRIP_START = new RegExp(`^${PY_SPACE}+`, 'u');
const STRIP_END = new RegExp(`${PY_SPACE}+$`, 'u');

/** `str.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(STRIP_START, '').replace(STRIP_END, '');
}

/** Python truthiness of a JSON value. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true; // non-zero numbers (NaN included, as in Python), non-empty strings, true
}

/** `str(v)` for a JSON value (close enough for the scalars the scorers meet). */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

/** Slice by code points, as Python indexes str (`s[start:end]`, negative start allowed). */
export function cpSlice(s: string, start: number, end?: number): string {
  // Cheap path: no surrogates, so UTF-16 units are code points.
  if (!/[\ud800-\udfff]/.test(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join('');
}

/** Length in code points (`len(s)`). */
export function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---------------------------------------------------------------- casefold

const foldCache = new Map<string, string>();

/**
 * `str.casefold()`. JS has no casefold; upper-then-lower per code point gives the full
 * folding (ß→ss, ς→σ, ſ→s, ﬀ→ff, ᾳ→αι …) except for three cases handled here:
 * Cherokee folds to upper case, ẞ to "ss", and dotless ı stays ı.
 */
export function casefold(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out += cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : ch;
      continue;
    }
    let f = foldCache.get(ch);
    if (f === undefined) {
      if (cp === 0x131) f = ch;
      else if (cp === 0x1e9e) f = 'ss';
      else {
        const up = ch.toUpperCase();
        f = /^[\u13a0-\u13f5]$/.test(up) ? up : up.toLowerCase();
      }
      foldCache.set(ch, f);
    }
    out += f;
  }
  return out;
}

/** score.py's `norm_term`: NFKC, then casefold, then strip. */
export function normTerm(t: string): string {
  return pyStrip(casefold(t.normalize('NFKC')));
}

// ---------------------------------------------------------------- ordering

/** Python's `<` on str: by code point (JS `<` compares UTF-16 units, which differs past U+FFFF). */
export function pyCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

// ---------------------------------------------------------------- posixpath

/** `posixpath.normpath`. */
export function normpath(path: string): string {
  if (!path) return '.';
  let initial = path.startsWith('/') ? 1 : 0;
  if (initial && path.startsWith('//') && !path.startsWith('///')) initial = 2;
  const comps: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initial && comps.length === 0) || (comps.length > 0 && comps[comps.length - 1] === '..')) {
      comps.push(comp);
    } else if (comps.length > 0) {
      comps.pop();
    }
  }
  const out = '/'.repeat(initial) + comps.join('/');
  return out || '.';
}

/** `posixpath.join`: an absolute part restarts the path. */
export function pyJoin(first: string, ...rest: string[]): string {
  let path = first;
  for (const b of rest) {
    if (b.startsWith('/')) path = b;
    else if (!path || path.endsWith('/')) path += b;
    else path += '/' + b;
  }
  return path;
}

/** `posixpath.abspath`, against an explicit working directory. */
export function abspath(path: string, cwd: string): string {
  return normpath(path.startsWith('/') ? path : pyJoin(cwd, path));
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function dirname(p: string): string {
  let head = p.slice(0, p.lastIndexOf('/') + 1);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return head;
}

// ---------------------------------------------------------------- files

/**
 * Read a text file the way `open(path, encoding="utf-8", errors="replace").read()` does:
 * bad bytes become U+FFFD, a BOM is kept, and `\r\n` / `\r` become `\n` (universal newlines).
 */
export function decodeUniversal(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes).replace(/\r\n?/g, '\n');
}

// ---------------------------------------------------------------- numbers

/** `format(x, '.Nf')`: exact decimal value of the double, rounded half to even (JS `toFixed` rounds ties up). */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const [mant, exp] = decompose(Math.abs(x));
  const scale = 10n ** BigInt(digits);
  let n: bigint;
  if (exp >= 0) {
    n = (mant << BigInt(exp)) * scale;
  } else {
    const num = mant * scale;
    const den = 1n << BigInt(-exp);
    n = num / den;
    const twice = 2n * (num % den);
    if (twice > den || (twice === den && n % 2n === 1n)) n += 1n;
  }
  let s = n.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return (negative ? '-' : '') + s;
}

/** x = mantissa · 2^exponent, exactly, for finite x ≥ 0. */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (expBits === 0) return [frac, -1074];
  return [frac | (1n << 52n), expBits - 1075];
}

/** `repr()` of a float, as score.py prints its `--min-*` bars (an integer-valued float keeps `.0`). */
export function pyFloatRepr(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  return String(x);
}
