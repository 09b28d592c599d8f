import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryId, inputRoot, relativeTo, transcriptKey } from '../../src/kb/ids.js';
import { removeTemps, tempDir } from '../build/helpers.js';

afterAll(removeTemps);

describe('entry ids', () => {
  it('come from the transcript path and the first question message, not from wording', () => {
    expect(entryId('prodarch/2018-08-13-chat.markdown', 'm42')).toBe('prodarch-2018-08-13-chat-m42');
    expect(entryId('2024-03-11-chat.markdown', 'm3')).toBe('2024-03-11-chat-m3');
    expect(entryId('a\\b.md', 'm1')).toBe('a-b-m1');
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
