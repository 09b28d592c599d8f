// Guest talks on small invented transcripts: which runs are talks, and how the talk's
// speaker answers the questions put to it afterwards without naming the askers.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { findTalks } from '../../src/link/talks.js';
import { secondsOf } from '../../src/text/time.js';
import { normalize } from '../../src/normalize/index.js';
import { runPipeline } from '../../src/pipeline.js';
import type { Transcript } from '../../src/model.js';
import { chat, linkTranscript, resources } from './helpers.js';

const GUEST = '陈思远-星河银行-清算运营-上海';
const HOST = '程小月_群管理';
const A = '林小雨-青禾支付-支付产品-杭州';
const B = '周海涛_云帆科技_产品_深圳';

// Ten substantial lines over half an hour, applause in between, then questions.
const TALK: [string, string, string][] = [
  ['20:00:00', HOST, '今晚请陈老师给大家讲讲银行清算系统的设计，欢迎大家提问'],
  ['20:01:00', GUEST, '大家好，今天主要讲三部分：清算流程、对账设计和差错处理，每部分都结合我们行里的实际案例来说'],
  ['20:04:00', GUEST, '先说清算流程，银行内部一般按场次清算，每个场次结束后生成清算文件，下发给各个参与机构'],
  ['20:07:00', GUEST, '清算文件包括轧差结果和明细，明细用来核对每一笔交易的状态，轧差结果用来划拨资金'],
  ['20:08:00', A, '[强]'],
  ['20:10:00', GUEST, '对账设计的关键是以谁为准，通常以清算机构的文件为准做调账'],
  ['20:13:00', GUEST, '对账分为总分核对和明细核对，总分对不上就不用继续看明细了'],
  ['20:16:00', GUEST, '差错处理主要是长款和短款两类，长款要挂账等待认领'],
  ['20:19:00', GUEST, '短款一般要追究原因，可能是通道重复扣款或者系统超时'],
  ['20:22:00', B, '学习了'],
  ['20:24:00', GUEST, '最后说说日切，日切时间决定了一笔交易落在哪个清算日'],
  ['20:27:00', GUEST, '日切前后的交易最容易出问题，系统要能处理跨日的冲正'],
  ['20:30:00', GUEST, '今天就讲到这里，谢谢大家，有问题可以在群里提，我一个一个回答'],
  ['20:31:00', A, '请问长款挂账一般挂多久？'],
  ['20:31:30', B, '[强][强]'],
  ['20:32:00', B, '谢谢分享'],
  ['20:33:00', GUEST, '一般三个月，过了要上缴'],
];

function talksOf(t: Transcript) {
  const res = resources();
  const n = normalize(t, res.normalize);
  return findTalks(n.messages, analyze(n, res), n.messages.map(secondsOf), res.linking.talks);
}

describe('findTalks', () => {
  it('finds a long run of one speaker\'s substantial lines, applause and all', () => {
    const talks = talksOf(chat(TALK));
    expect(talks).toHaveLength(1);
    expect(talks[0]).toMatchObject({ guest: GUEST, start: 1, end: 16 });
  });

  it('a burst of quick lines is a chat, not a talk', () => {
    const quick = TALK.slice(1, 13).map(([, s, text], i): [string, string, string] => [`20:00:${String(i * 4).padStart(2, '0')}`, s, text]);
    expect(talksOf(chat(quick))).toEqual([]);
  });

  it('two people taking turns give no talk', () => {
    const turns = TALK.slice(1, 13).map(([time, , text], i): [string, string, string] => [time, i % 2 ? A : GUEST, text]);
    expect(talksOf(chat(turns))).toEqual([]);
  });

  it('short lines are not a talk, however many', () => {
    const short = TALK.slice(1, 13).map(([time]): [string, string, string] => [time, GUEST, '对的，是这样']);
    expect(talksOf(chat(short))).toEqual([]);
  });
});

describe('the talk\'s speaker answers the questions put to it', () => {
  it('a reply that names no one and shares no words answers the question after the talk', () => {
    const g = linkTranscript(chat(TALK));
    const link = g.linkAt(17)!;
    expect(g.parentLine(17)).toBe(14);
    expect(link.rule).toBe('answer/scored');
    expect(link.because.map((h) => h.rule)).toContain('answer/guest');
  });

  it('without the talk the same reply is a much weaker answer', () => {
    const withTalk = linkTranscript(chat(TALK)).linkAt(17)!;
    const without = linkTranscript(chat([TALK[0]!, ...TALK.slice(13)])).linkAt(5);
    expect(without?.because.map((h) => h.rule) ?? []).not.toContain('answer/guest');
    expect(withTalk.score - (without?.rule === 'answer/scored' ? without.score : 0)).toBeGreaterThan(0.3);
  });

  it('the exchange counts as on-topic and says why', () => {
    const doc = runPipeline(chat(TALK), resources());
    const ex = doc.exchanges.find((e) => e.question.includes(doc.transcript.messages[13]!.id))!;
    expect(ex.answers).toEqual([doc.transcript.messages[16]!.id]);
    expect(ex.because.map((h) => h.rule)).toContain('exchange/guest-answer');
    expect(ex.faq).toBe(true);
  });
});
