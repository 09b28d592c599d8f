// The reply graph on small invented transcripts, one rule at a time: replies by name,
// addressed-author chains, continuation, conversation starts and system lines, in IRC
// English and in a WeChat-like Chinese group.
import { describe, expect, it } from 'vitest';
import { chat, handResources, ircLog, linkTranscript } from './helpers.js';

describe('IRC replies by name', () => {
  const g = linkTranscript(
    ircLog([
      '[10:00] <marta_> my wifi drops every few minutes since the upgrade', // 1
      '[10:00] <pellow> gparted will not start here', // 2
      '[10:01] <tobiasz> marta_: try the bcmwl-kernel-source package', // 3
      '[10:01] <renko> pellow, run it with sudo from a terminal', // 4
      '[10:02] <tobiasz> marta_: and reboot after installing it', // 5
    ]),
  );

  it('`nick: text` replies to that nick\'s latest message', () => {
    expect(g.parentLine(3)).toBe(1);
    expect(g.linkAt(3)!.because[0]!.match).toBe('marta_');
  });

  it('`nick, text` does too', () => {
    expect(g.parentLine(4)).toBe(2);
  });

  it('naming the same person again, before they answer, goes on from one\'s own line', () => {
    expect(g.parentLine(5)).toBe(3);
    expect(g.linkAt(5)!.rule).toBe('link/mention-again');
  });
});

describe('which of the named person\'s messages', () => {
  it('prefers their message that named the replier over a later one to someone else', () => {
    const g = linkTranscript(
      ircLog([
        '[10:00] <pellow> my laptop will not suspend', // 1
        '[10:01] <renko> pellow: which kernel is that', // 2
        '[10:01] <renko> ferrant: your fstab line looks fine', // 3
        '[10:02] <ferrant> ok thanks', // 4
        '[10:02] <pellow> renko: the one from the updates pocket', // 5
      ]),
    );
    expect(g.parentLine(5)).toBe(2);
  });
});

describe('IRC addressed-author chains', () => {
  it('a line naming nobody, by someone just named, replies to whoever named them', () => {
    const g = linkTranscript(
      ircLog([
        '[10:00] <marta_> my wifi drops every few minutes', // 1
        '[10:01] <tobiasz> marta_: install the bcmwl-kernel-source package', // 2
        '[10:01] <pellow> gparted will not start here', // 3
        '[10:02] <marta_> ok, installing it now', // 4
      ]),
    );
    expect(g.parentLine(4)).toBe(2);
    expect(g.linkAt(4)!.rule).toBe('link/addressed-reply');
  });

  it('once they have spoken since, the naming no longer counts', () => {
    const g = linkTranscript(
      ircLog([
        '[10:00] <tobiasz> marta_: install the bcmwl-kernel-source package', // 1
        '[10:01] <marta_> ok, installing it now', // 2
        '[10:05] <pellow> good morning everyone', // 3
        '[10:20] <marta_> the package is installed', // 4
      ]),
    );
    expect(g.linkAt(4)?.rule).not.toBe('link/addressed-reply');
  });
});

describe('IRC continuation by the same author', () => {
  it('the next line of the same speaker, soon after, goes on from their previous one', () => {
    const g = linkTranscript(
      ircLog([
        '[10:00] <marta_> my wifi drops every few minutes', // 1
        '[10:00] <pellow> gparted will not start here', // 2
        '[10:01] <marta_> it started after the upgrade to the new release', // 3
      ]),
    );
    expect(g.parentLine(3)).toBe(1);
    expect(g.linkAt(3)!.rule).toBe('link/continuation');
  });
});

