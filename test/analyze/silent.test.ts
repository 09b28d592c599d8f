// Which kinds carry no words is rules/noise.yaml's `silent` list, not code: a reader's own
// kinds (voice and video from WeChat databases, Telegram, WhatsApp) are skipped because the
// list names them.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { normalize } from '../../src/normalize/index.js';
import type { Transcript } from '../../src/model.js';
import { chat, resources } from '../link/helpers.js';

const A = '林小雨-青禾支付-支付产品-杭州';
const B = '陈思远-星河银行-清算运营-上海';

/** A day whose second message a reader exported as a voice message (with its label as text). */
function day(): Transcript {
  const res = resources();
  const t = normalize(
    chat([
      ['10:00:00', A, '请问代付通道一般怎么对账？'],
      ['10:01:00', B, '[语音] 那代付要走哪个通道？'],
      ['10:02:00', B, '按渠道的对账文件逐笔核对就行'],
    ]),
    res.normalize,
  );
  return { ...t, messages: t.messages.map((m, i) => (i === 1 ? { ...m, kind: 'voice' } : m)) };
}

describe('silent kinds', () => {
  it('the shipped rules name the voice and video kinds readers produce', () => {
    const silent = resources().normalize.silent;
    for (const k of ['image', 'sticker', 'empty', 'voice', 'video']) expect(silent.has(k)).toBe(true);
    expect(silent.has('text')).toBe(false);
  });

  it('a message of a silent kind is skipped, whatever its text says', () => {
    const a = analyze(day(), resources());
    expect(a.map((x) => x.skip)).toEqual([false, true, false]);
    expect(a[1]!.terms).toEqual([]);
  });

  it('a kind the list leaves out is analysed like text', () => {
    const res = resources();
    const silent = new Set([...res.normalize.silent].filter((k) => k !== 'voice'));
    const a = analyze(day(), { ...res, normalize: { ...res.normalize, silent } });
    expect(a[1]!.skip).toBe(false);
    expect(a[1]!.terms).toContain('代付');
  });
});
