import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import { fanPage, myOrders, openShop, type Shop } from '../support/checkout.js';
import { drawDrop, jumpBoth, watchOrders } from '../support/fair-access.js';
import { axeViolations, overflowsX, problemsOf, shot } from '../support/page-checks.js';
import type { SkewedClock, World } from '../support/world.js';

/**
 * A draw in the browser: enter while entries are open, "You're in", the draw at the close (the
 * clock jumps to it), `draw.won` on the stream opens Buy, one order; the fairness record shows the
 * commitment first and the revealed seed after.
 */
export function fairDraw(w: World, clock: SkewedClock): void {
  describe('draws', () => {
    let shop: Shop;
    const contexts: BrowserContext[] = [];
    before(async () => {
      shop = await openShop(w.api, w.url);
    });
    after(() => Promise.all(contexts.map((c) => c.close())));

    it('enter the draw, win it, buy: one order; the seed is revealed after the draw', async () => {
      const drop = await drawDrop(shop, clock, 1, 60_000);
      const { ctx, page } = await fanPage(w.browser, shop, 'entrant');
      contexts.push(ctx);
      await page.clock.install();
      const streaming = page.waitForResponse((r) => r.url().includes('/v1/me/notifications/stream'));
      // Entries open a second after the drop is made.
      await jumpBoth(clock, page, 1_500);
      await page.goto(`${w.url}/drops/${drop.id}`);
      await streaming;
      expect(await page.textContent('.draw .hint')).to.match(/Entries close at/);
      expect(await page.textContent('.fairness')).to.include('Not yet revealed');
      await page.click('.enter-draw');
      await page.waitForSelector('.draw-entered');
      expect(await page.textContent('.draw-entered')).to.include("You're in the draw");
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await overflowsX(page)).to.equal(false);
      await shot(page, 'drop-page-draw-entered-375');

      await jumpBoth(clock, page, 60_000);
      await page.waitForSelector('.draw-won', { timeout: 8_000 });
      await page.waitForSelector('.draw-won .buy-button:not([disabled])', { timeout: 5_000 });
      await page.waitForSelector('.fairness .seed', { timeout: 5_000 });
      expect(await page.textContent('.fairness .seed')).to.match(/^[0-9a-f]{64}$/);
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await overflowsX(page)).to.equal(false);
      await shot(page, 'drop-page-draw-won-375');
      const orders = watchOrders(page);
      await page.click('.draw-won .buy-button');
      await page.waitForSelector('.buy-status .ok');
      expect(orders).to.have.length(1);
      expect((await myOrders(ctx, w.url)).map((o) => o.status)).to.deep.equal(['confirmed']);
      expect(await problemsOf(page)).to.deep.equal([]);
    });

    it('a pay draw: the win comes with a hold, shown on the page at once; paying it confirms the order', async () => {
      const drop = await drawDrop(shop, clock, 1, 60_000, { checkout: 'pay', holdSeconds: 60 });
      const { ctx, page } = await fanPage(w.browser, shop, 'payentrant');
      contexts.push(ctx);
      await page.clock.install();
      const streaming = page.waitForResponse((r) => r.url().includes('/v1/me/notifications/stream'));
      await jumpBoth(clock, page, 1_500);
      await page.goto(`${w.url}/drops/${drop.id}`);
      await streaming;
      await page.click('.enter-draw');
      await page.waitForSelector('.draw-entered');
      await jumpBoth(clock, page, 60_000);
      // draw.won carries the hold: the hold panel takes the draw's place without a reload.
      await page.waitForSelector('.hold-held', { timeout: 8_000 });
      await page.check('input[value="pm_card_visa"]');
      await page.click('.pay-button');
      await page.waitForSelector('.hold-confirmed');
      expect((await myOrders(ctx, w.url)).map((o) => o.status)).to.deep.equal(['confirmed']);
      expect(await problemsOf(page)).to.deep.equal([]);
    });
  });
}
