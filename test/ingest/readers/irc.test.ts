import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../../src/ingest/index.js';
import { irc } from '../../../src/ingest/readers/irc.js';
import { fixture } from '../helpers.js';

describe('irc reader', () => {
  const file = fixture('irc/2024-03-12_09.raw.txt');
  const { transcript, diagnostics } = readTranscriptFile(file);
  const msgs = transcript!.messages;
  const nonBlank = readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim() !== '');

  it('makes every non-blank line exactly one message, in order, with its 1-based line', () => {
    expect(transcript).toMatchObject({ format: 'irc', date: '2024-03-12' });
    expect(msgs.map((m) => m.line)).toEqual(nonBlank.map(([, n]) => n));
    expect(msgs.map((m) => m.id)).toEqual(nonBlank.map((_, i) => `m${i + 1}`));
  });

  it('reads `[HH:MM] <nick> text` with `:00` seconds and the file name’s day', () => {
    expect(msgs[1]).toMatchObject({ time: '09:14:00', timestamp: '2024-03-12T09:14:00', speaker: 'lin_xy', raw: 'anyone know if split settlement is real-time?', kind: 'text', kindRule: null });
    expect(msgs[11]).toMatchObject({ speaker: 'chen', raw: '分账退款要先回退分账资金吗？' });
    // an empty message is still a message
    expect(msgs[7]).toMatchObject({ line: 8, speaker: 'lin_xy', raw: '' });
  });

  it('keeps consecutive lines of one nick as separate messages (IRC has no multi-line messages)', () => {
    expect(msgs.slice(2, 4).map((m) => [m.speaker, m.raw])).toEqual([
      ['zhao', 'lin_xy: usually T+1, depends on the channel'],
      ['zhao', 'lin_xy: and on the reserve rules'],
    ]);
  });

  it('makes `===` lines system messages without a time', () => {
    expect(msgs[0]).toMatchObject({ kind: 'system', kindRule: 'reader/irc-type', speaker: '', time: '', timestamp: null, raw: 'lin_xy [~lin@203.0.113.5]  has joined #payments' });
    expect(msgs[6]).toMatchObject({ kind: 'system', raw: 'zhao is now known as zhao_away' });
  });

  it('reads actions and notices as said by their nick', () => {
    expect(msgs[4]).toMatchObject({ speaker: 'quentin', raw: 'checks the refund docs', kind: 'text' });
    expect(msgs[10]).toMatchObject({ line: 12, speaker: 'ChanServ', raw: 'Welcome to #payments' });
  });

  it('moves to the next day when the clock goes back', () => {
    expect(msgs.slice(-2).map((m) => m.timestamp)).toEqual(['2024-03-12T23:59:00', '2024-03-13T00:01:00']);
  });

  it('reports lines that do not parse and still keeps each as a message', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ file, line: 9, severity: 'error', message: 'invalid time `[25:00]`' }),
      expect.objectContaining({ file, line: 10, severity: 'error', message: 'line is neither a time-stamped event nor a `===` system line' }),
    ]);
    expect(msgs[8]).toMatchObject({ line: 9, speaker: '', time: '', raw: '[25:00] <chen> this line has an impossible time' });
    expect(msgs[9]).toMatchObject({ line: 10, raw: 'some stray text without a time stamp' });
  });

  it('reads the dated variant `#channel YYYY-MM-DD [HH:MM:SS] <nick> text`', () => {
    const dated = readTranscriptFile(fixture('irc/2024-03-12-dated.log'));
    expect(dated.diagnostics).toEqual([]);
    expect(dated.transcript).toMatchObject({ format: 'irc', title: '#payments', date: '2024-03-12' });
    expect(dated.transcript!.messages.map((m) => [m.line, m.timestamp, m.speaker, m.kind, m.raw])).toEqual([
      [1, '2024-03-12T09:14:05', 'lin_xy', 'text', 'anyone know if split settlement is real-time?'],
      [2, '2024-03-12T09:15:10', 'zhao', 'text', 'lin_xy: usually T+1'],
      [3, '2024-03-12T09:15:30', '', 'system', 'quentin [~q@198.51.100.7] has joined #payments'],
      [4, '2024-03-12T09:16:00', 'quentin', 'text', 'waves'],
      [5, '2024-03-13T00:00:01', 'chen', 'text', '分账退款要先回退吗？'],
    ]);
  });

  it('leaves timestamps null when the file name has no date', () => {
    const r = irc.read('[10:00] <a> hi\n[10:01] <b> a: hello\n', 'log.txt');
    expect(r.transcript.date).toBeNull();
    expect(r.transcript.messages.map((m) => [m.time, m.timestamp])).toEqual([
      ['10:00:00', null],
      ['10:01:00', null],
    ]);
  });

  describe('the stamps other loggers write', () => {
    const rows = (text: string, name = '#payments.2024-03-12.log') => {
      const r = irc.read(text, name);
      expect(r.diagnostics).toEqual([]);
      return r.transcript.messages.map((m) => [m.timestamp, m.speaker, m.kind, m.raw]);
    };

    it('Limnoria/Supybot ISO stamps', () => {
      expect(rows('2024-03-12T09:15:02  <linxy> 分账是实时的吗？\n2024-03-12T09:16:10  *** chen has joined #payments\n2024-03-12T09:17:00  <chen> 一般 T+1\n')).toEqual([
        ['2024-03-12T09:15:02', 'linxy', 'text', '分账是实时的吗？'],
        ['2024-03-12T09:16:10', '', 'system', 'chen has joined #payments'],
        ['2024-03-12T09:17:00', 'chen', 'text', '一般 T+1'],
      ]);
    });

    it('WeeChat, tab-separated, with its --> and <-- system lines and actions', () => {
      expect(rows('2024-03-12 09:15:02\t-->\tchen (~c@example.net) has joined #payments\n2024-03-12 09:15:30\t@linxy\t退款多久到账？\n2024-03-12 09:16:00\t *\tchen waves\n2024-03-12 09:17:00\tchen\t一般 T+1\n')).toEqual([
        ['2024-03-12T09:15:02', '', 'system', 'chen (~c@example.net) has joined #payments'],
        ['2024-03-12T09:15:30', 'linxy', 'text', '退款多久到账？'],
        ['2024-03-12T09:16:00', 'chen', 'text', 'waves'],
        ['2024-03-12T09:17:00', 'chen', 'text', '一般 T+1'],
      ]);
    });

    it('irssi (bare clock, nick modes) and ZNC with dates', () => {
      expect(rows('09:15 <@linxy> 退款多久到账？\n09:16 -!- chen [~c@example.net] has joined #payments\n09:17 <+chen> 一般 T+1\n')).toEqual([
        ['2024-03-12T09:15:00', 'linxy', 'text', '退款多久到账？'],
        ['2024-03-12T09:16:00', '', 'system', 'chen [~c@example.net] has joined #payments'],
        ['2024-03-12T09:17:00', 'chen', 'text', '一般 T+1'],
      ]);
      expect(rows('[2024-03-12 09:15:02] <linxy> 退款多久到账？\n[2024-03-12 09:17:00] <chen> 一般 T+1\n', 'log.txt')).toEqual([
        ['2024-03-12T09:15:02', 'linxy', 'text', '退款多久到账？'],
        ['2024-03-12T09:17:00', 'chen', 'text', '一般 T+1'],
      ]);
    });

    it('HexChat, its year taken from the file name', () => {
      expect(rows('Mar 12 09:15:02 <linxy>\t退款多久到账？\nMar 12 09:17:00 <chen>\t一般 T+1\n', '2024-03-12-payments.log')).toEqual([
        ['2024-03-12T09:15:02', 'linxy', 'text', '退款多久到账？'],
        ['2024-03-12T09:17:00', 'chen', 'text', '一般 T+1'],
      ]);
    });

    it('dircproxy with relative times: epoch stamps (UTC), the nick without its user and host', () => {
      expect(rows('@1710234902 <linxy!~lin@example.net> 退款多久到账？\n@1710234960 -chen!~c@example.net- 稍等\n@1710235020 <chen!~c@example.net> linxy: 一般 T+1\n', '#payments')).toEqual([
        ['2024-03-12T09:15:02', 'linxy', 'text', '退款多久到账？'],
        ['2024-03-12T09:16:00', 'chen', 'text', '稍等'],
        ['2024-03-12T09:17:00', 'chen', 'text', 'linxy: 一般 T+1'],
      ]);
    });

    it('detects each of them without --format', () => {
      for (const text of [
        '2024-03-12T09:15:02  <linxy> a\n2024-03-12T09:17:00  <chen> b\n',
        '2024-03-12 09:15:30\tlinxy\ta\n2024-03-12 09:17:00\tchen\tb\n',
        '09:15 <@linxy> a\n09:17 <+chen> b\n',
        'Mar 12 09:15:02 <linxy>\ta\nMar 12 09:17:00 <chen>\tb\n',
        '@1710234902 <linxy!~l@h> a\n@1710235020 <chen!~c@h> b\n',
      ]) {
        expect(irc.detect(text, 'x.log'), text).toBeGreaterThanOrEqual(0.9);
      }
    });
  });

  it('refuses a file that is mostly not IRC, even when asked to read it as IRC', () => {
    const r = readTranscriptFile(fixture('source/2019-04-02-chat.markdown'), { format: 'irc' });
    expect(r.transcript).toBeNull();
    expect(r.diagnostics[0]!.message).toMatch(/not an IRC log/);
  });
});
