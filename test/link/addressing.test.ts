// Addressing by name without @ (rules/addressing.yaml, src/normalize/nicks.ts): which
// speakers a line names. Every nick and message here is invented.
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/rules/load.js';
import { findNickMentions, nickCore, parseAddressingRules } from '../../src/normalize/nicks.js';
import { normalize } from '../../src/normalize/index.js';
import { chat, ircLog, resources } from './helpers.js';

function named(lines: string[]): string[][] {
  const t = normalize(ircLog(lines), resources().normalize);
  return t.messages.map((m) => m.mentions.map((x) => x.speaker ?? '?'));
}

describe('rules/addressing.yaml', () => {
  // Each form's own examples are run by the rule tester (test/rules/tester.test.ts).
  it('rejects a form without a (?<nick>…) group, with the line', () => {
    const text = ['id: address/nick', 'description: d', 'window: {messages: 10, minutes: 5}', 'forms:', '  - id: address/x', '    description: d', "    pattern: '^(\\w+):'", '    known: transcript', '    minLength: 1', '    stopWords: false', 'stopWords: []'].join('\n');
    expect(() => parseAddressingRules(text)).toThrow(DataFileError);
    expect(() => parseAddressingRules(text)).toThrow(/addressing\.yaml:7:\d+: the pattern needs a named group/);
  });
});

describe('nick mentions', () => {
  it('finds `nick: text` and `nick, text` at the start of a line', () => {
    const out = named([
      '[10:00] <marta_> my wifi drops every few minutes',
      '[10:01] <tobiasz> marta_: which card is it?',
      '[10:01] <marta_> tobiasz, an old broadcom one',
    ]);
    expect(out).toEqual([[], ['marta_'], ['tobiasz']]);
  });

  it('matches a nick up to case and end punctuation (`Marta:` for marta_)', () => {
    const out = named(['[10:00] <marta_> hello', '[10:01] <tobiasz> Marta: try a live usb']);
    expect(out[1]).toEqual(['marta_']);
  });

  it('prefers the speaker with exactly that name to one who only shares its core', () => {
    const out = named(['[10:00] <kim> hello', '[10:01] <kim_> hi there', '[10:02] <renko> kim: and you?']);
    expect(out[2]).toEqual(['kim']);
  });

  it('takes a name anywhere in the line only for someone who spoke recently', () => {
    const out = named([
      '[10:00] <pellow> gparted cannot shrink my root partition',
      '[10:01] <renko> boot a live usb first',
      '[10:02] <pellow> that worked, thanks renko',
      '[10:03] <renko> ask ferrant about lvm, not me',
    ]);
    // ferrant never spoke: not a name; renko did.
    expect(out[2]).toEqual(['renko']);
    expect(out[3]).toEqual([]);
  });

  it('never takes a stop word or a too-short word for a name, nor the speaker themself', () => {
    const out = named([
      '[10:00] <help> is anyone around',
      '[10:00] <al> me too',
      '[10:01] <renko> I need help with grub, al knows it',
      '[10:02] <renko> renko here again',
    ]);
    expect(out[2]).toEqual([]);
    expect(out[3]).toEqual([]);
  });

  it('gives system lines no names', () => {
    const out = named(['[10:00] <marta_> hi', '=== marta_ is now known as marta']);
    expect(out[1]).toEqual([]);
  });

  it('keeps @mentions and adds no nick to a message that has them (WeChat)', () => {
    const t = normalize(
      chat([
        ['10:00:00', '林小雨-某某支付-产品-杭州', '请问退款是原路返回吗'],
        ['10:01:00', '周一帆-某某科技-开发-上海', '@林小雨-某某支付-产品-杭州 是的，原路返回'],
      ]),
      resources().normalize,
    );
    expect(t.messages[1]!.mentions.map((x) => x.speaker)).toEqual(['林小雨-某某支付-产品-杭州']);
    expect(t.messages[1]!.mentions[0]!.raw.startsWith('@')).toBe(true);
  });

  it('is off in a transcript where people address each other with @', () => {
    const t = normalize(
      chat([
        ['10:00:00', 'Orrin', '有没有做过跨境代付的'],
        ['10:01:00', '林小雨-某某支付-产品-杭州', '@Orrin 我们做过'],
        ['10:02:00', '周一帆-某某科技-开发-上海', '上次Orrin讲过这个通道'],
      ]),
      resources().normalize,
    );
    expect(t.messages[1]!.mentions.map((x) => x.speaker)).toEqual(['Orrin']);
    expect(t.messages[2]!.mentions).toEqual([]);
  });

  it('offsets point at the name in the text', () => {
    const rules = resources().normalize.addressing!;
    const t = ircLog(['[10:00] <marta_> hi', '[10:01] <tobiasz> so, marta_: did it work?']);
    const [, second] = findNickMentions(t.messages, rules);
    expect(second).toHaveLength(1);
    expect(t.messages[1]!.text.slice(second![0]!.start, second![0]!.end)).toBe('marta_');
  });

  it('nickCore drops end punctuation only', () => {
    expect(nickCore('_Kim|away_')).toBe('kim|away');
    expect(nickCore('[x]')).toBe('x');
  });
});
