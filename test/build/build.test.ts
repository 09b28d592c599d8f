import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, RootContent } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type ExtraOutput } from '../../src/build.js';
import { parseMarkdown } from '../../src/emit/markdown.js';
import { defaultConfig, loadConfig, type KbConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { chat, cli, copyExamples, PEOPLE, resources, RULES_DIR, snapshot, removeTemps, tempDir, writeFiles } from './helpers.js';

afterAll(removeTemps);

const config: KbConfig = loadConfig(undefined, PACKAGE_ROOT).config;

function setup(): { dir: string; inputs: string; out: string } {
  const dir = tempDir();
  const inputs = join(dir, 'transcripts');
  copyExamples(inputs);
  return { dir, inputs, out: join(dir, 'output') };
}

// The FAQ tests leave the glossary producers out; the extras tests below pass their own.
function run(inputs: string, out: string, extra: Partial<BuildOptions> = {}) {
  return build({ inputs: [inputs], out, config, rulesDir: RULES_DIR, extras: [], ...extra }, resources());
}


const entryFiles = (out: string) =>
  Object.keys(snapshot(join(out, 'faq'))).filter((p) => !p.endsWith('README.md'));

function fileWithHeading(out: string, heading: string): string {
  const hits = entryFiles(out).filter((p) => readFileSync(join(out, 'faq', p), 'utf8').includes(`\n# ${heading}`));
  expect(hits, heading).toHaveLength(1);
  return join(out, 'faq', hits[0]!);
}

describe('chatkb build on the example transcripts', () => {
  it('writes entries and index pages, then a rebuild changes no byte', () => {
    const { inputs, out } = setup();
    const first = run(inputs, out);
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(first.summary).toMatchObject({ transcripts: 3, updated: 0, kept: 0, orphaned: 0 });
    expect(first.summary.new).toBeGreaterThanOrEqual(6);
    const files = snapshot(out);
    expect(Object.keys(files)).toContain('faq/README.md');
    expect(Object.keys(files)).toContain('faq/refunds/README.md');
    expect(Object.keys(files).filter((p) => /^faq\/[a-z-]+\/[0-9a-z-]+\.md$/.test(p) && !p.endsWith('README.md'))).toHaveLength(first.summary.new);

    const second = run(inputs, out);
    expect(second.changes).toEqual([]);
    expect(second.summary).toMatchObject({ new: 0, updated: 0, unchanged: first.summary.new });
    expect(snapshot(out)).toEqual(files);
  });

  it('merges the refund question asked on two days into one entry listing both sources', () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const refunds = entryFiles(out).filter((p) => p.startsWith('refunds/'));
    expect(refunds).toHaveLength(1);
    const text = readFileSync(join(out, 'faq', refunds[0]!), 'utf8');
    expect(text).toContain('transcript: transcripts/2024-03-11-chat.markdown');
    expect(text).toContain('transcript: transcripts/2024-03-18-chat.markdown');
    expect(text).toMatch(/^tags: \[.*原路退回.*非原路退款.*\]$/m);
  });

  it('shows people by role and organisation only, and redacts what the chat leaked', () => {
    const { inputs, out } = setup();
    writeFileSync(
      join(inputs, '2024-03-20-chat.markdown'),
      chat('2024-03-20', [
        ['10:00:00', PEOPLE.finance, '请问退款失败的话，财务这边怎么和用户核对银行卡信息？我们的核对接口是 https://api.example.com/verify?card=1&access_token=secret123'],
        ['10:02:00', PEOPLE.bank, `@${PEOPLE.finance}?让用户提供卡号后四位即可，别让用户发完整卡号 6222021234567890128 或身份证 11010519491231002X 到群里，有问题联系 13800000000 或 ops@xinghe.example.com`],
        ['10:03:00', PEOPLE.arch, `同意苏墨白，卡号只留后四位`],
        ['10:04:00', PEOPLE.finance, '好的，谢谢'],
      ]),
    );
    run(inputs, out);
    const all = Object.values(snapshot(out)).join('\n');
    for (const leak of ['6222021234567890128', '11010519491231002X', '13800000000', 'ops@xinghe.example.com', 'secret123']) expect(all, leak).not.toContain(leak);
    for (const name of [...Object.values(PEOPLE), '顾清扬', '苏墨白', '韩知远', '叶南星', '唐若溪', '沈一诺', 'Oswin', '上海', '深圳', '广州']) expect(all, name).not.toContain(name);
    expect(all).toContain('— *清算运营 · 星河银行*');
    expect(all).toContain('@财务 · 橙子电商');
    expect(all).toContain('[银行卡号]');
    expect(all).toContain('access_token=[redacted]');
    const entry = readFileSync(fileWithHeading(out, '退款失败的话，财务这边怎么和用户核对银行卡信息？我们的核对接口是〔链接〕'), 'utf8');
    expect(entry).toMatch(/^ {2}- redact\/bank-card$/m);
    expect(entry).toMatch(/^ {2}- redact\/url-token$/m);
  });

  it('name mode shows display names; none mode shows nobody', () => {
    const { inputs, out } = setup();
    run(inputs, out, { config: { ...config, attribution: 'name' } });
    expect(Object.values(snapshot(out)).join('\n')).toContain(`*${PEOPLE.bank}*`);
    const { inputs: i2, out: o2 } = setup();
    run(i2, o2, { config: { ...config, attribution: 'none' } });
    const all = Object.values(snapshot(o2)).join('\n');
    expect(all).not.toContain('星河银行');
    expect(all).toContain('— *群友*');
  });

  it('keeps chat markup as text in the written files', () => {
    const { inputs, out } = setup();
    writeFileSync(
      join(inputs, '2024-03-21-chat.markdown'),
      chat('2024-03-21', [
        ['10:00:00', PEOPLE.asker, '退款接口返回的 <b>msg</b> 字段为什么是空的？'],
        ['10:01:00', PEOPLE.arch, '# 注意\n退款接口要先查 [文档](https://docs.example.com/refund) 再看 <script>alert(1)</script> | 字段 | 含义 |，*加粗* 的那几个字段必填'],
        ['10:02:00', PEOPLE.asker, '明白了，谢谢'],
      ]),
    );
    run(inputs, out);
    const file = fileWithHeading(out, '退款接口返回的 \\<b>msg\\</b> 字段为什么是空的？');
    const tree = parseMarkdown(readFileSync(file, 'utf8'));
    const seen: { type: string; value?: string; url?: string }[] = [];
    const walk = (n: Root | RootContent) => {
      if (['link', 'html', 'heading', 'emphasis', 'table'].includes(n.type)) seen.push({ type: n.type, ...('url' in n ? { url: n.url } : {}), ...(n.type === 'html' ? { value: n.value.split('\n')[0] } : {}) });
      if ('children' in n) (n.children as RootContent[]).forEach(walk);
    };
    walk(tree);
    // The question, and the section of the original messages: nothing from the chat.
    expect(seen.filter((n) => n.type === 'heading')).toHaveLength(2);
    expect(seen.filter((n) => n.type === 'html')).toEqual([]);
    expect(seen.filter((n) => n.type === 'link').every((n) => n.url!.startsWith('../../glossary.md#'))).toBe(true);
    expect(seen.filter((n) => n.type === 'emphasis')).toHaveLength(1); // the attribution
    expect(seen.filter((n) => n.type === 'table')).toHaveLength(0);
  });
});

