import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/ingest/readers/csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes, with each record’s first line', () => {
    const text = 'a,b,c\n1,"x, y","multi\nline"\n\n2,"say ""hi""",\n3,,"end"';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, y', 'multi\nline'], line: 2 },
      { fields: ['2', 'say "hi"', ''], line: 5 },
      { fields: ['3', '', 'end'], line: 6 },
    ]);
  });

  it('reports an unterminated quote and reads on from the next line', () => {
    const { records, problems } = parseCsv('h1,h2\n1,"never closed\n2,ok\n3,fine\n');
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/unterminated quoted field/) })]);
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [3, '2'],
      [4, '3'],
    ]);
  });

  it('reports text after a closing quote and keeps it', () => {
    const { records, problems } = parseCsv('"ab"c,d\n');
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: 'text after a closing quote' })]);
    expect(records[0]!.fields).toEqual(['abc', 'd']);
  });
});
