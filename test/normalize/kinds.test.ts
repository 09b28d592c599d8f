import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyKind } from '../../src/normalize/kinds.js';
import { noiseFileSchema, parseNormalizeRules } from '../../src/normalize/index.js';
import { DataFileError, parseYaml } from '../../src/rules/load.js';
import { rules, rulesFile } from './helpers.js';

const kindOf = (text: string, speaker = '林小雨-某某支付-产品-杭州') => classifyKind(text, speaker, rules().kinds);

describe('classifyKind', () => {
  it('takes plain questions and answers as text with no rule', () => {
    expect(kindOf('T+1 结算是自然日还是工作日？')).toEqual({ kind: 'text', rule: null });
    expect(kindOf('可以走代付通道退回去')).toEqual({ kind: 'text', rule: null });
  });

  it('does not make reactions a kind: ???? and 金句?? stay text', () => {
    expect(kindOf('????').kind).toBe('text');
    expect(kindOf('金句??').kind).toBe('text');
    expect(kindOf('+1').kind).toBe('text');
  });

  it('separates emoji-only from text with emoji', () => {
    expect(kindOf('[强][强]').kind).toBe('emoji');
    expect(kindOf('[捂脸]').kind).toBe('emoji');
    expect(kindOf('[握手][握手]自己人').kind).toBe('text');
  });

  it('tells images, stickers, files and links apart', () => {
    expect(kindOf('![2019-03-04 09:30:39](http://static.example.org/img/201903/20190304_093039.png)').kind).toBe('image');
    expect(kindOf('[动画表情]').kind).toBe('sticker');
    expect(kindOf('[[文件:分账方案.docx]</td></tr>](<tr>wxid_x)').kind).toBe('file');
    expect(kindOf('https://example.com/wiki/refund').kind).toBe('link');
    expect(kindOf('[一文看懂网联](https://mp.weixin.qq.com/s/AbC)').kind).toBe('link');
  });

  it('lets the first rule win: a check-in that is also short is checkin, an empty body is empty', () => {
    expect(kindOf('签到[强]')).toEqual({ kind: 'checkin', rule: 'noise/checkin' });
    expect(kindOf('')).toEqual({ kind: 'empty', rule: 'noise/empty' });
  });

  it('looks at the speaker for moderator notices', () => {
    const notice = '本周分享安排：周四晚八点，嘉宾周海涛，主题为收单机构的风控实践';
    expect(kindOf(notice, '程小月_群管理').kind).toBe('announcement');
    expect(kindOf(notice, '陈一帆-星河金服-架构师-上海').kind).toBe('text');
  });
});

describe('noise.yaml validation', () => {
  const speakersText = readFileSync(rulesFile('speakers.yaml'), 'utf8');
  const noise = (kinds: string) =>
    `kinds:\n${kinds}\nduplicates:\n  id: noise/duplicate\n  description: x\n  window: 3\n  dayMinPairs: 5\n  dayMinShare: 0.1\n  substantialKinds: [text]\n  substantialMinLength: 4\n  aliasMinPairs: 2\nsilent: [image]\n`;

  it('reports a bad regular expression at its file, line and column', () => {
    const text = noise('  - id: noise/bad\n    description: broken\n    kind: emoji\n    pattern: "[强"\n');
    expect(() => parseNormalizeRules(text, speakersText)).toThrow(DataFileError);
    expect(() => parseNormalizeRules(text, speakersText)).toThrow(/^noise\.yaml:5:14: not a valid regular expression/);
  });

  it('rejects a rule without any condition, an unknown field and a repeated id', () => {
    const none = noise('  - id: noise/x\n    description: x\n    kind: text\n');
    expect(() => parseYaml(none, 'noise.yaml', noiseFileSchema)).toThrow(/noise\.yaml:2:\d+: a kind rule needs at least one of/);
    const unknown = noise('  - id: noise/x\n    description: x\n    kind: text\n    maxLength: 3\n    patern: "x"\n');
    expect(() => parseYaml(unknown, 'noise.yaml', noiseFileSchema)).toThrow(/noise\.yaml:\d+:\d+: .*patern/);
    const twice = noise(
      '  - id: noise/x\n    description: x\n    kind: text\n    maxLength: 3\n  - id: noise/x\n    description: y\n    kind: text\n    maxLength: 4\n',
    );
    expect(() => parseYaml(twice, 'noise.yaml', noiseFileSchema)).toThrow(/noise\.yaml:6:\d+: duplicate rule id noise\/x/);
  });

  it('loads the shipped file with every kind the later stages know', () => {
    const kinds = new Set(rules().kinds.map((r) => r.kind));
    for (const k of ['image', 'sticker', 'emoji', 'checkin', 'link', 'file', 'news', 'announcement', 'system', 'empty']) {
      expect(kinds.has(k)).toBe(true);
    }
  });
});
