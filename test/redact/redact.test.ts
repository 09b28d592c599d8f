import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { cnId, luhn } from '../../src/redact/checks.js';
import { redactText } from '../../src/redact/redact.js';
import { loadRedactRules, parseRedactRules } from '../../src/redact/rules.js';
import { DataFileError } from '../../src/rules/load.js';

const rules = loadRedactRules(join(PACKAGE_ROOT, 'rules', 'redact.yaml'));
const rule = (id: string) => rules.find((r) => r.id === id)!;

describe('rules/redact.yaml', () => {
  it('has the rules the build relies on', () => {
    expect(rules.map((r) => r.id)).toEqual(['redact/cn-id', 'redact/bank-card', 'redact/cn-mobile', 'redact/email', 'redact/platform-id', 'redact/url-token']);
  });
  it('redacts a WeChat account id the way it redacts a phone number', () => {
    const r = redactText('加我 wxid_k3j9x2p1q8 详聊，或者 13800000000', rules);
    expect(r.text).toBe('加我 [账号] 详聊，或者 [手机号]');
  });
  // Each rule's own examples are run by the rule tester (test/rules/tester.test.ts).
});

describe('checks', () => {
  it('luhn accepts valid card numbers, with separators, and rejects a changed digit', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111 1111 1111 1111')).toBe(true);
    expect(luhn('6222021234567890128')).toBe(true);
    expect(luhn('6222021234567890129')).toBe(false);
    expect(luhn('4111111111111112')).toBe(false);
  });
  it('cn-id checks the ISO 7064 character and the birth date', () => {
    expect(cnId('11010519491231002X')).toBe(true);
    expect(cnId('11010519491231002x')).toBe(true);
    expect(cnId('440524188001010014')).toBe(true);
    expect(cnId('110105194912310021')).toBe(false); // wrong check character
    expect(cnId('110105194902300027')).toBe(false); // 30 February
    expect(cnId('11010519491231002')).toBe(false);
  });
});

describe('redactText', () => {
  it('replaces each kind of personal data in running chat text', () => {
    const text = [
      '退款失败的卡号 6222 0212 3456 7890 128，',
      '持卡人身份证 11010519491231002X，',
      '电话 138-0000-0000 或 +8613800000000，',
      '邮件 ops.team@pay-demo.example.cn，',
      '回调 https://pay.example.com/cb?order=42&sign=ab12cd&access_token=xyz.987#key=k1',
    ].join('');
    const out = redactText(text, rules);
    expect(out.text).toBe(
      [
        '退款失败的卡号 [银行卡号]，',
        '持卡人身份证 [身份证号]，',
        '电话 [手机号] 或 [手机号]，',
        '邮件 [邮箱]，',
        '回调 https://pay.example.com/cb?order=42&sign=[redacted]&access_token=[redacted]#key=[redacted]',
      ].join(''),
    );
    expect(out.rules).toEqual(['redact/cn-id', 'redact/bank-card', 'redact/cn-mobile', 'redact/email', 'redact/url-token']);
  });

  it('leaves order numbers, amounts, dates and times alone', () => {
    const text = '订单 2024031200018 金额 1234567.89 元，交易时间 2024-03-12 10:20:33，商户号 898310048160001，流水 6222021234567890123';
    expect(redactText(text, rules)).toEqual({ text, rules: [] });
  });

  it('is the same on a second pass (placeholders are not matched again)', () => {
    const once = redactText('卡 4111111111111111 电话 13800000000', rules).text;
    expect(redactText(once, rules)).toEqual({ text: once, rules: [] });
  });

  it('keeps digits next to letters as they are (part of an identifier)', () => {
    expect(redactText('txn4111111111111111', [rule('redact/bank-card')]).rules).toEqual([]);
  });
});

describe('rule file validation', () => {
  it('names the file, line and column of a bad check', () => {
    const text = 'rules:\n  - id: redact/x\n    description: x\n    pattern: "[0-9]+"\n    replace: "#"\n    check: crc32\n';
    expect(() => parseRedactRules(text, 'redact.yaml')).toThrow(DataFileError);
    try {
      parseRedactRules(text, 'redact.yaml');
    } catch (e) {
      expect((e as DataFileError).problems[0]).toMatchObject({ line: 6 });
      expect((e as Error).message).toMatch(/^redact\.yaml:6:/);
    }
  });
  it('rejects a pattern that does not compile and duplicate ids', () => {
    const bad = 'rules:\n  - id: redact/x\n    description: x\n    pattern: "([0-9]"\n    replace: "#"\n';
    expect(() => parseRedactRules(bad, 'r.yaml')).toThrow(/not a valid regular expression/);
    const dup = 'rules:\n' + '  - {id: redact/x, description: x, pattern: a, replace: b}\n'.repeat(2);
    expect(() => parseRedactRules(dup, 'r.yaml')).toThrow(/duplicate rule id/);
  });
});
