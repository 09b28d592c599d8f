/**
 * The built-in site in a real browser (Debian's Chromium through playwright-core): search
 * in Chinese and in English finds the seed day's two questions, a glossary term opens at
 * its anchor, and no page logs an error. Skipped where no Chromium is installed
 * (CHROMIUM_PATH, else /usr/bin/chromium).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadConfig } from '../../src/kb/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { readSite, sitePages } from '../../src/site/build.js';
import { writeSite } from '../../src/site/write.js';
import { copyExamples, removeTemps, resources, RULES_DIR, tempDir } from '../build/helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

describe.skipIf(!existsSync(CHROMIUM))('the built-in site in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let base = '';
  const errors: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    copyExamples(join(dir, 'transcripts'));
    const out = join(dir, 'output');
    build({ inputs: [join(dir, 'transcripts')], out, config: loadConfig(undefined, PACKAGE_ROOT).config, rulesDir: RULES_DIR }, resources());
    const site = join(dir, 'site');
    writeSite(site, sitePages(readSite(out), { drafts: true }));
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '');
      const file = join(site, path || 'index.html');
      if (!file.startsWith(site) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
    removeTemps();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(`${path}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    await page.goto(base + path);
    return page;
  }

  async function search(page: Page, query: string): Promise<string[]> {
    await page.fill('#q', query);
    await page.waitForFunction((q) => (document.getElementById('q') as HTMLInputElement).value === q && document.getElementById('hits')!.hasAttribute('data-count'), query);
    return page.$$eval('#hits li a', (as) => as.map((a) => a.textContent ?? ''));
  }

  it('finds the refund entries for 原路退回, and the inflow/outflow entry in English', async () => {
    const page = await open('index.html');
    const refunds = await search(page, '原路退回');
    expect(refunds.some((t) => t.includes('原路退回吗'))).toBe(true);
    expect(refunds).toContain('原路退回');
    const english = await search(page, 'inflow');
    expect(english.some((t) => t.includes('入账和出账'))).toBe(true);
    expect(await search(page, '完全不相关的词语组合')).toEqual([]);
    await page.close();
  });

  it('opens a glossary term from the search, at its anchor, and an entry links its terms there', async () => {
    const page = await open('index.html');
    await search(page, '非原路退款');
    await page.click('#hits li.term a');
    await page.waitForURL(/glossary\.html#/);
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`[id="${anchor}"]`).count()).toBe(1);
    expect(await page.locator('h2', { hasText: '非原路退款' }).count()).toBeGreaterThan(0);

    await page.goto(base + 'index.html');
    await page.click('a:has-text("原路退回吗")');
    const termLink = page.locator('a[href*="glossary.html#"]').first();
    await termLink.click();
    await page.waitForURL(/glossary\.html#/);
    await page.close();
  });

  it('logs no errors on any page it opened', () => {
    expect(errors).toEqual([]);
  });
});
