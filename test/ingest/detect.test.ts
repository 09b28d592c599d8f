import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECT_THRESHOLD, detectFormat } from '../../src/ingest/detect.js';
import type { Reader } from '../../src/ingest/reader.js';
import { readers } from '../../src/ingest/readers/index.js';
import { fixture } from './helpers.js';

const text = (rel: string) => readFileSync(fixture(rel), 'utf8').replace(/\r\n?/g, '\n');

describe('detectFormat', () => {
  it.each([
    ['source/2019-04-02-chat.markdown', 'cocolian-source'],
    ['source/2019-04-03-chat.markdown', 'cocolian-source'],
    ['bad/2019-04-07-chat.markdown', 'cocolian-source'],
    ['merged/2019-05-03-merged.markdown', 'cocolian-source-merged'],
    ['merged/2019-06-20-merged.markdown', 'cocolian-source-merged'],
    ['anon/2019-07-01-wechat1.markdown', 'cocolian-anon'],
  ])('%s is %s', (rel, format) => {
    const found = detectFormat(text(rel), rel);
    expect(found?.format).toBe(format);
    expect(found!.confidence).toBeGreaterThanOrEqual(DETECT_THRESHOLD);
  });

  it('tells undated merged files apart by their tag or their name', () => {
    const body = '> 21:00:00  A\nx\n> 08:00:00  B\ny\n';
    expect(detectFormat(body, 'notes/day.markdown')?.format).toBe('cocolian-source');
    expect(detectFormat(body, 'notes/2017-07-06-merged.markdown')?.format).toBe('cocolian-source-merged');
    expect(detectFormat(`---\ntag: [merged]\n---\n${body}`, 'day.markdown')?.format).toBe('cocolian-source-merged');
  });

  it('returns null for prose and for an empty text', () => {
    expect(detectFormat(text('bad/notes.md'), 'notes.md')).toBeNull();
    expect(detectFormat('', 'e.md')).toBeNull();
    expect(detectFormat('今天 10:00 开会，讨论清算。\n记得带电脑。\n', 'memo.txt')).toBeNull();
  });

  it('does not take a prose file with one time-stamped line for an anon log', () => {
    const prose = ['# 会议纪要', '讨论了备付金', '讨论了断直连', '10:00:00 开始', '结论：下周再议'].join('\n');
    expect(detectFormat(prose, 'memo.md')).toBeNull();
  });

  it('does not take a write-up with a pasted time-stamped log for an anon day', () => {
    const log = Array.from({ length: 30 }, (_, i) => `10:${String(i + 10)}:00\t林小雨\t第${i}条`);
    const post = ['---', 'layout: post', '---', '## 主题分享', '今天讨论预付卡。', '', ...log].join('\n');
    expect(detectFormat(post, '2019-07-02-post.markdown')).toBeNull();
    expect(detectFormat(['---', 'layout: post', '---', ...log].join('\n'), 'x.markdown')?.format).toBe('cocolian-anon');
  });

  it('picks the most confident reader from the list it is given', () => {
    const fake = (format: string, confidence: number): Reader => ({
      format,
      describe: format,
      detect: () => confidence,
      read: () => {
        throw new Error('not used');
      },
    });
    expect(detectFormat('x', 'x', [fake('a', 0.6), fake('b', 0.8), fake('c', 0.7)])).toEqual({ format: 'b', confidence: 0.8 });
    expect(detectFormat('x', 'x', [fake('a', DETECT_THRESHOLD - 0.01)])).toBeNull();
  });

  it('registers each reader once', () => {
    const ids = readers.map((r) => r.format);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['cocolian-source', 'cocolian-source-merged', 'cocolian-anon']));
  });
});
