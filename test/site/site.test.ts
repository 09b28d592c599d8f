import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { readSite, sitePages } from '../../src/site/build.js';
import { markdownToHtml, pageLink } from '../../src/site/html.js';
import { tokenize } from '../../src/site/tokenize.js';
import { MANIFEST, writeSite } from '../../src/site/write.js';
import { copyExamples, removeTemps, resources, RULES_DIR, snapshot, tempDir } from '../build/helpers.js';

afterAll(removeTemps);

describe('tokenize', () => {
  it('cuts Chinese into character pairs and keeps English words and codes whole', () => {
    expect(tokenize('原路退回')).toEqual(['原路', '路退', '退回']);
    expect(tokenize('T+1 到账 Inflow/Outflow')).toEqual(['t+1', '到账', 'inflow', 'outflow']);
    expect(tokenize('退')).toEqual(['退']);
    expect(tokenize('ＳＤＫ，接口')).toEqual(['sdk', '接口']);
  });
  it('is self-contained, so its source can run in the browser', () => {
    const again = new Function(`return (${tokenize.toString()})`)() as typeof tokenize;
    expect(again('非原路退款 refund')).toEqual(tokenize('非原路退款 refund'));
  });
});

describe('pageLink and markdownToHtml', () => {
  it('turns links to Markdown files into links to pages', () => {
    expect(pageLink('../../glossary.md#原路退回')).toBe('../../glossary.html#原路退回');
    expect(pageLink('faq/README.md')).toBe('faq/index.html');
    expect(pageLink('https://example.com/a.md')).toBe('https://example.com/a.md');
    expect(pageLink('#t1')).toBe('#t1');
  });
  it('drops the link, keeping its text, to a page the site does not have', () => {
    const html = markdownToHtml('见 [草稿](faq/refunds/x.md) 和 [术语](glossary.md#t1)', 'index.html', new Set(['glossary.html']));
    expect(html).toContain('见 草稿 和 <a href="glossary.html#t1">术语</a>');
  });
});

describe('chatkb site build', () => {
  function kb(): string {
    const dir = tempDir();
    copyExamples(join(dir, 'transcripts'));
    const out = join(dir, 'output');
    build({ inputs: [join(dir, 'transcripts')], out, config: loadConfig(undefined, PACKAGE_ROOT).config, rulesDir: RULES_DIR }, resources());
    return out;
  }

  it('shows readers approved entries only, drafts behind a flag, and no link into what it leaves out', () => {
    const out = kb();
    const entries = readSite(out).entries;
    const approved = entries.find((e) => e.content.includes('原路退回吗'))!;
    writeFileSync(join(out, approved.path), approved.content.replace('status: draft', 'status: approved'));
    const readers = sitePages(readSite(out));
    const pages = readers.map((f) => f.path).filter((p) => p.startsWith('faq/'));
    // The entry's page and its topic's page.
    expect(pages).toEqual([`faq/${approved.topic}/index.html`, approved.path.replace(/\.md$/, '.html')].sort());
    const all = new Set(readers.map((f) => f.path));
    for (const f of readers.filter((x) => x.path.endsWith('.html'))) {
      for (const [, href] of f.content.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
        if (/^(?:https?:|data:)/.test(href!)) continue;
        const target = join(f.path, '..', href!).replace(/\\/g, '/');
        expect(all.has(target), `${f.path} → ${href}`).toBe(true);
      }
    }
    const withDrafts = sitePages(readSite(out), { drafts: true }).filter((f) => f.path.startsWith('faq/') && !f.path.endsWith('/index.html'));
    expect(withDrafts.length).toBe(entries.length);
  });

  it('links each source back to its transcript line when told where transcripts are online', () => {
    const files = sitePages(readSite(kb()), { drafts: true, sourceBase: 'https://git.example.com/kb/blob/main/' });
    const refund = files.find((f) => !f.path.endsWith('index.html') && f.content.includes('原路退回吗'))!;
    expect(refund.content).toMatch(/<a href="https:\/\/git\.example\.com\/kb\/blob\/main\/transcripts\/2024-03-11-chat\.markdown#L\d+">/);
  });

  it('writes the same bytes twice, and removes only the pages it wrote before', () => {
    const out = kb();
    const site = join(out, '..', 'site');
    writeSite(site, sitePages(readSite(out), { drafts: true }));
    writeFileSync(join(site, 'mine.txt'), 'an editor put this here');
    const first = snapshot(site);
    expect(writeSite(site, sitePages(readSite(out), { drafts: true }))).toEqual({ written: 0, removed: 0 });
    expect(snapshot(site)).toEqual(first);
    const readersOnly = writeSite(site, sitePages(readSite(out)));
    expect(readersOnly.removed).toBeGreaterThan(0);
    expect(existsSync(join(site, 'mine.txt'))).toBe(true);
    expect(readFileSync(join(site, MANIFEST), 'utf8')).not.toContain('faq/');
  });
});
