/**
 * RFC 4180 CSV as Python's `csv.writer` writes it: `,` between fields, a field quoted when it
 * holds a comma, a quote or a line break, `""` for a quote inside quotes. Written here rather
 * than taken from npm because the readers need the physical line each record starts on and a
 * broken record must not swallow the rest of the file.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

export interface CsvProblem {
  line: number;
  message: string;
  expected: string;
}

/** Records of LF-separated CSV text; blank lines are skipped. */
export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const startOffset = i;
    const fields: string[] = [];
    let field = '';
    let broken = false;
    for (;;) {
      if (i < n && text[i] === '"' && field === '') {
        // quoted field
        const quoteLine = line;
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const c = text[j]!;
          if (c === '"') {
            if (text[j + 1] === '"') {
              field += '"';
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          j++;
        }
        if (!closed) {
          problems.push({
            line: quoteLine,
            message: 'unterminated quoted field: no closing `"` before the end of the file',
            expected: 'a field `"…"` closed by a `"` (a `"` inside written as `""`)',
          });
          broken = true;
          // read on from the line after the one the record started on
          const next = text.indexOf('\n', startOffset);
          i = next === -1 ? n : next + 1;
          line = startLine + 1;
          break;
        }
        i = j;
        if (i < n && text[i] !== ',' && text[i] !== '\n') {
          problems.push({ line, message: 'text after a closing quote', expected: 'a `,` or the end of the line after a quoted field' });
          while (i < n && text[i] !== ',' && text[i] !== '\n') field += text[i++];
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n') field += text[i++];
      }
      fields.push(field);
      field = '';
      if (i >= n) break;
      if (text[i] === ',') {
        i++;
        continue;
      }
      // end of the record
      i++;
      line++;
      break;
    }
    if (broken) continue;
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ fields, line: startLine });
  }
  return { records, problems };
}
