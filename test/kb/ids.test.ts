import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryId, groupOf, isStableId, inputRoot, legacyEntryId, relativeTo, transcriptKey } from '../../src/kb/ids.js';
import { removeTemps, tempDir } from '../build/helpers.js';

afterAll(removeTemps);

describe('entry ids', () => {
  const q = { time: '09:30:42', speaker: '唐若溪-米粒出行-支付PM-北京', raw: '请问，用户申请退款都是原路退回吗？', platformId: null, timestamp: null };

  it('are the group, the day and a hash of the question message as written', () => {
    const id = entryId('/data/prodarch/2018-08-13-chat.markdown', '2018-08-13', q);
    expect(id).toMatch(/^prodarch-2018-08-13-[0-9a-f]{8}$/);
    expect(isStableId(id)).toBe(true);
    // Where the folder sits, or which folder the build was given, is no part of it.
    expect(entryId('prodarch/2018-08-13-chat.markdown', '2018-08-13', q)).toBe(id);
    expect(entryId('/elsewhere/prodarch/renamed.md', '2018-08-13', q)).toBe(id);
  });

  it('change with the message, not with spacing', () => {
    const id = entryId('prodarch/a.md', '2018-08-13', q);
    expect(entryId('prodarch/a.md', '2018-08-13', { ...q, raw: `  ${q.raw}\n` })).toBe(id);
    expect(entryId('prodarch/a.md', '2018-08-13', { ...q, time: '09:30:43' })).not.toBe(id);
    expect(entryId('prodarch/a.md', '2018-08-13', { ...q, speaker: '别人' })).not.toBe(id);
    expect(entryId('prodarch/a.md', '2018-08-14', q)).not.toBe(id);
    expect(entryId('devarch/a.md', '2018-08-13', q)).not.toBe(id);
  });

  it("use the platform's message id when the export has one, and the message's own day", () => {
    const tg = { ...q, platformId: '4711', timestamp: '2024-05-02T23:59:00' };
    expect(entryId('ops/result.json', '2024-05-01', tg)).toBe(entryId('ops/result.json', null, { ...tg, raw: 'edited later' }));
    expect(entryId('ops/result.json', '2024-05-01', tg)).toMatch(/^ops-2024-05-02-/);
    expect(entryId('ops/undated.txt', null, q)).toMatch(/^ops-undated-[0-9a-f]{8}$/);
  });

  it('keep the earlier, position-based form for migration', () => {
    expect(legacyEntryId('prodarch/2018-08-13-chat.markdown', 'm42')).toBe('prodarch-2018-08-13-chat-m42');
    expect(legacyEntryId('a\\b.md', 'm1')).toBe('a-b-m1');
    expect(isStableId('2018-08-13-chat-m42')).toBe(false);
    expect(groupOf('transcripts/2024-03-11-chat.markdown')).toBe('transcripts');
  });

  it('stay short and distinct for paths that are not plain ASCII or are long', () => {
    const a = transcriptKey('群聊/二〇二四年三月.md');
    const b = transcriptKey('群聊/二〇二四年四月.md');
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    const long = transcriptKey(`${'very-long-folder-name/'.repeat(4)}2024-03-11-chat.markdown`);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^very-long-folder-name-.*-[0-9a-f]{8}$/);
    expect(transcriptKey('Ops Group/2024 03 11.md')).toBe('ops-group-2024-03-11');
  });
});

describe('inputRoot', () => {
  it('is the folder given, or the deepest folder holding every input', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'x'), { recursive: true });
    mkdirSync(join(dir, 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'x', 't.md'), '');
    const isDir = (p: string) => !p.endsWith('.md');
    expect(inputRoot([join(dir, 'a')], isDir)).toBe(join(dir, 'a'));
    expect(inputRoot([join(dir, 'a', 'x', 't.md')], isDir)).toBe(join(dir, 'a', 'x'));
    expect(inputRoot([join(dir, 'a', 'x'), join(dir, 'b')], isDir)).toBe(dir);
    expect(relativeTo(join(dir, 'a'), join(dir, 'a', 'x', 't.md'))).toBe('x/t.md');
    expect(relativeTo(join(dir, 'b'), join(dir, 'a', 'x', 't.md'))).toBe(join(dir, 'a', 'x', 't.md').split(sep).join('/'));
  });
});
