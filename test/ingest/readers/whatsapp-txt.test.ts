import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { whatsappTxt } from '../../../src/ingest/readers/whatsapp-txt.js';
import { fixture } from '../helpers.js';

describe('whatsapp-txt reader, iOS layout', () => {
  const file = fixture('whatsapp-txt/WhatsApp Chat - 支付产品交流群.txt');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads `[DD/MM/YYYY, HH:MM:SS] Name: text` headers', () => {
    expect(transcript).toMatchObject({ format: 'whatsapp-txt', date: '2024-03-12', title: '支付产品交流群', meta: { dateOrder: 'dmy' } });
    expect(msgs.map((m) => [m.line, m.timestamp, m.speaker, m.kind])).toEqual([
      [1, '2024-03-12T09:14:00', '', 'system'],
      [2, '2024-03-12T09:14:05', '', 'system'],
      [3, '2024-03-12T09:15:02', '林小雨', 'text'],
      [4, '2024-03-12T09:16:40', '赵一鸣', 'text'],
      [8, '2024-03-12T09:17:05', '陈默', 'image'],
      [9, '2024-03-12T09:17:20', '陈默', 'sticker'],
      [12, '2024-03-12T09:19:10', 'Quentin Marsh', 'text'],
      [13, '2024-03-12T09:20:00', '赵一鸣', 'text'],
      [14, '2024-03-12T09:21:00', '林小雨', 'file'],
    ]);
  });

  it('joins continuation lines, blank ones included, to the message before', () => {
    expect(msgs[3]!.raw).toBe('一般是T+1结算\n实时分账要看通道是否支持\n\n还要看备付金的要求');
    // only the first `: ` separates the name
    expect(msgs[7]!.raw).toBe('Yes: reverse the split first, then refund the order.');
  });

  it('makes lines without `Name:` and the U+200E notices system lines', () => {
    expect(msgs[0]).toMatchObject({ kindRule: 'reader/whatsapp-txt-type', raw: expect.stringMatching(/^Messages and calls are end-to-end encrypted/) });
    expect(msgs[1]!.raw).toBe('林小雨 added Quentin Marsh');
  });

  it('marks omitted media with their kind', () => {
    expect(msgs[4]).toMatchObject({ raw: 'image omitted', kindRule: 'reader/whatsapp-txt-type' });
    expect(msgs[5]!.raw).toBe('sticker omitted');
  });

  it('reports a header with an impossible date and drops its continuation', () => {
    expect(diagnostics).toEqual([expect.objectContaining({ file, line: 10, severity: 'error', message: 'message header has an invalid date' })]);
    expect(msgs.some((m) => m.raw.includes('坏消息'))).toBe(false);
  });
});

describe('whatsapp-txt reader, Android layout', () => {
  const file = fixture('whatsapp-txt/WhatsApp Chat with Payments Ops.txt');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;

  it('reads `M/D/YY, h:mm AM - Name: text` headers with the narrow no-break space', () => {
    expect(transcript).toMatchObject({ title: 'Payments Ops', meta: { dateOrder: 'mdy' } });
    expect(msgs.map((m) => [m.line, m.time, m.speaker])).toEqual([
      [1, '09:14:00', ''],
      [2, '09:14:00', ''],
      [3, '09:15:00', 'Lin Xiaoyu'],
      [4, '09:16:00', 'Zhao Yiming'],
      [6, '09:17:00', 'Chen Mo'],
      [8, '12:05:00', 'Quentin Marsh'],
      [9, '00:30:00', ''],
    ]);
    expect(msgs[0]!.timestamp).toBe('2024-03-12T09:14:00');
  });

  it('keeps a quoted `a: b` inside a system line out of the speaker', () => {
    expect(msgs[1]).toMatchObject({ kind: 'system', raw: 'Lin Xiaoyu created group "Payments Ops: split settlement"' });
    expect(msgs[2]!.raw).toBe('Quick question: is split settlement real-time?');
  });

  it('reads a multi-line message, `<Media omitted>` and a leave notice', () => {
    expect(msgs[3]!.raw).toBe('Usually T+1.\nReal-time split depends on the acquiring channel.');
    expect(msgs[4]).toMatchObject({ kind: 'image', raw: '<Media omitted>' });
    expect(msgs[6]).toMatchObject({ kind: 'system', raw: 'Zhao Yiming left' });
  });

  it('reports a header without its dash', () => {
    expect(diagnostics).toEqual([expect.objectContaining({ file, line: 7, severity: 'error', message: 'malformed message header' })]);
  });
});

describe('whatsapp-txt date order', () => {
  it('reads D/M when a day is above 12 and Y/M/D when the year comes first', () => {
    const dmy = whatsappTxt.read('03/04/2024, 10:00 - A: x\n25/04/2024, 10:00 - B: y\n', 'c.txt').transcript;
    expect(dmy.messages.map((m) => m.timestamp)).toEqual(['2024-04-03T10:00:00', '2024-04-25T10:00:00']);
    const mdy = whatsappTxt.read('04/03/24, 10:00 - A: x\n04/25/24, 10:00 - B: y\n', 'c.txt').transcript;
    expect(mdy.messages.map((m) => m.timestamp)).toEqual(['2024-04-03T10:00:00', '2024-04-25T10:00:00']);
    const ymd = whatsappTxt.read('2024/4/3 10:00 - 林小雨: 好\n', 'c.txt').transcript;
    expect(ymd.messages[0]).toMatchObject({ timestamp: '2024-04-03T10:00:00', speaker: '林小雨' });
  });

  it('turns 12 AM into 00 and 12 PM into 12', () => {
    const t = whatsappTxt.read('[1/2/24, 12:01:05 AM] A: x\n[1/2/24, 12:01:05 PM] A: y\n', 'c.txt').transcript;
    expect(t.messages.map((m) => m.time)).toEqual(['00:01:05', '12:01:05']);
  });

  it('reads the 12-hour clocks of other locales: a.m./p.m. and p. m. with no-break spaces', () => {
    const t = whatsappTxt.read('13/3/24, 9:05\u00a0a.\u00a0m. - Ana: hola\n13/3/24, 9:07\u202fp.\u202fm. - Luis: ¿qué tal?\n[13/3/24, 9:08:30 p.m.] Ana: bien\n', 'c.txt').transcript;
    expect(t.messages.map((m) => [m.timestamp, m.speaker])).toEqual([
      ['2024-03-13T09:05:00', 'Ana'],
      ['2024-03-13T21:07:00', 'Luis'],
      ['2024-03-13T21:08:30', 'Ana'],
    ]);
  });

  it("marks media placeholders in the phone's language as media, not text", () => {
    const text = [
      '13.03.24, 10:00 - Jonas: <Medien ausgeschlossen>',
      '13/03/24, 10:01 - Ana: <Multimedia omitido>',
      '[13/03/24, 10:02:00] 林小雨: <附件：00000012-PHOTO-2024-03-13-10-02-00.jpg>',
      '[13/03/24, 10:03:00] 林小雨: <附件：00000013-AUDIO-2024-03-13-10-03-00.opus>',
      '13/03/24, 10:04 - Ana: <Medien> sind hier nur ein Wort',
    ].join('\n');
    const t = whatsappTxt.read(`${text}\n`, 'c.txt').transcript;
    expect(t.messages.map((m) => m.kind)).toEqual(['image', 'image', 'image', 'voice', 'text']);
  });
});
