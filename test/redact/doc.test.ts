import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privateDoc, type Privacy } from '../../src/redact/doc.js';
import { ANONYMOUS, speakerLabel } from '../../src/redact/attribution.js';
import { loadRedactRules } from '../../src/redact/rules.js';
import type { AttributionMode } from '../../src/redact/attribution.js';
import { chat, docOf, PEOPLE, resources, RULES_DIR } from '../build/helpers.js';

const { asker, bank, arch, risk } = PEOPLE;
const TEXT = chat('2024-02-01', [
  ['09:00:00', asker, '请问退款一般是原路退回吗？卡注销了怎么办？'],
  ['09:01:00', bank, `@${asker}?一般原路退回，卡注销的话发卡行挂账，让用户带身份证去柜台领，有问题打 13800000000`],
  ['09:02:00', arch, `「 ${asker}: 请问退款一般是原路退回吗？卡注销了怎么办？ 」 - - - - - - - 我们失败后转人工，走非原路退款，顾清扬你们也可以这样做`],
  ['09:03:00', risk, `同意苏墨白说的，Oswin 这边也是先挂账，邮件 oswin@whale-wallet.example.com`],
  ['09:04:00', asker, '明白了，谢谢'],
]);

function privacy(mode: AttributionMode): Privacy {
  const res = resources();
  return {
    mode,
    rules: loadRedactRules(join(RULES_DIR, 'redact.yaml')),
    speakers: res.normalize.speakers,
    isTerm: (f) => res.terms.lookup(f) !== undefined,
  };
}

const NAMES = ['顾清扬', '苏墨白', '韩知远', 'Oswin'];

describe('speakerLabel', () => {
  const p = { display: bank, name: '苏墨白', org: '星河银行', role: '清算运营', city: '北京' };
  it('shows role · org by default, the display name in name mode, nobody in none mode', () => {
    expect(speakerLabel(p, bank, 'role')).toBe('清算运营 · 星河银行');
    expect(speakerLabel({ ...p, role: null }, bank, 'role')).toBe('星河银行');
    expect(speakerLabel({ ...p, role: null, org: null }, bank, 'role')).toBe(ANONYMOUS);
    expect(speakerLabel(p, bank, 'name')).toBe(bank);
    expect(speakerLabel(p, bank, 'none')).toBe(ANONYMOUS);
  });
});

describe('privateDoc', () => {
  const doc = docOf(TEXT);

  it('role mode: no name, display name or city anywhere in the doc', () => {
    const out = privateDoc(doc, privacy('role')).doc;
    const json = JSON.stringify(out);
    for (const n of [...NAMES, ...Object.values(PEOPLE), '上海', '深圳']) expect(json, n).not.toContain(n);
    expect(out.transcript.messages.map((m) => m.speaker)).toEqual(['支付产品 · 青禾支付', '清算运营 · 星河银行', '架构 · 云杉科技', '风控 · 蓝鲸钱包', '支付产品 · 青禾支付']);
  });

  it('rewrites @mentions by their offsets and keeps the offsets right', () => {
    const m = privateDoc(doc, privacy('role')).doc.transcript.messages[1]!;
    expect(m.mentions).toHaveLength(1);
    const men = m.mentions[0]!;
    expect(m.text.slice(men.start, men.end)).toBe('@支付产品 · 青禾支付');
    expect(m.text.startsWith('@支付产品 · 青禾支付 一般原路退回')).toBe(true);
  });

  it('keeps a name written without @ (an IRC nick) without one', () => {
    const nick = structuredClone(doc);
    const m = nick.transcript.messages[1]!;
    m.text = `${asker}: 一般原路退回`;
    m.mentions = [{ raw: asker, name: asker, speaker: asker, start: 0, end: asker.length }];
    const out = privateDoc(nick, privacy('role')).doc.transcript.messages[1]!;
    expect(out.text.startsWith('支付产品 · 青禾支付: 一般原路退回')).toBe(true);
    expect(out.mentions[0]).toMatchObject({ raw: '支付产品 · 青禾支付', start: 0 });
  });

  it('rewrites the quoted speaker and names written without @', () => {
    const out = privateDoc(doc, privacy('role')).doc.transcript.messages;
    expect(out[2]!.quote?.speaker).toBe('支付产品 · 青禾支付');
    expect(out[2]!.text).toContain('支付产品 · 青禾支付你们也可以这样做');
    expect(out[3]!.text).toContain('同意清算运营 · 星河银行说的');
    expect(out[3]!.text).toContain('风控 · 蓝鲸钱包 这边');
  });

  it('redacts numbers and addresses and reports the rules per message', () => {
    const p = privateDoc(doc, privacy('role'));
    const msgs = p.doc.transcript.messages;
    expect(msgs[1]!.text).toContain('[手机号]');
    expect(msgs[3]!.text).toContain('[邮箱]');
    expect(p.redactions.get(msgs[1]!.id)).toEqual(['redact/cn-mobile']);
    expect(p.redactions.get(msgs[3]!.id)).toEqual(['redact/email']);
    expect(JSON.stringify(p.doc)).not.toContain('13800000000');
  });

  it('name mode keeps display names but still redacts', () => {
    const out = privateDoc(doc, privacy('name')).doc;
    expect(out.transcript.messages[1]!.speaker).toBe(bank);
    expect(out.transcript.messages[1]!.text.startsWith(`@${asker}`)).toBe(true);
    expect(JSON.stringify(out)).not.toContain('13800000000');
  });

  it('none mode names nobody, not even by role', () => {
    const out = privateDoc(doc, privacy('none')).doc;
    const json = JSON.stringify(out);
    for (const n of [...NAMES, '星河银行', '清算运营', '云杉科技']) expect(json, n).not.toContain(n);
    expect(new Set(out.transcript.messages.map((m) => m.speaker))).toEqual(new Set([ANONYMOUS]));
  });

  it('does not change the input doc', () => {
    const before = JSON.stringify(doc);
    privateDoc(doc, privacy('role'));
    expect(JSON.stringify(doc)).toBe(before);
  });
});