describe('editors own what they touched', () => {
  it('an approved entry edited by hand survives a rebuild byte for byte, even when its exchange changed', () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const file = fileWithHeading(out, '备付金到底是什么？和我们平台自己搞的资金池有什么区别？');
    const edited = readFileSync(file, 'utf8').replace('status: draft', 'status: approved').replace('# 备付金到底是什么？', '# 什么是备付金？') + '\n编辑补充：备付金的监管规定见央行文件。\n';
    writeFileSync(file, edited);
    const t = join(inputs, '2024-03-12-chat.markdown');
    writeFileSync(t, readFileSync(t, 'utf8').replace('机构自己不能挪用', '机构不能挪用'));
    const result = run(inputs, out);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(result.summary.kept).toBe(1);
    expect(result.changes.map((c) => c.path)).not.toContain(file.slice(out.length + 1));
    expect(readFileSync(join(out, 'faq', 'README.md'), 'utf8')).toContain('[什么是备付金？和我们平台自己搞的资金池有什么区别？](compliance/');
    expect(run(inputs, out).changes).toEqual([]);
  });

  it('a rejected entry is kept as it is and its question is not proposed again', () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const file = fileWithHeading(out, '金额字段大家是存元还是存分？');
    const rejected = readFileSync(file, 'utf8').replace('status: draft', 'status: rejected');
    writeFileSync(file, rejected);
    const before = entryFiles(out);
    const result = run(inputs, out);
    expect(readFileSync(file, 'utf8')).toBe(rejected);
    expect(entryFiles(out)).toEqual(before);
    // The index pages count it as rejected, and it leaves the review queue.
    expect(result.changes.map((c) => c.path)).toEqual(['faq/README.md', 'faq/clearing-settlement/README.md', 'review.json', 'review.md']);
    expect(readFileSync(join(out, 'faq', 'README.md'), 'utf8')).toMatch(/\| rejected +\| +1 \|/);
  });

  it('a draft is updated in place when its exchange changes', () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const file = fileWithHeading(out, '大家的对账文件一般几点能拿到？');
    const t = join(inputs, '2024-03-18-chat.markdown');
    writeFileSync(t, readFileSync(t, 'utf8').replace('建议对账任务定在十点以后', '建议对账任务定在十点半以后'));
    const result = run(inputs, out);
    // The entry, and the review queue that lists it as updated.
    expect(result.changes).toEqual([
      { path: file.slice(out.length + 1), kind: 'updated' },
      { path: 'review.json', kind: 'updated' },
      { path: 'review.md', kind: 'updated' },
    ]);
    expect(readFileSync(file, 'utf8')).toContain('十点半以后');
    expect(result.summary.updated).toBe(1);
  });

  it('a draft an editor changed is kept like a reviewed one', () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const file = fileWithHeading(out, '大家的对账文件一般几点能拿到？');
    const edited = readFileSync(file, 'utf8').replace('# 大家的对账文件', '# 各渠道的对账文件');
    writeFileSync(file, edited);
    const t = join(inputs, '2024-03-18-chat.markdown');
    writeFileSync(t, readFileSync(t, 'utf8').replace('建议对账任务定在十点以后', '建议对账任务定在十点半以后'));
    run(inputs, out);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('an entry whose transcript is gone is kept and listed as orphaned, never deleted', () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const file = fileWithHeading(out, '回调通知验签失败，日志里的地址是〔链接〕，有人遇到过吗？');
    const content = readFileSync(file, 'utf8');
    rmSync(join(inputs, '2024-03-12-chat.markdown'));
    const result = run(inputs, out);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(result.summary.orphaned).toBeGreaterThanOrEqual(1);
    const index = readFileSync(join(out, 'faq', 'README.md'), 'utf8');
    expect(index).toMatch(/\| orphaned +\| +\d+ \|/);
    expect(index).toContain('— orphaned · 2024-03-12 · status draft');
    expect(result.changes.filter((c) => c.kind === 'removed')).toEqual([]);
    expect(run(inputs, out).changes).toEqual([]);
  });
});

