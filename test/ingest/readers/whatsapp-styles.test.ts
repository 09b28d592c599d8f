/**
 * The header styles of WhatsApp exports across phones and locales: each written as that
 * phone writes it (a made-up two-message chat), each read with the right day and time.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/ingest/detect.js';
import { whatsappTxt } from '../../../src/ingest/readers/whatsapp-txt.js';

const N = '\u202f';
const styles = {
  'iOS en-GB': ['[12/03/2024, 09:15:02] 林小雨: 只支持原路退回吗？', '[12/03/2024, 21:16:40] 赵一鸣: 卡注销了可以走非原路退款'],
  'iOS en-US': [`[3/12/24, 9:15:02${N}AM] 林小雨: 只支持原路退回吗？`, `[3/12/24, 9:16:40${N}PM] 赵一鸣: 卡注销了可以走非原路退款`],
  'Android en-GB': ['12/03/2024, 09:15 - 林小雨: 只支持原路退回吗？', '12/03/2024, 21:16 - 赵一鸣: 卡注销了可以走非原路退款'],
  'Android en-US': [`3/12/24, 9:15${N}AM - 林小雨: 只支持原路退回吗？`, `3/12/24, 9:16${N}PM - 赵一鸣: 卡注销了可以走非原路退款`],
  'Android de': ['12.03.24, 09:15 - 林小雨: 只支持原路退回吗？', '12.03.24, 21:16 - 赵一鸣: 卡注销了可以走非原路退款'],
  'iOS de': ['[12.03.24, 09:15:02] 林小雨: 只支持原路退回吗？', '[12.03.24, 21:16:40] 赵一鸣: 卡注销了可以走非原路退款'],
  'Android es 12h': ['12/3/24, 9:15 a. m. - 林小雨: 只支持原路退回吗？', '12/3/24, 9:16 p. m. - 赵一鸣: 卡注销了可以走非原路退款'],
  'Android en-CA a.m.': ['2024-03-12, 9:15 a.m. - 林小雨: 只支持原路退回吗？', '2024-03-12, 9:16 p.m. - 赵一鸣: 卡注销了可以走非原路退款'],
  'Android en-IN pm': ['12/03/2024, 9:15 am - 林小雨: 只支持原路退回吗？', '12/03/2024, 9:16 pm - 赵一鸣: 卡注销了可以走非原路退款'],
  'Android zh-CN': ['2024/3/12 09:15 - 林小雨: 只支持原路退回吗？', '2024/3/12 21:16 - 赵一鸣: 卡注销了可以走非原路退款'],
  'Android zh-CN 12h': ['2024/3/12 上午9:15 - 林小雨: 只支持原路退回吗？', '2024/3/12 下午9:16 - 赵一鸣: 卡注销了可以走非原路退款'],
  'iOS zh-CN': ['[2024/3/12 09:15:02] 林小雨: 只支持原路退回吗？', '[2024/3/12 21:16:40] 赵一鸣: 卡注销了可以走非原路退款'],
  'iOS zh 12h': ['[2024/3/12 上午9:15:02] 林小雨: 只支持原路退回吗？', '[2024/3/12 下午9:16:40] 赵一鸣: 卡注销了可以走非原路退款'],
  'Android nl': ['12-03-2024 09:15 - 林小雨: 只支持原路退回吗？', '12-03-2024 21:16 - 赵一鸣: 卡注销了可以走非原路退款'],
  'iOS fr': ['[12/03/2024 09:15:02] 林小雨: 只支持原路退回吗？', '[12/03/2024 21:16:40] 赵一鸣: 卡注销了可以走非原路退款'],
  'Android ko': ['2024. 3. 12. 오전 9:15 - 林小雨: 只支持原路退回吗？', '2024. 3. 12. 오후 9:16 - 赵一鸣: 卡注销了可以走非原路退款'],
  'iOS ja': ['[2024/03/12 9:15:02] 林小雨: 只支持原路退回吗？', '[2024/03/12 21:16:40] 赵一鸣: 卡注销了可以走非原路退款'],
  'Android ru': ['12.03.2024, 09:15 - 林小雨: 只支持原路退回吗？', '12.03.2024, 21:16 - 赵一鸣: 卡注销了可以走非原路退款'],
};

describe('WhatsApp header styles', () => {
  it('covers at least 12 styles', () => {
    expect(Object.keys(styles).length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(styles))('%s: detected and read with its day and time', (_name, lines) => {
    const text = lines.join('\n') + '\n';
    expect(detectFormat(text, 'WhatsApp Chat.txt')?.format).toBe('whatsapp-txt');
    const r = whatsappTxt.read(text, 'WhatsApp Chat.txt');
    expect(r.diagnostics).toEqual([]);
    const seconds = lines[0]!.startsWith('[');
    expect(r.transcript.messages.map((m) => [m.timestamp, m.speaker, m.raw])).toEqual([
      [seconds ? '2024-03-12T09:15:02' : '2024-03-12T09:15:00', '林小雨', '只支持原路退回吗？'],
      [seconds ? '2024-03-12T21:16:40' : '2024-03-12T21:16:00', '赵一鸣', '卡注销了可以走非原路退款'],
    ]);
  });

  it('reads 中午 as around noon and keeps a 24-hour hour written after 下午', () => {
    const r = whatsappTxt.read('2024/3/12 中午12:05 - 林小雨: 午饭后对账\n2024/3/12 中午1:10 - 赵一鸣: 好\n', 'WhatsApp Chat.txt');
    expect(r.transcript.messages.map((m) => m.time)).toEqual(['12:05:00', '13:10:00']);
  });
});
