/**
 * The normalize stage on the real corpus (private; absent in CI, then skipped).
 * Asserts shares and counts only, so no corpus text ends up in the repository.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTranscriptFile } from '../../src/ingest/index.js';
import type { Message, Transcript } from '../../src/model.js';
import { normalize } from '../../src/normalize/index.js';
import { CORPUS, rules } from './helpers.js';

const SOURCE = join(CORPUS, 'cocolian-source');

/** The days the export doubled (every message twice under two display names). */
const DOUBLED = [
  'devarch/2017-12-18-chat.markdown',
  'prodarch/2017-12-18-chat.markdown',
  'prodarch/2017-12-19-chat.markdown',
  'prodarch/2017-12-21-chat.markdown',
  'proddev/2017-12-17-chat.markdown',
  'proddev/2017-12-22-chat.markdown',
  'proddev/2017-12-26-chat.markdown',
];

describe.skipIf(!existsSync(SOURCE))('normalize on cocolian-source', () => {
  let files: string[] = [];
  const days: { file: string; t: Transcript }[] = [];
  let messages: Message[] = [];
  // Read in beforeAll: a skipped suite's body still runs at collection, without the corpus.
  beforeAll(() => {
    files = readdirSync(SOURCE, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.markdown'))
      .sort();
    for (const file of files) {
      const { transcript } = readTranscriptFile(join(SOURCE, file));
      if (transcript) days.push({ file: file.split('\\').join('/'), t: normalize(transcript, rules()) });
    }
    messages = days.flatMap((d) => d.t.messages);
  });

  it('normalizes every day without an exception and keeps every message', () => {
    expect(days.length).toBe(files.length);
    expect(days.length).toBeGreaterThan(100);
    expect(messages.length).toBeGreaterThan(40_000);
  });

  it('gives plausible shares of each kind', () => {
    const share = (k: string) => messages.filter((m) => m.kind === k).length / messages.length;
    expect(share('text')).toBeGreaterThan(0.75);
    expect(share('text')).toBeLessThan(0.95);
    expect(share('checkin')).toBeGreaterThan(0.01);
    expect(share('checkin')).toBeLessThan(0.08);
    expect(share('emoji')).toBeGreaterThan(0.02);
    expect(share('emoji')).toBeLessThan(0.15);
    expect(share('image')).toBeGreaterThan(0.01);
    expect(share('image')).toBeLessThan(0.06);
    expect(share('empty')).toBeLessThan(0.01);
    for (const k of ['link', 'file', 'news', 'announcement', 'system', 'sticker']) {
      expect(messages.some((m) => m.kind === k), k).toBe(true);
    }
    for (const m of messages) expect(m.kindRule === null).toBe(m.kind === 'text');
  });

  it('leaves no entity, odd space or private-use character in the text', () => {
    const bad = messages.filter((m) => /&(?:amp|lt|gt|quot|#\d+);|[\u00a0\u3000\ue000-\uf8ff]/u.test(m.text));
    expect(bad.length).toBe(0);
  });

  it('marks duplicates on the doubled December 2017 days and almost nowhere else', () => {
    const doubled: string[] = [];
    for (const { file, t } of days) {
      const marked = t.messages.filter((m) => m.duplicateOf !== null).length;
      const share = marked / Math.max(1, t.messages.length);
      if (share >= 0.25) doubled.push(file);
      else expect(share, file).toBeLessThan(0.01);
      for (const m of t.messages) {
        if (m.duplicateOf === null) continue;
        const first = t.messages.find((x) => x.id === m.duplicateOf)!;
        expect(first.time).toBe(m.time);
        expect(first.text).toBe(m.text);
      }
    }
    expect(doubled.sort()).toEqual(DOUBLED);
  });

  it('resolves most quote-replies and many mentions, with offsets on the @', () => {
    const quoted = messages.filter((m) => m.quote !== null);
    expect(quoted.length).toBeGreaterThan(50);
    expect(quoted.filter((m) => m.quote!.messageId !== null).length / quoted.length).toBeGreaterThan(0.8);
    const mentions = messages.flatMap((m) => m.mentions.map((x) => ({ m, x })));
    expect(mentions.length).toBeGreaterThan(3000);
    expect(mentions.filter(({ x }) => x.speaker !== null).length / mentions.length).toBeGreaterThan(0.5);
    for (const { m, x } of mentions) {
      const written = m.text.slice(x.start, x.end);
      expect(written.startsWith('@')).toBe(true);
      expect([written, `${written}?`, `${written}？`]).toContain(x.raw);
    }
  });

  it('gives most speakers a name', () => {
    const profiles = new Map(messages.filter((m) => m.profile).map((m) => [m.speaker, m.profile!]));
    const named = [...profiles.values()].filter((p) => p.name !== null).length;
    expect(named / profiles.size).toBeGreaterThan(0.95);
  });
});