describe('chatkb build --check / --dry-run / status', () => {
  it('--check exits 0 when up to date and 3 listing what would change; --dry-run writes nothing', async () => {
    const { inputs, out } = setup();
    const fresh = await cli('build', inputs, '--out', out, '--check');
    expect(fresh.code).toBe(3);
    expect(fresh.stdout).toMatch(/would write .*faq[\\/]README\.md/);
    expect(existsSync(out)).toBe(false);

    const dry = await cli('build', inputs, '--out', out, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would write');
    expect(existsSync(out)).toBe(false);

    const real = await cli('build', inputs, '--out', out);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/FAQ entries: \d+ new, 0 updated/);
    for (const f of ['glossary.md', 'glossary.json', 'glossary-candidates.md']) expect(existsSync(join(out, f))).toBe(true);

    const check = await cli('build', inputs, '--out', out, '--check');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('is up to date');

    const t = join(inputs, '2024-03-11-chat.markdown');
    writeFileSync(t, readFileSync(t, 'utf8').replace('费率会高一点', '费率会高一些'));
    const stale = await cli('build', inputs, '--out', out, '--check');
    expect(stale.code).toBe(3);
    expect(stale.stdout).toMatch(/would update .*clearing-settlement/);
    // One FAQ entry changes (the glossary, which quotes the chat, may change with it).
    expect(stale.stdout.split('\n').filter((l) => /would (update|write) .*faq[\\/]/.test(l))).toHaveLength(1);
  });

  it('status counts entries by status and topic', async () => {
    const { inputs, out } = setup();
    run(inputs, out);
    const file = fileWithHeading(out, '金额字段大家是存元还是存分？');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: approved'));
    const r = await cli('status', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ entries: draft \d+, approved 1/);
    expect(r.stdout).toMatch(/clearing-settlement +\d+ +draft \d+, approved 1/);
  });

  it('a bad transcript is reported and fails the build; the others are still built', async () => {
    const { inputs, out } = setup();
    writeFiles(inputs, { 'broken.markdown': '\n' });
    const r = await cli('build', inputs, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.markdown:1: error/);
    expect(existsSync(join(out, 'faq', 'README.md'))).toBe(true);
  });
});

