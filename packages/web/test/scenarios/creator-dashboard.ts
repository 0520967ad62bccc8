import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BrowserContext } from 'playwright-core';
import type { World } from '../support/world.js';
import { handle, PASSWORD, signedInContext } from '../support/app-server.js';
import { problemsOf, shot, watchPages } from '../support/page-checks.js';

/** A poster-like picture for the product (what a creator would upload). */
async function posterPng(file: string): Promise<void> {
  const svg = [
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">',
    '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">',
    '<stop offset="0" stop-color="#1e1b4b"/><stop offset="1" stop-color="#c2410c"/></linearGradient></defs>',
    '<rect width="800" height="800" fill="url(#g)"/>',
    '<circle cx="260" cy="300" r="170" fill="#fff" fill-opacity=".18"/>',
    '<circle cx="560" cy="520" r="110" fill="#fff" fill-opacity=".22"/>',
    '<text x="400" y="720" font-family="sans-serif" font-size="64" font-weight="700" fill="#fff" text-anchor="middle">',
    'NIGHT TOUR</text></svg>',
  ].join('');
  await sharp(Buffer.from(svg)).png().toFile(file);
}

export function creatorDashboard(w: World): void {
  describe('creators', () => {
    const contexts: BrowserContext[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'livedrops-web-img-'));
    after(async () => {
      await Promise.all(contexts.map((c) => c.close()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('a creator makes a product, schedules its drop, and watches it sell out on the live dashboard', async () => {
      const creator = await w.api.register(handle('night_tour'), true);
      const fans = await Promise.all(Array.from({ length: 4 }, () => w.api.register(handle('fan'))));
      for (const fan of fans.slice(0, 3)) await w.api.call('PUT', `/v1/me/following/${creator.id}`, fan.token);
      const ctx = await w.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
      contexts.push(ctx);
      await watchPages(ctx);
      const page = await ctx.newPage();
      await page.goto(`${w.url}/login`);
      await page.fill('#f-handle', creator.handle);
      await page.fill('#f-password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(`${w.url}/`);

      await page.click('a[href="/studio"]');
      await page.click('a[href="/studio/products/new"]');
      await page.fill('#f-title', 'Night Tour poster');
      await page.fill('#f-price', '35');
      await page.click('button:has-text("Create product")');
      await page.waitForSelector('#f-image');
      const picture = join(dir, 'poster.png');
      await posterPng(picture);
      await page.setInputFiles('#f-image', picture);
      await page.waitForSelector('img.preview');

      await page.click('a[href="/studio"]');
      await page.click('a[href="/studio/drops/new"]');
      await page.waitForSelector('#f-productId option', { state: 'attached' });
      const opensAt = await page.evaluate(() => {
        const ms = Date.now() + 4_000;
        return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
      });
      await page.fill('#f-startsAt', opensAt);
      await page.fill('#f-stock', '20');
      await page.click('button:has-text("Schedule")');
      // The form's own address (/studio/drops/new) matches [\w-]+ too: wait for the drop's.
      await page.waitForURL(/\/studio\/drops\/(?!new$)[\w-]+$/);
      const dropId = page.url().split('/').pop()!;
      await page.waitForSelector('.figures');

      // The fans buy as soon as it opens, a few units at a time, until nothing is left.
      const drop = await w.api.call('GET', `/v1/drops/${dropId}`);
      expect(drop).to.deep.include({ status: 'upcoming', stock: { total: 20, available: 20 } });
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(drop.startsAt) - Date.now()) + 300));
      // A fan who does not follow yet, signed in: the drop page as most buyers see it.
      const fanCtx = await w.browser.newContext({ viewport: { width: 1280, height: 760 }, colorScheme: 'light' });
      contexts.push(fanCtx);
      await signedInContext(fanCtx, w.url, fans[3]!.handle);
      const fanPage = await fanCtx.newPage();
      for (let round = 0; round < 5; round++) {
        await Promise.all(fans.map((fan) => w.api.order(fan.token, dropId, 1)));
        if (round === 2) {
          await fanPage.goto(`${w.url}/drops/${dropId}`);
          await fanPage.waitForSelector('.stock-text:has-text("8 of 20 left")');
          await shot(fanPage, 'drop-page-selling');
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const noneLeft = () =>
        [...document.querySelectorAll('.figure')].some(
          (f) => f.querySelector('dt')?.textContent === 'Left' && f.querySelector('.figure-value')?.textContent === '0',
        );
      await page.waitForFunction(noneLeft, null, { timeout: 5_000 });
      const figures = await page.$$eval('.figure', (els) =>
        Object.fromEntries(
          els.map((e) => [e.querySelector('dt')!.textContent, e.querySelector('.figure-value')!.textContent]),
        ),
      );
      expect(figures).to.include({ Sold: '20', Held: '0', Left: '0', Orders: '20' });
      expect(figures['Time to sell out']).to.match(/^\d+(\.\d+)? s$/);
      expect(figures['Followers who bought']).to.equal('100.0%'); // all three followers bought
      await page.waitForSelector('.deliveries td:has-text("Sold out")');
      await shot(page, 'dashboard', { readme: true });
      expect(await problemsOf(page)).to.deep.equal([]);
    });
  });
}
