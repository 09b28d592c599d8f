import { describe, expect, it } from 'vitest';
import type { SpeakerProfile } from '../../src/model.js';
import { buildSpeakerIndex, extractMentions } from '../../src/normalize/mentions.js';
import { parseSpeaker } from '../../src/normalize/speakers.js';
import { rules } from './helpers.js';

function indexOf(speakers: string[]) {
  const profiles = new Map<string, SpeakerProfile>(speakers.map((s) => [s, parseSpeaker(s, rules().speakers)]));
  return buildSpeakerIndex(profiles);
}

const SPEAKERS = [
  '林小雨-某某支付-产品-杭州',
  '林小雨-某某支付-产品-杭州-兼职',
  'A&amp;amp;B工作室',
  '周海涛_云帆科技_产品_深圳',
  '许小深Breeze??',
  'Zed',
  '阿木',
  '风',
  '程小月_群管理',
];
const idx = indexOf(SPEAKERS);
const run = (text: string) => extractMentions(text, idx, rules().speakers);

describe('extractMentions', () => {
  it('resolves a full display name and drops the lossy ? after it', () => {
    const r = run('@周海涛_云帆科技_产品_深圳?为啥不行');
    expect(r.text).toBe('@周海涛_云帆科技_产品_深圳为啥不行');
    expect(r.mentions).toEqual([
      { raw: '@周海涛_云帆科技_产品_深圳?', name: '周海涛_云帆科技_产品_深圳', speaker: '周海涛_云帆科技_产品_深圳', start: 0, end: 15 },
    ]);
    expect(r.text.slice(r.mentions[0]!.start, r.mentions[0]!.end)).toBe('@周海涛_云帆科技_产品_深圳');
  });

  it('drops a full-width ？ too, and only one mark', () => {
    expect(run('@阿木？？').text).toBe('@阿木？');
  });

  it('prefers the longest display name the text starts with', () => {
    const r = run('问下 @林小雨-某某支付-产品-杭州-兼职 你们怎么对账');
    expect(r.mentions[0]?.speaker).toBe('林小雨-某某支付-产品-杭州-兼职');
    expect(r.text).toBe('问下 @林小雨-某某支付-产品-杭州-兼职 你们怎么对账');
  });

  it('matches a header written with entities against the decoded mention', () => {
    const r = run('@A&amp;amp;B工作室 你好'.replace('&amp;amp;', '&'));
    expect(r.mentions[0]).toMatchObject({ name: 'A&B工作室', speaker: 'A&amp;amp;B工作室' });
  });

  it('resolves another form of a name through the profile name when unambiguous', () => {
    const r = run('@周海涛-云帆-PM-深圳?收到');
    expect(r.mentions[0]).toMatchObject({ name: '周海涛-云帆-PM-深圳', speaker: '周海涛_云帆科技_产品_深圳' });
    expect(r.text).toBe('@周海涛-云帆-PM-深圳收到');
    expect(run('@周海涛 在吗').mentions[0]?.speaker).toBe('周海涛_云帆科技_产品_深圳');
  });

  it('resolves a name that lost its emoji differently', () => {
    expect(run('@许小深Breeze?好的').mentions[0]).toMatchObject({ name: '许小深Breeze', speaker: '许小深Breeze??' });
    expect(run('@许小深Breeze???好的')).toMatchObject({ text: '@许小深Breeze??好的' });
  });

  it('resolves a Chinese name run into the sentence', () => {
    const r = run('今晚@程小月给大家分享');
    expect(r.mentions[0]).toMatchObject({ name: '程小月', speaker: '程小月_群管理', start: 2, end: 6 });
  });

  it('keeps an unknown name with speaker null, and its lossy ?', () => {
    const r = run('@王小明-某某银行-开发?那个接口');
    expect(r.mentions[0]).toMatchObject({ name: '王小明-某某银行-开发', speaker: null, raw: '@王小明-某某银行-开发?' });
    expect(r.text).toBe('@王小明-某某银行-开发那个接口');
  });

  it('resolves a group nickname to the one header that holds its Chinese name', () => {
    const other = indexOf(['Xiaoyu Lin 林晓雨', '某某支付赵一鸣', '赵一鸣鸣', 'Kiki']);
    const find = (text: string) => extractMentions(text, other, rules().speakers).mentions[0]?.speaker;
    expect(find('@林晓雨-某某支付-产品-杭州?那个接口')).toBe('Xiaoyu Lin 林晓雨');
    // Two headers hold 赵一鸣: no one is picked.
    expect(find('@赵一鸣-某某支付-技术?在吗')).toBeNull();
    // A Latin name is never matched by containment (too easily part of another).
    expect(find('@Ki-某某支付?在吗')).toBeNull();
  });

  it('does not resolve a profile name two different people share', () => {
    const two = indexOf(['Kiki-某某支付-产品', 'Kiki-星河金服-开发']);
    expect(extractMentions('@Kiki 看下', two, rules().speakers).mentions[0]?.speaker).toBeNull();
    const same = indexOf(['Kiki-某某支付-产品', 'Kiki-某某支付-PM-上海']);
    expect(extractMentions('@Kiki 看下', same, rules().speakers).mentions[0]?.speaker).toBe('Kiki-某某支付-产品');
  });

  it('accepts a space after @ and a doubled @', () => {
    expect(run('@ 阿木 好的').mentions[0]).toMatchObject({ speaker: '阿木', start: 0, end: 4 });
    expect(run('@@阿木 好的').mentions[0]).toMatchObject({ speaker: '阿木', start: 1, end: 4 });
  });

  it('needs a word boundary after a latin name and after a one-character name', () => {
    expect(run('@Zedd 你好').mentions[0]).toMatchObject({ name: 'Zedd', speaker: null });
    expect(run('@Zed 你好').mentions[0]).toMatchObject({ name: 'Zed', speaker: 'Zed' });
    expect(run('@风自由 你好').mentions[0]).toMatchObject({ name: '风自由', speaker: null });
    expect(run('@风 你好').mentions[0]).toMatchObject({ speaker: '风' });
  });

  it('ignores e-mail addresses, URLs and a bare @', () => {
    expect(run('发到 pay@example.com 就行').mentions).toEqual([]);
    expect(run('见 https://example.com/@team/page').mentions).toEqual([]);
    expect(run('12345@chatroom').mentions).toEqual([]);
    expect(run('@ ').mentions).toEqual([]);
  });

  it('gives offsets into the returned text for several mentions', () => {
    const r = run('@阿木?@Zed?你们看下');
    expect(r.text).toBe('@阿木@Zed你们看下');
    expect(r.mentions.map((m) => r.text.slice(m.start, m.end))).toEqual(['@阿木', '@Zed']);
  });

  it('extends a mention written longer than the header up to the lossy ?', () => {
    const r = run('@阿木云帆支付产品?不接');
    expect(r.text).toBe('@阿木云帆支付产品不接');
    expect(r.mentions[0]).toMatchObject({ name: '阿木云帆支付产品', speaker: '阿木', start: 0, end: 9 });
    // Without the export's `?` there is no telling where the name ends: the header wins.
    expect(run('@阿木 你好').mentions[0]).toMatchObject({ name: '阿木', end: 3 });
  });

  it('extends a mention through the rest of a group nickname written after the header', () => {
    const r = run('@阿木-云帆支付-产品 @Zed 这两个通道的区别是什么？');
    expect(r.mentions.map((m) => [m.name, m.speaker])).toEqual([
      ['阿木-云帆支付-产品', '阿木'],
      ['Zed', 'Zed'],
    ]);
    expect(r.text.slice(r.mentions[0]!.start, r.mentions[0]!.end)).toBe('@阿木-云帆支付-产品');
    // No separator: the header is the whole name.
    expect(run('@阿木，你好').mentions[0]).toMatchObject({ name: '阿木', end: 3 });
  });

  it('leaves a question mark that does not follow a mention', () => {
    expect(run('是这样吗?').text).toBe('是这样吗?');
  });
});
