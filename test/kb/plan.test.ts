import { describe, expect, it } from 'vitest';
import { renderFaqEntry } from '../../src/emit/faq.js';
import type { Candidate } from '../../src/kb/entries.js';
import { planFaq } from '../../src/kb/plan.js';
import { parseEntryFile, type ExistingEntry } from '../../src/kb/state.js';
import { candidate } from './factory.js';

const refund = candidate({ date: '2024-03-11', question: '用户申请退款，都是原路退回吗？银行卡注销了怎么办？' });
const settle = candidate({ date: '2024-03-12', question: 'T+1 结算的 T 是交易日还是自然日？', topic: 'clearing-settlement', line: 20 });
const refundAgain = candidate({ date: '2024-03-18', question: '用户申请退款都是原路退回吗？银行卡注销了怎么办', line: 5 });

/** What a previous build wrote for a group (or an editor's version of it). */
function fileOf(group: Candidate[], edit: (s: string) => string = (s) => s, folder = group[0]!.topic): ExistingEntry {
  const c = group[0]!;
  const { content } = renderFaqEntry({ id: c.id, topic: c.topic, tags: c.tags, score: c.score, rules: c.rules, sources: group.map((g) => g.source) });
  return parseEntryFile(edit(content), `faq/${folder}/${c.id}.md`, folder).entry;
}

describe('state of an entry file', () => {
  it('reads id, status, topic, question and whether chatkb wrote it as it is', () => {
    const e = fileOf([refund]);
    expect(e).toMatchObject({ id: refund.id, status: 'draft', topic: 'refunds', question: refund.source.question, intact: true, tags: ['原路退回'] });
    expect(e.sources).toEqual([{ transcript: 'transcripts/2024-03-11-chat.markdown', date: '2024-03-11', times: ['10:00:00', '10:01:00'] }]);
    expect(fileOf([refund], (s) => s.replace('T+1 到账', 'T+1 到账。')).intact).toBe(false);
    expect(fileOf([refund], (s) => s.replace('status: draft', 'status: approved'))).toMatchObject({ status: 'approved', intact: false });
  });
  it('keeps a file it cannot read as the editor\'s', () => {
    const { entry, diagnostics } = parseEntryFile('---\nid: [unclosed\n---\n# 问题\n', 'faq/refunds/x.md', 'refunds');
    expect(entry).toMatchObject({ id: 'x', status: 'draft', intact: false, question: '问题' });
    expect(diagnostics[0]!.message).toMatch(/not valid YAML/);
  });
});

describe('planFaq', () => {
  it('proposes new entries as drafts, one file each, and indexes them', () => {
    const plan = planFaq([[refund], [settle]], []);
    expect(plan.files.map((f) => f.path)).toEqual([`faq/refunds/${refund.id}.md`, `faq/clearing-settlement/${settle.id}.md`]);
    expect(plan.index.entries.map((e) => [e.id, e.status, e.action])).toEqual([
      [refund.id, 'draft', 'new'],
      [settle.id, 'draft', 'new'],
    ]);
    expect(plan.removals).toEqual([]);
  });

  it('leaves an untouched draft unchanged, and updates it when its exchange changed', () => {
    const before = fileOf([refund]);
    expect(planFaq([[refund]], [before]).index.entries[0]!.action).toBe('unchanged');
    const changed = { ...refund, source: { ...refund.source, answers: [{ ...refund.source.answers[0]!, text: '原路退回，失败再走非原路退款' }] } };
    const plan = planFaq([[changed]], [before]);
    expect(plan.index.entries[0]!.action).toBe('updated');
    expect(plan.files[0]!.path).toBe(before.path);
    expect(plan.files[0]!.content).toContain('失败再走非原路退款');
  });

  for (const status of ['reviewed', 'approved', 'rejected']) {
    it(`never rewrites a ${status} entry and proposes nothing new for its question`, () => {
      const mine = fileOf([refund], (s) => s.replace('status: draft', `status: ${status}`));
      const plan = planFaq([[refund, refundAgain]], [mine]);
      expect(plan.files).toEqual([]);
      expect(plan.removals).toEqual([]);
      expect(plan.index.entries).toEqual([expect.objectContaining({ id: refund.id, status, action: 'kept', path: mine.path, note: 'asked again in 1 more source not in the file' })]);
    });
  }

  it('never rewrites a draft an editor changed', () => {
    const edited = fileOf([refund], (s) => s.replace('# 用户申请退款', '# 退款'));
    const plan = planFaq([[refund]], [edited]);
    expect(plan.files).toEqual([]);
    expect(plan.index.entries[0]).toMatchObject({ status: 'draft', action: 'kept', question: '退款，都是原路退回吗？银行卡注销了怎么办？', note: 'edited by hand' });
  });

  it('keeps an entry whose exchange is gone and lists it as orphaned', () => {
    const gone = fileOf([settle]);
    const approvedGone = fileOf([refund], (s) => s.replace('status: draft', 'status: approved'));
    const plan = planFaq([], [gone, approvedGone]);
    expect(plan.files).toEqual([]);
    expect(plan.removals).toEqual([]);
    expect(plan.index.entries.map((e) => [e.id, e.status, e.action, e.note])).toEqual([
      [refund.id, 'orphaned', 'orphaned', 'status approved'],
      [settle.id, 'orphaned', 'orphaned', 'status draft'],
    ]);
  });

  it('moves an untouched draft whose topic changed (the old file goes), but never an edited one', () => {
    const elsewhere = fileOf([refund], (s) => s, 'general');
    const plan = planFaq([[refund]], [elsewhere]);
    expect(plan.files.map((f) => f.path)).toEqual([`faq/refunds/${refund.id}.md`]);
    expect(plan.removals).toEqual([`faq/general/${refund.id}.md`]);
    const edited = fileOf([refund], (s) => s.replace('T+1 到账', 'T+1 到账（已核实）'), 'general');
    expect(planFaq([[refund]], [edited])).toMatchObject({ files: [], removals: [] });
  });

  it('names a merged group after the entry editors worked on, even when another day asked first', () => {
    const approvedLater = fileOf([refundAgain], (s) => s.replace('status: draft', 'status: approved'));
    const plan = planFaq([[refund, refundAgain]], [approvedLater]);
    expect(plan.files).toEqual([]);
    expect(plan.index.entries).toEqual([expect.objectContaining({ id: refundAgain.id, action: 'kept' })]);
  });

  it('a group of two drafts from earlier builds keeps one and removes the other untouched draft', () => {
    const a = fileOf([refund]);
    const b = fileOf([refundAgain]);
    const plan = planFaq([[refund, refundAgain]], [a, b]);
    expect(plan.files.map((f) => f.path)).toEqual([a.path]);
    expect(plan.files[0]!.content).toContain('transcripts/2024-03-18-chat.markdown');
    expect(plan.removals).toEqual([b.path]);
  });

  it('lists a second file with an id already used as orphaned, never touching either', () => {
    const a = fileOf([refund], (s) => s.replace('status: draft', 'status: approved'));
    const copy = { ...a, path: `faq/general/${refund.id}.md` };
    const plan = planFaq([[refund]], [a, copy]);
    expect(plan.files).toEqual([]);
    expect(plan.index.entries.find((e) => e.path === copy.path)).toMatchObject({ status: 'orphaned', note: expect.stringContaining('another file has id') });
  });
});
