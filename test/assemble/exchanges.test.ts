// Linking and assembly on a small invented day: which messages answer which question,
// who follows up, and which exchanges are worth an FAQ entry.
import { describe, expect, it } from 'vitest';
import { readTranscriptText } from '../../src/ingest/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';

const res = loadResources();

const DAY = `---
layout: source
title: "2024-05-06-WeChat"
date: 2024-05-06 12:00:00
---
> 09:00:01  林小雨-青禾支付-支付产品-杭州

请问大家，用户退款只支持原路退回吗？银行卡注销了怎么办？

> 09:00:30  周海涛_云帆科技_产品_深圳

签到

> 09:02:10  陈思远-星河银行-清算运营-上海

一般都是原路退回，卡注销了发卡行会挂账，用户去柜台领

> 09:02:40  陈思远-星河银行-清算运营-上海

也可以人工核实以后走非原路退款，退到新卡

> 09:03:05  林小雨-青禾支付-支付产品-杭州

明白了，谢谢

> 09:03:30  周海涛_云帆科技_产品_深圳

哈哈哈

> 09:10:00  周海涛_云帆科技_产品_深圳

入账、出账英文一般怎么说？

> 09:11:00  孙可心-米粒出行-支付PM-北京

inflow / outflow

> 09:12:00  陈思远-星河银行-清算运营-上海

「 周海涛_云帆科技_产品_深圳: 入账、出账英文一般怎么说？ 」 - - - - - - - - - - 会计上是 debit / credit

> 09:20:00  孙可心-米粒出行-支付PM-北京

有同学认识某某钱包的商务吗？

> 09:21:00  林小雨-青禾支付-支付产品-杭州

@孙可心-米粒出行-支付PM-北京 我认识，私聊你
`;

describe('exchanges on an invented day', () => {
  const t = readTranscriptText(DAY, 'invented/2024-05-06-chat.markdown').transcript!;
  const doc = runPipeline(t, res);
  const byTime = (time: string) => doc.transcript.messages.find((m) => m.time === time)!.id;
  const exchangeOf = (time: string) => doc.exchanges.find((e) => e.question.includes(byTime(time)))!;

  it('attaches the substantive answers, not the check-in or the laughter, and finds the closure', () => {
    const e = exchangeOf('09:00:01');
    expect(e.answers).toEqual([byTime('09:02:10'), byTime('09:02:40')]);
    expect(e.followups).toEqual([byTime('09:03:05')]);
    expect(e.closure).toEqual([byTime('09:03:05')]);
    expect(e.faq).toBe(true);
    expect(e.topic).toBe('refunds');
    expect(e.terms).toEqual(expect.arrayContaining(['原路退回', '非原路退款']));
  });

  it('answers a term question with English words and with a quote-reply', () => {
    const e = exchangeOf('09:10:00');
    expect(e.answers).toEqual([byTime('09:11:00'), byTime('09:12:00')]);
    const links = doc.links.filter((l) => e.answers.includes(l.from)).map((l) => l.rule);
    expect(links).toEqual(['answer/scored', 'link/quote']);
    const scored = doc.links.find((l) => l.from === byTime('09:11:00'))!;
    expect(scored.because.map((h) => h.rule)).toContain('answer/type-english');
    expect(e.faq).toBe(true);
  });

  it('does not make an FAQ entry of a request for a contact', () => {
    const e = exchangeOf('09:20:00');
    expect(e.faq).toBe(false);
    expect(e.because.map((h) => h.rule)).toContain('faq-not/contact-request');
  });

  it('gives every exchange an id derived from its question messages', () => {
    expect(doc.exchanges.map((e) => e.id)).toEqual(doc.exchanges.map((e) => `x-${e.question[0]}`));
  });
});

describe('on-topic without a glossary term', () => {
  const day = (rows: [string, string, string][]) =>
    `---\nlayout: source\ntitle: "2024-05-07-WeChat"\ndate: 2024-05-07 12:00:00\n---\n` +
    rows.map(([time, who, text]) => `> ${time}  ${who}\n\n${text}\n`).join('\n');
  const exchangeOn = (rows: [string, string, string][]) => {
    const doc = runPipeline(readTranscriptText(day(rows), 'invented/2024-05-07-chat.markdown').transcript!, res);
    return doc.exchanges[0]!;
  };
  const Q = '孙可心-米粒出行-支付PM-北京';
  const A1 = '陈思远-星河银行-清算运营-上海';
  const A2 = '周海涛_云帆科技_产品_深圳';

  it('one short answer to a plain yes/no question is no FAQ entry', () => {
    const e = exchangeOn([
      ['10:00:00', Q, '你们那边今天加班吗？'],
      ['10:00:30', A1, '不加班'],
    ]);
    expect(e.answers).toHaveLength(1);
    expect(e.faq).toBe(false);
  });

  it('several people answering makes it one the group took up', () => {
    const e = exchangeOn([
      ['10:00:00', Q, '单台机器大概能扛多少并发？'],
      ['10:00:30', A1, '看机器配置，我们大概两千左右'],
      ['10:01:00', A2, '我们压测过，四核八G的单台机器并发能到三千'],
    ]);
    expect(e.answers).toHaveLength(2);
    expect(e.faq).toBe(true);
  });

  it('a question of a few characters leans on the talk before it and counts for less', () => {
    const rows = (question: string): [string, string, string][] => [
      ['10:00:00', Q, question],
      ['10:00:30', A1, '看机器配置，我们大概两千左右'],
      ['10:01:00', A2, '我们压测过，四核八G的单台机器并发能到三千'],
    ];
    const short = exchangeOn(rows('@周海涛_云帆科技_产品_深圳 能扛多少？'));
    expect(short.because.map((h) => h.rule)).toContain('faq-not/short-question');
    expect(short.faq).toBe(false);
    const full = exchangeOn(rows('单台机器能扛多少？'));
    expect(full.because.map((h) => h.rule)).not.toContain('faq-not/short-question');
    expect(full.faq).toBe(true);
  });

  it('a how/why question answered with substance is one too', () => {
    const e = exchangeOn([
      ['10:00:00', Q, '灰度发布一般怎么做？'],
      ['10:00:30', A1, '先按用户尾号放一小部分流量，观察没问题再全量'],
    ]);
    expect(e.because.map((h) => h.rule)).toContain('faq-yes/how-why');
    expect(e.faq).toBe(true);
  });
});