describe('a mistyped input folder', () => {
  it('writes nothing rather than marking every entry orphaned', async () => {
    const { dir, inputs, out } = setup();
    run(inputs, out);
    const before = snapshot(out);
    const r = await cli('build', join(dir, 'transcritps'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such file or folder');
    expect(r.stderr).toContain('nothing written');
    expect(snapshot(out)).toEqual(before);
  });
});

describe('extra outputs', () => {
  const glossary: ExtraOutput = (docs, res, faq) => [
    { path: 'glossary.md', content: `# Glossary\n\n${faq.entries.length} entries, ${docs.length} transcripts, ${res.glossary.terms.length > 0 ? 'terms' : 'none'}\n` },
    { path: 'glossary.json', content: JSON.stringify(faq.entries.map((e) => e.tags).flat().sort()) + '\n' },
  ];

  it('are written beside the FAQ with the same compare-then-write and --check logic', () => {
    const { inputs, out } = setup();
    const first = run(inputs, out, { extras: [glossary] });
    expect(first.changes).toEqual(expect.arrayContaining([{ path: 'glossary.md', kind: 'new' }, { path: 'glossary.json', kind: 'new' }]));
    expect(readFileSync(join(out, 'glossary.md'), 'utf8')).toMatch(/^# Glossary\n\n\d+ entries, 3 transcripts, terms\n$/);
    expect(run(inputs, out, { extras: [glossary] }).changes).toEqual([]);
    const changed: ExtraOutput = (d, r, f) => glossary(d, r, f).map((x) => (x.path === 'glossary.md' ? { ...x, content: x.content + 'more\n' } : x));
    const check = run(inputs, out, { extras: [changed], write: false });
    expect(check.changes).toEqual([{ path: 'glossary.md', kind: 'updated' }]);
    expect(readFileSync(join(out, 'glossary.md'), 'utf8')).not.toContain('more');
  });

  it('receive privacy-applied docs', () => {
    const { inputs, out } = setup();
    let speakers: string[] = [];
    run(inputs, out, { extras: [(docs) => ((speakers = docs.flatMap((d) => d.transcript.messages.map((m) => m.speaker))), [])] });
    expect(speakers).toContain('清算运营 · 星河银行');
    expect(speakers).not.toContain(PEOPLE.bank);
  });

  it('may not write into faq/', () => {
    const { inputs, out } = setup();
    expect(() => run(inputs, out, { extras: [() => [{ path: 'faq/x.md', content: '' }]] })).toThrow(/may not write under faq/);
  });
});

describe('defaults', () => {
  it('the default config reads transcripts/ into output/', () => {
    expect(defaultConfig()).toMatchObject({ input: ['transcripts'], out: 'output' });
    expect(readdirSync(join(PACKAGE_ROOT, 'transcripts')).filter((f) => f.endsWith('.markdown')).length).toBeGreaterThanOrEqual(2);
  });
});
