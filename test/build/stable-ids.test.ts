/**
 * Entry ids and file names hold still while the chat and the inputs around an entry
 * change (issue 15): messages inserted above it, another group's folder added to the
 * build, the position-based ids of earlier builds migrated, and an editor's entry
 * flagged, not silently kept, when its conversation gains answers.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadConfig } from '../../src/kb/config.js';
import { isStableId } from '../../src/kb/ids.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { chat, PEOPLE, removeTemps, resources, RULES_DIR, snapshot, tempDir, writeFiles, type Line } from './helpers.js';

afterAll(removeTemps);

const config = loadConfig(undefined, PACKAGE_ROOT).config;
const run = (inputs: string[], out: string) => build({ inputs, out, config, rulesDir: RULES_DIR, extras: [] }, resources());
const entries = (out: string) => Object.keys(snapshot(join(out, 'faq'))).filter((p) => !p.endsWith('README.md')).sort();

const refundDay: Line[] = [
  ['09:30:42', PEOPLE.asker, '请问，用户申请退款都是原路退回吗？银行卡已经注销了怎么办？'],
  ['09:33:15', PEOPLE.bank, '原路退回失败的话，发卡行会挂账；平台也可以核实身份后走非原路退款，退到新绑的卡。'],
  ['10:12:25', PEOPLE.asker, '资金的入账和出账，英文报表里一般怎么写？'],
  ['10:14:10', PEOPLE.bank, '一般写 inflow 和 outflow，记账时再看科目是 debit 还是 credit。'],
];
const otherGroup: Line[] = [
  ['14:02:00', PEOPLE.asker, '请教一下，T+1 结算的 T 是交易日还是自然日？'],
  ['14:05:30', PEOPLE.bank, '一般按交易日算，节假日顺延到下一个工作日。'],
];

function setup(): { dir: string; out: string } {
  const dir = tempDir();
  writeFiles(dir, {
    'payments/2024-03-11-chat.markdown': chat('2024-03-11', refundDay),
    'settlement/2024-03-12-chat.markdown': chat('2024-03-12', otherGroup),
  });
  return { dir, out: join(dir, 'output') };
}

describe('stable entry ids', () => {
  it('are group, day and question hash; no message inserted above the question renames a file', () => {
    const { dir, out } = setup();
    run([join(dir, 'payments')], out);
    const before = entries(out);
    expect(before.length).toBeGreaterThanOrEqual(2);
    for (const p of before) expect(p).toMatch(/\/payments-2024-03-11-[0-9a-f]{8}\.md$/);

    const approved = join(out, 'faq', before[0]!);
    writeFileSync(approved, readFileSync(approved, 'utf8').replace('status: draft', 'status: approved'));
    writeFiles(dir, {
      'payments/2024-03-11-chat.markdown': chat('2024-03-11', [['08:55:00', PEOPLE.bank, '早上好，签到'], ['08:56:00', PEOPLE.asker, '[强]'], ...refundDay]),
    });
    const again = run([join(dir, 'payments')], out);
    expect(entries(out)).toEqual(before);
    expect(again.summary).toMatchObject({ new: 0, orphaned: 0, kept: 1 });
  });

  it('adding a second group folder to the input renames no existing entry', () => {
    const { dir, out } = setup();
    run([join(dir, 'payments')], out);
    const before = entries(out);
    const both = run([join(dir, 'payments'), join(dir, 'settlement')], out);
    const after = entries(out);
    for (const p of before) expect(after).toContain(p);
    expect(after.filter((p) => p.includes('/settlement-2024-03-12-'))).toHaveLength(1);
    expect(both.summary.orphaned).toBe(0);
  });

  it('migrates position-based ids: a draft is rewritten under its new id, an approved entry moves with every edit kept', () => {
    const { dir, out } = setup();
    run([join(dir, 'payments')], out);
    const paths = entries(out).map((p) => join(out, 'faq', p));
    const draftPath = paths.find((p) => readFileSync(p, 'utf8').includes('原路退回吗'));
    const approvedPath = paths.find((p) => readFileSync(p, 'utf8').includes('入账和出账'));
    // Make them look like files of an earlier build: position-based ids and names (the
    // transcript under the input folder, and the question's message position).
    const legacy = (path: string, legacyId: string, edit: (s: string) => string) => {
      const text = edit(readFileSync(path, 'utf8')).replace(/^id: .*$/m, `id: ${legacyId}`);
      const to = join(path, '..', `${legacyId}.md`);
      writeFileSync(path, text);
      renameSync(path, to);
      return to;
    };
    const oldDraft = legacy(draftPath!, '2024-03-11-chat-m1', (s) => s);
    const oldApproved = legacy(approvedPath!, '2024-03-11-chat-m3', (s) => s.replace('status: draft', 'status: approved').replace(/\n# (.*)\n/, '\n# $1（编辑改写）\n'));
    const editorText = readFileSync(oldApproved, 'utf8');

    const result = run([join(dir, 'payments')], out);
    const now = entries(out);
    expect(now.every((p) => isStableId(p.replace(/^.*\//, '').replace(/\.md$/, '')))).toBe(true);
    const approved = now.map((p) => readFileSync(join(out, 'faq', p), 'utf8')).find((t) => t.includes('status: approved'))!;
    expect(approved).toContain('aliases: [2024-03-11-chat-m3]');
    // Only the id line changed and the aliases line came in.
    expect(approved.replace(/^id: .*\naliases: .*\n/m, 'id: 2024-03-11-chat-m3\n')).toBe(editorText);
    const draft = now.map((p) => readFileSync(join(out, 'faq', p), 'utf8')).find((t) => t.includes('status: draft'))!;
    expect(draft).toContain('aliases: [2024-03-11-chat-m1]');
    expect(result.summary.orphaned).toBe(0);
    expect(result.index.entries.find((e) => e.status === 'approved')!.note).toContain('id was 2024-03-11-chat-m3');
    expect(existsSync(oldDraft)).toBe(false);
    expect(existsSync(oldApproved)).toBe(false);

    // The next build finds both by their new ids and leaves the entry files alone; only the
    // index pages drop the one-time "id was" notice, and the build after that changes nothing.
    const third = run([join(dir, 'payments')], out);
    expect(third.changes.filter((c) => !c.path.endsWith('README.md'))).toEqual([]);
    expect(run([join(dir, 'payments')], out).changes).toEqual([]);
  });

  it('a conversation in a merged export and in a day file is one entry, dated by its own day', () => {
    const dir = tempDir();
    const q = '断直连以后，备付金的收付一般怎么走？需要改哪些账户？';
    const a = '断直连以后备付金统一交存到集中存管账户，收付通过网联和银联清算，原来在各家银行的备付金账户要逐步销户。';
    const merged = [
      '---', 'layout:     source ', 'title:      "2019-05-03-WeChat"', 'date:       2019-05-03 09:00:00', 'author:     "PaymentGroup"', 'tag:\t\t  [merged]', '---',
      '## 2019-05-01   ', `> 2019-05-01 22:10:00  ${PEOPLE.asker}  `, '   ', `${q}  `, '   ', `> 2019-05-01 22:14:30  ${PEOPLE.bank}  `, '   ', `${a}  `, '   ',
      '## 2019-05-03   ', `> 2019-05-03 08:00:00  ${PEOPLE.bank}  `, '   ', '早  ', '   ',
    ].join('\n') + '\n';
    writeFiles(dir, {
      'merged/2019-05-03-merged.markdown': merged,
      'payments/2019-05-01-chat.markdown': chat('2019-05-01', [['22:10:00', PEOPLE.asker, q], ['22:14:30', PEOPLE.bank, a]]),
    });
    const out = join(dir, 'output');
    const result = run([join(dir, 'merged'), join(dir, 'payments')], out);
    const about = result.index.entries.filter((e) => e.question.includes('断直连'));
    expect(about).toHaveLength(1);
    expect(about[0]!.sources).toEqual([{ transcript: expect.stringMatching(/2019-05-03-merged\.markdown$/), date: '2019-05-01' }]);
    expect(about[0]!.id).toMatch(/-2019-05-01-[0-9a-f]{8}$/);
  });

  it('reads only what include/exclude let through: a benchmark folder beside the chats stays out', () => {
    const { dir } = setup();
    writeFiles(dir, { 'payments/irc-bench/2024-01-01.txt': '[10:00] <alice> how do I mount a drive?\n[10:01] <bob> use mount /dev/sdb1 /mnt\n' });
    const out = join(dir, 'output');
    const all = build({ inputs: [join(dir, 'payments')], out, config, rulesDir: RULES_DIR, extras: [], write: false }, resources());
    expect(all.summary.transcripts).toBe(2);
    const some = build({ inputs: [join(dir, 'payments')], out, config: { ...config, exclude: ['irc-bench/**'] }, rulesDir: RULES_DIR, extras: [], write: false }, resources());
    expect(some.summary.transcripts).toBe(1);
    const only = build({ inputs: [join(dir, 'payments')], out, config: { ...config, include: ['**/*.txt'] }, rulesDir: RULES_DIR, extras: [], write: false }, resources());
    expect(only.summary.transcripts).toBe(1);
  });

  it('flags an approved entry whose conversation gained answers, and leaves its file alone', () => {
    const { dir, out } = setup();
    run([join(dir, 'payments')], out);
    const path = join(out, 'faq', entries(out).find((p) => readFileSync(join(out, 'faq', p), 'utf8').includes('原路退回吗'))!);
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: draft', 'status: approved'));
    const approved = readFileSync(path, 'utf8');
    const withAnswer: Line[] = [
      ...refundDay.slice(0, 2),
      ['09:40:00', '林小雨-某某支付-产品-杭州', '补充一下：非原路退款一定要留存用户的书面申请和身份核验记录。'],
      ...refundDay.slice(2),
    ];
    writeFiles(dir, { 'payments/2024-03-11-chat.markdown': chat('2024-03-11', withAnswer) });
    const result = run([join(dir, 'payments')], out);
    const e = result.index.entries.find((x) => x.status === 'approved')!;
    expect(e.stale).toBe('new answers');
    expect(e.note).toMatch(/stale: new answers \(1\)/);
    expect(result.summary.stale).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(approved);
    expect(readFileSync(join(out, 'faq', 'README.md'), 'utf8')).toContain('stale: new answers');
  });
});
