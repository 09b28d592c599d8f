import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Root, RootContent } from 'mdast';
import { faqEntryTree, generatedHashes, renderFaqEntry, type FaqEntryData } from '../../src/emit/faq.js';
import { parseMarkdown, plainText, renderMarkdown } from '../../src/emit/markdown.js';
import type { EntrySource, SourceMessage } from '../../src/model.js';
import { questionHeading } from '../../src/kb/headings.js';

function message(id: number, role: SourceMessage['role'], speaker: string, text: string, quote: SourceMessage['quote'] = null): SourceMessage {
  return { id: `m${id}`, line: id * 4, time: `09:0${id}:00`, role, speaker, text, mentions: [], quote };
}

function source(question: string, answer: string, speaker = '清算运营 · 星河银行', date = '2024-02-01'): EntrySource {
  const q = message(1, 'question', '支付产品 · 青禾支付', question);
  const a = message(2, 'answer', speaker, answer, { speaker, text: question, messageId: 'm1' });
  return {
    transcript: `transcripts/${date}-chat.markdown`,
    rel: `${date}-chat.markdown`,
    date,
    exchange: 'x-m1',
    question,
    heading: questionHeading(question, []),
    answers: [a],
    messages: [q, a, message(3, 'followup', '支付产品 · 青禾支付', '明白了，谢谢')],
  };
}

function entry(sources: EntrySource[]): FaqEntryData {
  return { id: '2024-02-01-chat-m1', topic: 'refunds', tags: ['原路退回', 'T+1'], score: 0.8333333, rules: ['exchange/answered', 'question/mark-end'], sources };
}

const NASTY = [
  '# 不是标题',
  '*不是强调* 和 **也不是** _下划线_ ~~删除线~~',
  '`不是代码` ``两个``',
  '<script>alert("x")</script>',
  '[点我](https://evil.example.com) 和 ![图](x.png) 和 <https://x.example>',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '<b>粗</b> <details><summary>x</summary>',
  '</details>\n\n# 逃出去了',
  '- 列表\n1. 有序\n> 引用\n---\n```js\ncode\n```',
  '看 https://example.com/a?b=1 和 www.example.com 或 someone@example.com',
  '&lt;b&gt; &amp; &#60; \\*反斜杠\\*',
  '[^1] 和\n[ref]: http://x.example',
  '标题\n===',
  '<!-- 注释 -->',
  '- [ ] 任务 a|b',
  '+ 加号 \\ 反斜杠结尾\\',
];

/**
 * Counts of node types a reader would see as markup. Text and inline code are data, and
 * paragraphs too: a message's lines become paragraphs of ours, so their number follows
 * the lines, not the markup.
 */
