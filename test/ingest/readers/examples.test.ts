import { describe, expect, it } from 'vitest';
import { DETECT_THRESHOLD, detectFormat, readers, readTranscriptText } from '../../../src/ingest/index.js';
import { EXAMPLES } from '../../../src/ingest/readers/examples.js';

describe('the example of each format (`chatkb formats`)', () => {
  it('exists for every reader', () => {
    expect(readers.map((r) => r.format).filter((f) => !EXAMPLES[f])).toEqual([]);
  });

  it.each(readers.map((r) => [r.format] as const))('%s: detected as its format, by no other, and read without a problem', (format) => {
    const { file, text } = EXAMPLES[format]!;
    expect(detectFormat(text, file)?.format).toBe(format);
    const others = readers.filter((r) => r.format !== format && r.detect(text, file) >= DETECT_THRESHOLD).map((r) => r.format);
    expect(others).toEqual([]);
    const read = readTranscriptText(text, file);
    expect(read.diagnostics).toEqual([]);
    expect(read.transcripts.flatMap((t) => t.messages).length).toBeGreaterThanOrEqual(2);
  });
});