describe('IRC conversation starts', () => {
  const g = linkTranscript(
    ircLog([
      '[10:00] <marta_> my wifi drops every few minutes', // 1
      '[10:01] <tobiasz> marta_: install the bcmwl-kernel-source package', // 2
      '=== pellow [~q@example.org] has joined #ubuntu', // 3
      '[10:02] <pellow> hi all, does anyone know how to shrink an ext4 partition?', // 4
      '[10:02] <renko> pellow: resize2fs, from a live usb', // 5
    ]),
  );

  it('the first line starts a conversation', () => {
    expect(g.parentLine(1)).toBeNull();
  });

  it('a greeting or a question to the whole channel starts one', () => {
    expect(g.parentLine(4)).toBeNull();
  });

  it('a system line (`===`) starts one and is nobody\'s parent by default', () => {
    expect(g.parentLine(3)).toBeNull();
    expect(g.parentLine(5)).toBe(4);
  });

  it('a line long after everything else starts one', () => {
    const late = linkTranscript(
      ircLog([
        '[10:00] <marta_> my wifi drops every few minutes', // 1
        '[10:01] <pellow> gparted will not start here', // 2
        '[12:30] <renko> the mirror is slow today', // 3
      ]),
    );
    expect(late.parentLine(3)).toBeNull();
  });
});

describe('WeChat-like Chinese group', () => {
  const A = '林小雨-某某支付-产品-杭州';
  const B = '周一帆-某某科技-开发-上海';
  const C = '王可-某某银行-风控-北京';

  it('an @mention answers the named person\'s question', () => {
    const g = linkTranscript(
      chat([
        ['10:00:00', A, '请问退款一般是原路返回吗？'],
        ['10:01:00', C, '今天系统有点慢'],
        ['10:02:00', B, `@${A} 是的，一般原路返回`],
      ]),
    );
    expect(g.parentLine(3)).toBe(1);
    expect(g.linkAt(3)!.rule).toBe('link/mention');
  });

  it('the asker\'s next message right after their question continues it', () => {
    const g = linkTranscript(
      chat([
        ['10:00:00', A, '请教个问题'],
        ['10:00:30', A, '跨境收单的结算周期一般多久？'],
      ]),
    );
    expect(g.parentLine(2)).toBe(1);
  });

  it('where people seldom name each other, being @named does not decide what one answers', () => {
    const g = linkTranscript(
      chat([
        ['10:00:00', C, '今天系统有点慢'],
        ['10:00:30', A, `@${B} 你们的代付通道稳定吗`],
        ['10:01:00', C, '请问跨境收单的结算周期一般多久？'],
        ['10:01:30', A, '我们这边在排查'],
        ['10:02:00', C, '有人知道吗'],
        ['10:02:30', B, '一般是T+1结算'],
      ]),
    );
    // One naming in six messages: a WeChat-like group, so no addressed-author chain.
    expect(g.linkAt(6)?.rule).not.toBe('link/addressed-reply');
    expect(g.parentLine(6)).not.toBe(2);
  });

  it('a greeting to the group starts a conversation', () => {
    const g = linkTranscript(
      chat([
        ['10:00:00', C, '今天系统有点慢'],
        ['10:00:20', B, '大家好，请教一个代付通道的问题'],
      ]),
    );
    expect(g.parentLine(2)).toBeNull();
  });
});

describe('the answer scorer stays out of channels that name whom they reply to', () => {
  it('on IRC a reply after a question gets its parent from names and turns, not from answer/scored', () => {
    const g = linkTranscript(
      ircLog([
        '[11:00] <oskar> how do i mount an ntfs drive read-write?', // 1
        '[11:00] <ilse> bertram: the iso checksum matched here', // 2
        '[11:01] <bertram> ilse: thanks, burning it now', // 3
        '[11:01] <fenna> install ntfs-3g and mount it with the ntfs-3g type', // 4
        '[11:02] <oskar> fenna: that worked, thanks', // 5
      ]),
    );
    const rules = g.messages.map((m) => g.linkAt(m.line)?.rule);
    expect(rules).not.toContain('answer/scored');
    expect(g.parentLine(5)).toBe(4);
  });

  it('in a WeChat-like group, where few messages name anyone, it scores answers', () => {
    const g = linkTranscript(
      chat([
        ['09:00:00', '林小雨-青禾支付-支付产品-杭州', '请问代付一般怎么控制风险？'],
        ['09:01:00', '陈思远-星河银行-清算运营-上海', '代付一般要做白名单和限额，风险主要在收款账户'],
      ]),
    );
    expect(g.messages.map((m) => g.linkAt(m.line)?.rule)).toContain('answer/scored');
  });
});