function markup(tree: Root): Record<string, number> {
  const counts: Record<string, number> = {};
  const walk = (n: Root | RootContent) => {
    if (!['text', 'break', 'inlineCode', 'root', 'paragraph'].includes(n.type)) counts[n.type] = (counts[n.type] ?? 0) + 1;
    if ('children' in n) (n.children as RootContent[]).forEach(walk);
  };
  walk(tree);
  return counts;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('FAQ entries: chat text is data', () => {
  for (const nasty of NASTY) {
    it(`creates no markup from ${JSON.stringify(nasty.slice(0, 30))}`, () => {
      // The same text as question, answer, quote and speaker label…
      const bad = source(nasty, nasty, nasty);
      const md = renderFaqEntry(entry([bad])).content;
      const back = parseMarkdown(md);
      // …gives the same markup as plain words in the same places.
      const good = source('安全的问题？', '安全的回答', '安全 · 标签');
      good.heading = { text: '安全的问题？', shortened: bad.heading.shortened };
      expect(markup(back)).toEqual(markup(parseMarkdown(renderFaqEntry(entry([good])).content)));
      // …and every line of it reads back as written.
      const text = squash(plainText(back));
      for (const line of nasty.split('\n')) expect(text).toContain(squash(line));
      // Inline code only ever holds what GFM would have autolinked, verbatim.
      const codes: string[] = [];
      const walk = (n: Root | RootContent) => {
        if (n.type === 'inlineCode') codes.push(n.value);
        if ('children' in n) (n.children as RootContent[]).forEach(walk);
      };
      walk(back);
      for (const c of codes) expect(nasty).toContain(c);
      expect(codes.every((c) => /^(https?:\/\/|www\.|[\w.+-]+@)/.test(c))).toBe(true);
    });
  }
  it('keeps our own markup: glossary links, the context section, attribution; no raw HTML', () => {
    const md = renderFaqEntry(entry([source('原路退回要多久？', '一般 T+1 到账')])).content;
    const back = parseMarkdown(md);
    const links: string[] = [];
    const html: string[] = [];
    const walk = (n: Root | RootContent) => {
      if (n.type === 'link') links.push(n.url);
      if (n.type === 'html') html.push(n.value);
      if ('children' in n) (n.children as RootContent[]).forEach(walk);
    };
    walk(back);
    expect(links).toEqual(['../../glossary.md#原路退回', '../../glossary.md#t1']);
    expect(html).toEqual([]);
    expect(md).toContain('\n## 原始对话 · 2024-02-01 · transcripts/2024-02-01-chat.markdown，第 4–12 行\n');
    expect(md).toContain('- 一般 T+1 到账 — *清算运营 · 星河银行*');
  });
  it('escapes the context heading (a transcript path is data too)', () => {
    const s = source('问题？', '回答');
    s.transcript = 'transcripts/<b>&"x"</b>.markdown';
    const md = renderFaqEntry(entry([s])).content;
    const heading = parseMarkdown(md).children.filter((n) => n.type === 'heading').map((h) => plainText(h));
    expect(heading).toContain('原始对话 · 2024-02-01 · transcripts/<b>&"x"</b>.markdown，第 4–12 行');
    expect(md).toContain('transcripts/\\<b>&"x"\\</b>.markdown');
  });

  it('escapes what MDX and Vue read as code in plain text, and writes no hard breaks', () => {
    const md = renderFaqEntry(entry([source('模板里 {{amount}} 和 <Foo/> 是什么？', '第一行 {x}\n第二行 a < b')])).content;
    const body = md.split('---\n')[2]!;
    expect(body).not.toMatch(/(?<!\\)[{}<]/);
    expect(body).not.toMatch(/\\\n/);
    expect(plainText(parseMarkdown(md))).toContain('第一行 {x} 第二行 a < b');
  });
});

describe('FAQ entries: front matter and body', () => {
  const { content, generated } = renderFaqEntry(entry([source('退款一般是原路退回吗？', '原则上原路退回'), source('退款是原路退回吗？', '是的', '架构 · 云杉科技', '2024-02-08')]));
  const fm = parseYaml(content.split('---\n')[1]!);

  it('has the fields editors and tools read, in a fixed order', () => {
    expect(Object.keys(fm)).toEqual(['id', 'title', 'description', 'date', 'status', 'topic', 'tags', 'sources', 'score', 'rules', 'generated']);
    // What site generators read: the title, a summary from the first answer, the day.
    expect(fm).toMatchObject({ title: '退款一般是原路退回吗？', description: '原则上原路退回', date: '2024-02-01' });
    expect(fm).toMatchObject({ id: '2024-02-01-chat-m1', status: 'draft', topic: 'refunds', tags: ['原路退回', 'T+1'], score: 0.83, generated });
    expect(fm.sources).toEqual([
      { transcript: 'transcripts/2024-02-01-chat.markdown', date: '2024-02-01', lines: [4, 8, 12], times: ['09:01:00', '09:02:00', '09:03:00'] },
      { transcript: 'transcripts/2024-02-08-chat.markdown', date: '2024-02-08', lines: [4, 8, 12], times: ['09:01:00', '09:02:00', '09:03:00'] },
    ]);
    // Dates and times are quoted: YAML 1.1 readers would read 09:01:00 as a number.
    expect(content).toContain("times: ['09:01:00', '09:02:00', '09:03:00']");
  });

  it('has the question as its only level-1 heading, answers attributed, one context block per source', () => {
    const tree = parseMarkdown(content);
    const headings = tree.children.filter((n) => n.type === 'heading');
    expect(headings.map((h) => [h.depth, plainText(h)])).toEqual([
      [1, '退款一般是原路退回吗？'],
      [2, '同一问题的另一次提问 · 2024-02-08'],
      [2, '原始对话 · 2024-02-01 · transcripts/2024-02-01-chat.markdown，第 4–12 行'],
      [2, '原始对话 · 2024-02-08 · transcripts/2024-02-08-chat.markdown，第 4–12 行'],
    ]);
    expect(content).toContain('- 原则上原路退回 — *清算运营 · 星河银行*');
    expect(content).toContain('09:03:00 提问者 · **支付产品 · 青禾支付**：明白了，谢谢');
    // The answer quotes the question shown above it: a pointer, not the text again.
    expect(content).toContain('> 回复 09:01:00 提问');
    const other = source('问题？', '回答');
    other.messages[1]!.quote = { speaker: '架构 · 云杉科技', text: '更早的一条消息', messageId: null };
    expect(renderFaqEntry(entry([other])).content).toContain('> 引用 架构 · 云杉科技：更早的一条消息');
  });

  it('stores a hash of everything but its own line, so any edit is detected', () => {
    expect(generatedHashes(content)).toEqual({ stored: generated, actual: generated });
    expect(generatedHashes(content.replace('原则上原路退回', '原则上原路退回。'))).not.toMatchObject({ actual: generated });
    expect(generatedHashes(content.replace('status: draft', 'status: approved')).actual).not.toBe(generated);
    expect(generatedHashes('# no front matter\n')).toEqual({ stored: null, actual: null });
  });

  it('is the same every time (no clock, no randomness)', () => {
    const again = renderFaqEntry(entry([source('退款一般是原路退回吗？', '原则上原路退回'), source('退款是原路退回吗？', '是的', '架构 · 云杉科技', '2024-02-08')]));
    expect(again.content).toBe(content);
  });

  it('shows a long question in full below a short heading', () => {
    const long = `回调通知验签失败，日志地址是 https://pay.example.com/notify?order=1&sign=[redacted] ，参数都核对过，编码也是 UTF-8，时间戳也没过期，商户号也是对的，证书刚换过，${'还有很多细节'.repeat(3)}，这种情况一般是什么原因？`;
    const tree = faqEntryTree(entry([source(long, '看证书')]));
    const md = renderMarkdown(tree);
    const back = parseMarkdown(md);
    const h1 = back.children.find((n) => n.type === 'heading')!;
    expect(plainText(h1)).toBe('这种情况一般是什么原因？');
    expect(squash(plainText(back))).toContain(squash(long));
  });
});

describe('renderFaqEntry renders once', () => {
  it('writes what rendering the tree with its generated hash writes, however the hash looks to YAML', () => {
    const questions = ['原路退回要多久？', '入账、出账英文怎么说？', 'T+1 是自然日吗？', '备付金利息怎么算？', '差错处理时限？', '扫码限额多少？', '代扣要每次授权吗？', '拒付和退款的区别？'];
    const hashes = new Set<string>();
    for (const q of questions) {
      for (const a of ['一般 T+1 到账', 'inflow / outflow', '看合同约定']) {
        const e = entry([source(q, a)]);
        const { content, generated } = renderFaqEntry(e);
        expect(content).toBe(renderMarkdown(faqEntryTree(e, generated)));
        expect(generatedHashes(content)).toEqual({ stored: generated, actual: generated });
        hashes.add(generated);
      }
    }
    expect(hashes.size).toBe(24);
  });

  it('quotes a hash YAML would read as a number (all digits, or digits e digits)', () => {
    let found = 0;
    for (let i = 0; i < 20000 && found < 1; i++) {
      const e = entry([source('原路退回要多久？', `第 ${i} 种答法`)]);
      const { content, generated } = renderFaqEntry(e);
      if (!/^\d+(?:e\d+)?$/.test(generated)) continue;
      found++;
      expect(content).toContain(`generated: "${generated}"`);
      expect(content).toBe(renderMarkdown(faqEntryTree(e, generated)));
    }
    expect(found).toBe(1);
  });
});
