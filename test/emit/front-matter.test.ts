// The entry front matter is one contract: what the writer emits, the reader reads back,
// field for field, and an editor's slip costs only the field it is in.
import { describe, expect, it } from 'vitest';
import { readFrontMatter, writeFrontMatter, type EntryFrontMatter } from '../../src/emit/front-matter.js';
import { parseEntryFile } from '../../src/kb/state.js';

const fields: EntryFrontMatter = {
  id: '2024-05-07-chat-m12',
  status: 'draft',
  topic: 'refunds',
  tags: ['原路退回', '退款'],
  sources: [{ transcript: 'transcripts/2024-05-07-chat.markdown', date: '2024-05-07', lines: [40, 44], times: ['10:02:11', '10:04:30'] }],
  score: 0.85,
  rules: ['answer/scored', 'question/mark-end'],
  generated: '0123456789abcdef',
};
const file = (front: string, body = '# 退款能退到余额吗？\n') => `---\n${front}\n---\n\n${body}`;

describe('entry front matter', () => {
  it('reads back exactly what the writer wrote', () => {
    const text = writeFrontMatter(fields);
    expect(text).toContain("date: '2024-05-07'");
    expect(text).toContain('tags: [原路退回, 退款]');
    expect(readFrontMatter(file(text))).toEqual({ fields, problems: [] });
  });

  it('refuses to write fields that break the schema', () => {
    expect(() => writeFrontMatter({ ...fields, score: 3 })).toThrow(/score/);
    expect(() => writeFrontMatter({ ...fields, sources: [] })).toThrow(/sources/);
  });

  it('drops only the field an editor broke, and says which', () => {
    const text = writeFrontMatter(fields).replace('status: draft', 'status: [approved]');
    const read = readFrontMatter(file(text));
    expect(read.fields.status).toBeUndefined();
    expect(read.fields.topic).toBe('refunds');
    expect(read.problems).toEqual([{ message: expect.stringMatching(/^front matter field `status`: .*ignored$/), whole: false }]);
    const { entry, diagnostics } = parseEntryFile(file(text), 'faq/refunds/x.md', 'refunds');
    expect(entry.status).toBe('draft');
    expect(diagnostics).toEqual([expect.objectContaining({ source: 'kb', severity: 'warning', file: 'faq/refunds/x.md' })]);
  });

  it('takes what editors and site generators add, and YAML 1.1 habits, in its stride', () => {
    const text = 'id: a-m1\nstatus: approved\ntopic: refunds\ntitle: 我的标题\nweight: 3\nsources:\n  - transcript: t/2024-05-07-chat.markdown\n    date: 2024-05-07\n';
    const read = readFrontMatter(file(text));
    expect(read.problems).toEqual([]);
    expect(read.fields).toEqual({
      id: 'a-m1',
      status: 'approved',
      topic: 'refunds',
      title: '我的标题',
      sources: [{ transcript: 't/2024-05-07-chat.markdown', date: '2024-05-07', lines: [], times: [] }],
    });
  });

  it('keeps a file it cannot read as the editor’s, with one warning', () => {
    const { entry, diagnostics } = parseEntryFile('# 只有标题\n', 'faq/refunds/y.md', 'refunds');
    expect(entry).toMatchObject({ id: 'y', status: 'draft', topic: 'refunds', intact: false });
    expect(diagnostics.map((d) => d.message)).toEqual(['entry has no front matter; kept as it is']);
  });
});
