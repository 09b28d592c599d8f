import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { detectQuestion, englishQuestion, loadQuestionRules } from '../../src/analyze/questions.js';
import { askingText } from '../../src/text/chat.js';
import type { Message } from '../../src/model.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const rules = loadQuestionRules(join(PACKAGE_ROOT, 'rules', 'questions.yaml'));

function msg(text: string, extra: Partial<Message> = {}): Message {
  return {
    id: 'm1', line: 1, time: '10:00:00', timestamp: null, speaker: '林小雨-某某支付-产品-杭州', profile: null,
    raw: text, text, kind: 'text', kindRule: null, mentions: [], quote: null, platformId: null,
    platformReplyId: null, duplicateOf: null, ...extra,
  };
}
const ask = (text: string, extra: Partial<Message> = {}) => detectQuestion(msg(text, extra), rules);

describe('question detection', () => {
  it.each([
    '请问有人做过退款平台吗？只支持原路退回吗？',
    '清算、结算这两个词英文一般怎么说比较地道呀？',
    '机构接入和个人接入 手续费怎么样的',
    '有没有朋友在做跨境收单',
    '这个算不算二清呢',
    '短信是银行发的还是平台自己发的',
    '快捷支付也是无卡的一种对吧',
    '各位金融领域老师，咨询个业务问题：这笔流水能否有三成沉淀在银行',
  ])('flags %s', (text) => {
    expect(ask(text).question).toBe(true);
  });

  it.each([
    '????',
    '金句??',
    '真的？',
    '[强][强]',
    '最近在研究如何让对账更快',
    'SDK会自动判定用户是否安装了App',
    '我也不知道怎么回事',
    '分库分表用的是什么框架？ 答：自主设计开发',
  ])('does not flag %s', (text) => {
    expect(ask(text).question).toBe(false);
  });

  it('records every cue that fired with its weight, and the score is their sum', () => {
    const v = ask('请问T+1是自然日还是工作日？');
    const rulesFired = v.cues.map((c) => c.rule);
    expect(rulesFired).toEqual(expect.arrayContaining(['question/request', 'question/mark-end', 'question/alternative']));
    expect(v.score).toBeCloseTo(v.cues.reduce((s, c) => s + c.weight, 0));
    expect(v.tags).toContain('request');
  });

  it('skips noise kinds and duplicates whatever their text', () => {
    expect(ask('有人知道吗？', { kind: 'news' }).question).toBe(false);
    expect(ask('有人知道吗？', { duplicateOf: 'm0' }).question).toBe(false);
  });

  it('judges the asking text without @mentions and stickers, and leans to a question when addressed', () => {
    const text = '@周海涛_云帆科技_产品_深圳 一般按什么规则切换[捂脸]';
    const m = msg(text, { mentions: [{ raw: '@周海涛_云帆科技_产品_深圳', name: '周海涛_云帆科技_产品_深圳', speaker: '周海涛_云帆科技_产品_深圳', start: 0, end: 15 }] });
    expect(askingText(m)).toBe('一般按什么规则切换');
    const v = detectQuestion(m, rules);
    expect(v.cues.map((c) => c.rule)).toContain('question/addressed');
    expect(v.question).toBe(true);
    expect(ask('一般按什么规则切换，我们还在看').question).toBe(false);
  });

  it('reads English questions with compromise only when the sentence is mostly Latin', () => {
    expect(englishQuestion('does anyone know how chargebacks work', 3)).toBe('does anyone know how chargebacks work');
    expect(englishQuestion('we settle chargebacks on T+1', 3)).toBeNull();
    expect(englishQuestion('这个 API 怎么调', 3)).toBeNull();
    expect(ask('Does anyone know how chargebacks work').question).toBe(true);
  });
});
