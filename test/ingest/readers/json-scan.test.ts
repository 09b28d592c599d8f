import { describe, expect, it } from 'vitest';
import { parseSlice, readJsonRecords, scanTop } from '../../../src/ingest/readers/json-scan.js';

const lines = (r: ReturnType<typeof readJsonRecords>) => r.records.map((x) => x.line);

describe('readJsonRecords', () => {
  it('gives the line each element of a top-level array starts on, pretty-printed or not', () => {
    const pretty = '[\n  {\n    "a": 1\n  },\n  {"a": 2},\n\n  {\n    "a": "}{][\\""\n  }\n]\n';
    const r = readJsonRecords(pretty, 'p.json', null, 'x');
    expect(r.diagnostics).toEqual([]);
    expect(lines(r)).toEqual([2, 5, 7]);
    expect(r.records[2]!.value).toEqual({ a: '}{]["' });
    const oneLine = readJsonRecords('[{"a":1},{"a":2},{"a":3}]', 'o.json', null, 'x');
    expect(lines(oneLine)).toEqual([1, 1, 1]);
    expect(oneLine.records.map((x) => x.value['a'])).toEqual([1, 2, 3]);
  });

  it('finds the array under a member of a top-level object and keeps the other members', () => {
    const text = '{\n "name": "chat",\n "messages": [\n  {"id": 1},\n  {"id": 2}\n ],\n "count": 2\n}';
    const r = readJsonRecords(text, 'c.json', 'messages', 'x');
    expect(r.found).toBe(true);
    expect(lines(r)).toEqual([4, 5]);
    expect(r.members.map((m) => m.key)).toEqual(['name', 'messages', 'count']);
  });

  it('reports a malformed element at its line and reads the others', () => {
    const text = '[\n {"a": 1},\n {"a": 2\n  "b": 3},\n {"a": [1, 2\n },\n {"a": 4}\n]';
    const r = readJsonRecords(text, 'bad.json', null, 'an object');
    expect(r.records.map((x) => x.value['a'])).toEqual([1, 4]);
    expect(lines(r)).toEqual([2, 7]);
    expect(r.diagnostics).toHaveLength(2);
    expect(r.diagnostics[0]).toMatchObject({ file: 'bad.json', line: 4, severity: 'error', expected: 'an object' });
    expect(r.diagnostics[0]!.message).toMatch(/^message 2 \(from line 3\) is not valid JSON/);
    expect(r.diagnostics[1]!.message).toMatch(/^message 3 \(from line 5\) is not valid JSON/);
  });

  it('reads the complete messages of a truncated export and reports the cut', () => {
    const r = readJsonRecords('{"messages": [\n {"id": 1},\n {"id": 2, "text": "cut sho', 't.json', 'messages', 'x');
    expect(r.records.map((x) => x.value['id'])).toEqual([1]);
    expect(r.diagnostics.map((d) => d.line)).toContain(3);
    expect(r.diagnostics.some((d) => /unterminated array/.test(d.message))).toBe(true);
  });

  it('says what it expected when the shape is wrong', () => {
    expect(readJsonRecords('{"a": 1}', 'x.json', null, 'an array').diagnostics[0]!.message).toMatch(/object, not an array/);
    expect(readJsonRecords('[1]', 'x.json', 'messages', 'an export').diagnostics[0]!.message).toMatch(/array, not an export object/);
    expect(readJsonRecords('{"messages": {}}', 'x.json', 'messages', 'e').diagnostics[0]!.message).toBe('`messages` is not an array');
    expect(readJsonRecords('hello', 'x.json', null, 'e').diagnostics[0]!.message).toBe('not JSON');
    const notObject = readJsonRecords('[\n{"a": 1},\n"text"\n]', 'x.json', null, 'e');
    expect(notObject.diagnostics).toEqual([expect.objectContaining({ line: 3, message: 'message 2 is not a JSON object' })]);
  });
});

describe('scanTop and parseSlice', () => {
  it('skips strings with brackets and escaped quotes', () => {
    const scan = scanTop('{"k": "a ] } \\" [", "m": [1]}');
    expect(scan.kind).toBe('object');
    if (scan.kind === 'object') expect(scan.members.map((m) => m.key)).toEqual(['k', 'm']);
  });

  it('reports a syntax error at its offset in the whole text', () => {
    const text = 'xxxx{"a": 1 "b": 2}';
    const r = parseSlice(text, { start: 4, end: text.length });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.offset).toBe(4 + 8); // the `"` of `"b"`
  });
});
