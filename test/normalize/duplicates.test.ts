import { describe, expect, it } from 'vitest';
import { duplicateEvidence, findDuplicates, type DuplicateInput } from '../../src/normalize/duplicates.js';
import { rules } from './helpers.js';

type Row = [time: string, speaker: string, text: string, kind?: string];
const rows = (list: Row[]): DuplicateInput[] =>
  list.map(([time, speaker, text, kind], i) => ({ id: `m${i + 1}`, time, timestamp: null, speaker, text, kind: kind ?? 'text' }));
const dups = (list: Row[]) => findDuplicates(rows(list), rules().duplicates);

/** A doubled day: each message twice, under a person's two display names. */
function doubledDay(): Row[] {
  const people: [string, string][] = [
    ['林小雨-某某支付-产品-杭州', '林小雨'],
    ['周海涛_云帆科技_产品_深圳', '海涛'],
    ['陈一帆-星河金服-架构师-上海', 'Yifan'],
  ];
  const texts = ['退款能退到余额吗？', '看渠道，有的支持', '非原路要走代付', '代付要有资质吧', '是的，要牌照', '那聚合怎么做', '只能原路'];
  const out: Row[] = [];
  texts.forEach((t, i) => {
    const [a, b] = people[i % people.length]!;
    const time = `10:0${i}:00`;
    out.push([time, a, t], [time, b, t]);
  });
  return out;
}

describe('findDuplicates', () => {
  it('marks the second of two identical messages by the same speaker in the same second', () => {
    expect(
      dups([
        ['10:00:00', '林小雨', '对账文件几点出？'],
        ['10:00:00', '林小雨', '对账文件几点出？'],
        ['10:00:05', '周海涛', '早上六点'],
      ]),
    ).toEqual([null, 'm1', null]);
  });

  it('does not mark different people both posting 签到 or [强] in one second', () => {
    expect(
      dups([
        ['19:30:01', '林小雨', '签到', 'checkin'],
        ['19:30:01', '周海涛', '签到', 'checkin'],
        ['19:30:01', '陈一帆', '签到', 'checkin'],
        ['19:31:00', '周海涛', '[强]', 'emoji'],
        ['19:31:00', '林小雨', '[强]', 'emoji'],
      ]),
    ).toEqual([null, null, null, null, null]);
  });

  it('does not mark the same substantial text by two people on a normal day', () => {
    expect(
      dups([
        ['20:00:00', '林小雨', '欢迎周总[鼓掌][鼓掌]'],
        ['20:00:00', '陈一帆', '欢迎周总[鼓掌][鼓掌]'],
        ['20:00:10', '周海涛', '谢谢大家'],
      ]),
    ).toEqual([null, null, null]);
  });

  it('needs the same time and the same text', () => {
    expect(
      dups([
        ['10:00:00', '林小雨', '对账文件几点出？'],
        ['10:00:01', '林小雨', '对账文件几点出？'],
        ['10:00:01', '林小雨', '对账文件几点出'],
      ]),
    ).toEqual([null, null, null]);
  });

  it('marks every second copy on a doubled day, under the other display name', () => {
    const day = doubledDay();
    const marks = dups(day);
    expect(marks.filter((m) => m !== null)).toHaveLength(day.length / 2);
    marks.forEach((m, i) => expect(m).toBe(i % 2 === 1 ? `m${i}` : null));
    const ev = duplicateEvidence(rows(day), rules().duplicates);
    expect(ev.doubledDay).toBe(true);
  });

  it('on a doubled day, marks reactions only for a pair of names that shows the pattern', () => {
    const day = doubledDay();
    day.push(
      // the same person's reaction, doubled: their names are a known pair
      ['11:00:00', '周海涛_云帆科技_产品_深圳', '[强]', 'emoji'],
      ['11:00:00', '海涛', '[强]', 'emoji'],
      // two newcomers with one reaction each: no evidence they are one person
      ['11:00:00', '王小明', '[强]', 'emoji'],
      ['11:00:00', '赵一', '[强]', 'emoji'],
    );
    const marks = dups(day);
    expect(marks.slice(-4)).toEqual([null, `m${day.length - 3}`, null, null]);
  });

  it('a pair of names repeating the pattern on reactions alone counts too', () => {
    const day = doubledDay();
    day.push(
      ['11:00:00', '王小明', '[强]', 'emoji'],
      ['11:00:00', '小明', '[强]', 'emoji'],
      ['11:05:00', '王小明', '[玫瑰]', 'emoji'],
      ['11:05:00', '小明', '[玫瑰]', 'emoji'],
    );
    const marks = dups(day);
    const n = day.length;
    expect(marks.slice(-4)).toEqual([null, `m${n - 3}`, null, `m${n - 1}`]);
  });

  it('finds a copy a few positions back, and points a third copy at the first', () => {
    expect(
      dups([
        ['10:00:00', '林小雨', '对账文件几点出？'],
        ['10:00:00', '周海涛', '早'],
        ['10:00:00', '林小雨', '对账文件几点出？'],
        ['10:00:00', '林小雨', '对账文件几点出？'],
      ]),
    ).toEqual([null, null, 'm1', 'm1']);
  });

  it('does not look further back than the window', () => {
    const far: Row[] = [['10:00:00', '林小雨', '对账文件几点出？']];
    for (let i = 0; i < rules().duplicates.window; i++) far.push(['10:00:00', `路人${i}`, `第${i}句`]);
    far.push(['10:00:00', '林小雨', '对账文件几点出？']);
    expect(dups(far).at(-1)).toBeNull();
  });

  it('never marks empty messages', () => {
    expect(dups([['10:00:00', '林小雨', '', 'empty'], ['10:00:00', '林小雨', '', 'empty']])).toEqual([null, null]);
  });
});