describe('answer scorer: names', () => {
  it('a reply naming someone no header matches may still answer the open question', () => {
    // The asker's header is not the nickname the reply uses, so the name stays unresolved.
    const g = linkTranscript(
      chat([
        ['10:00:00', 'Tony', '请问跨境收单的结算周期一般多久？'],
        ['10:00:40', '陈思远-星河银行-清算运营-上海', '@托尼-某某支付-产品 跨境收单一般是T+1结算'],
      ]),
    );
    expect(g.messages[1]!.mentions[0]!.speaker).toBeNull();
    expect(g.linkAt(2)!.rule).toBe('answer/scored');
    expect(g.linkAt(2)!.because.map((h) => h.rule)).not.toContain('answer/mentions-other');
  });

  it('a reply naming another known member is weighed down as an answer to this asker', () => {
    const rows = (reply: string): [string, string, string][] => [
      ['10:00:00', 'Tony', '请问跨境收单的结算周期一般多久？'],
      ['10:00:40', '陈思远-星河银行-清算运营-上海', reply],
      ['10:05:00', '林小雨-青禾支付-支付产品-杭州', '收到'],
    ];
    expect(linkTranscript(chat(rows('跨境收单一般是T+1结算'))).linkAt(2)?.rule).toBe('answer/scored');
    expect(linkTranscript(chat(rows('@林小雨-青禾支付-支付产品-杭州 跨境收单一般是T+1结算'))).linkAt(2)?.rule).not.toBe('answer/scored');
  });
});

describe('answer scorer: shared cards', () => {
  const Q = '孙可心-米粒出行-支付PM-北京';
  const S = '陈思远-星河银行-清算运营-上海';
  it('a news card passed on after a question does not answer it', () => {
    const g = linkTranscript(
      chat([
        ['10:00:00', Q, '跨境收单的结算周期一般多久？'],
        ['10:00:40', S, '[某某支付获得跨境牌照，年内上线](http://news.example.com/a/1.html)'],
      ]),
      // The hand-set weights: the fitted ones weigh a card less against its shared words.
      handResources(),
    );
    expect(g.messages[1]!.kind).toBe('link');
    expect(g.linkAt(2)?.rule).not.toBe('answer/scored');
  });

  it('a card answers a request for a document', () => {
    const g = linkTranscript(
      chat([
        ['10:00:00', Q, '请问谁有网联的接口规范文档？求发一份'],
        ['10:00:40', S, '[网联平台接口规范V2.0.pdf]()'],
      ]),
    );
    expect(g.linkAt(2)!.rule).toBe('answer/scored');
    expect(g.linkAt(2)!.because.map((h) => h.rule)).toContain('answer/type-resource');
  });
});

describe('answer scorer: questions put to someone', () => {
  const Q = '孙可心-米粒出行-支付PM-北京';
  const X = '陈思远-星河银行-清算运营-上海';
  const Y = '周海涛_云帆科技_产品_深圳';
  it('a reply right after a question put to someone else weighs less as its answer', () => {
    const g = linkTranscript(
      chat([
        ['09:00:00', X, '早'],
        ['10:00:00', Q, `@${X} 分账系统有啥建议`],
        ['10:00:30', Y, '一般先看合规，再看技术'],
      ]),
      handResources(),
    );
    const hits = g.linkAt(3)?.because.map((h) => h.rule) ?? [];
    expect(g.linkAt(3)?.rule !== 'answer/scored' || hits.includes('answer/asked-other')).toBe(true);
    const open = linkTranscript(
      chat([
        ['09:00:00', X, '早'],
        ['10:00:00', Q, '分账系统有啥建议'],
        ['10:00:30', Y, '一般先看合规，再看技术'],
      ]),
      handResources(),
    );
    expect(open.linkAt(3)!.rule).toBe('answer/scored');
    expect(open.linkAt(3)!.score).toBeGreaterThan(g.linkAt(3)?.rule === 'answer/scored' ? g.linkAt(3)!.score : 0);
  });
});
