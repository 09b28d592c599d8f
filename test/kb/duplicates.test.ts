import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/kb/config.js';
import { fingerprint, groupDuplicates, jaccard, normalizeQuestion } from '../../src/kb/duplicates.js';
import { candidate } from './factory.js';

const settings = { ...defaultConfig().duplicates, ignore: ['请问', '大家', '一般'] };

describe('question fingerprints', () => {
  it('normalize width, case, stickers, punctuation and filler before comparing', () => {
    expect(normalizeQuestion('请问大家，ＳＤＫ 接入[捂脸]一般要多久？', settings)).toBe('sdk接入要多久');
  });
  it('use character n-grams, so rewordings of one question stay close and other questions do not', () => {
    const a = fingerprint('用户申请退款，都是原路退回吗？银行卡注销了怎么办？', settings);
    const b = fingerprint('请问，用户申请退款一般都是原路退回吗？用户的银行卡注销了怎么办', settings);
    const c = fingerprint('T+1 结算的 T 是交易日还是自然日？', settings);
    expect(jaccard(a, b)).toBeGreaterThanOrEqual(settings.threshold);
    expect(jaccard(a, c)).toBeLessThan(0.1);
    expect(jaccard(a, new Set())).toBe(0);
  });
});

describe('groupDuplicates', () => {
  const day1 = candidate({ date: '2024-03-11', question: '用户申请退款，都是原路退回吗？银行卡注销了怎么办？' });
  const day2 = candidate({ date: '2024-03-12', question: 'T+1 结算的 T 是交易日还是自然日？', line: 20 });
  const day3 = candidate({ date: '2024-03-18', question: '请问，用户申请退款一般都是原路退回吗？用户的银行卡注销了怎么办', line: 5 });
  const short = candidate({ date: '2024-03-19', question: '为什么？', line: 7 });
  const short2 = candidate({ date: '2024-03-20', question: '为什么？', line: 9 });

  it('merges the same question asked on different days, the earliest first', () => {
    const groups = groupDuplicates([day3, day2, day1], settings);
    expect(groups.map((g) => g.map((c) => c.id))).toEqual([[day1.id, day3.id], [day2.id]]);
  });
  it('gives the same groups whatever the input order', () => {
    const a = groupDuplicates([day1, day2, day3, short, short2], settings);
    const b = groupDuplicates([short2, day3, short, day1, day2], settings);
    expect(b).toEqual(a);
  });
  it('never merges questions too short to compare', () => {
    expect(groupDuplicates([short, short2], settings)).toHaveLength(2);
  });
  it('respects the threshold from the config', () => {
    expect(groupDuplicates([day1, day3], { ...settings, threshold: 0.99 })).toHaveLength(2);
  });
  it('compares with a group\'s first question only, so near-duplicates do not chain', () => {
    const a = candidate({ date: '2024-01-01', question: '代付接口怎么控制风险和限额', line: 1 });
    const b = candidate({ date: '2024-01-02', question: '代付接口怎么控制风险和限额以及白名单审核', line: 1 });
    const c = candidate({ date: '2024-01-03', question: '代付接口的白名单审核以及限额', line: 1 });
    const s = { ...settings, threshold: 0.35 };
    const sim = (x: typeof a, y: typeof a) => jaccard(fingerprint(x.source.question, s), fingerprint(y.source.question, s));
    expect(sim(a, b)).toBeGreaterThanOrEqual(0.35);
    expect(sim(b, c)).toBeGreaterThanOrEqual(0.35);
    expect(sim(a, c)).toBeLessThan(0.35);
    const groups = groupDuplicates([a, b, c], s);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
  });
});
