import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import type { SkewedClock, World } from '../support/world.js';
import { fanPage, holdOne, myOrders, openShop, payDrop, type Shop } from '../support/checkout.js';
import { axeViolations, problemsOf, shot } from '../support/page-checks.js';

const EXPIRED = 'Your hold expired: the 1 unit went back on sale';

/**
 * Holds running out, and the waitlist. The server's clock is the test's to move: a 30 s hold
 * (the least the API allows) is brought to its last seconds by a jump instead of a wait.
 */
export function checkoutExpiry(w: World, clock: SkewedClock): void {
  describe('pay drops: expiry and the waitlist', () => {
    let shop: Shop;
    const contexts: BrowserContext[] = [];
    before(async () => {
      shop = await openShop(w.api, w.url);
    });
    after(() => Promise.all(contexts.map((c) => c.close())));
    const fan = async (name?: string) => {
      const f = await fanPage(w.browser, shop, name);
      contexts.push(f.ctx);
      return f;
    };

    it('the countdown reaches zero: the page says the hold expired and shows the unit back', async () => {
      const drop = await payDrop(shop, 2);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      // No notification stream: the page's own countdown (on the server's clock) has to tell.
      await page.route('**/v1/me/notifications/**', (route) => route.abort());
      clock.jump(25_000);
      await page.reload();
      await page.waitForSelector('.hold-held');
      expect(await page.textContent('.hold-held .countdown')).to.match(/00:0[1-5]/);
      await page.waitForSelector('.hold-expired', { timeout: 8_000 });
      expect(await page.textContent('.hold-expired')).to.include(EXPIRED);
      await page.waitForSelector('.stock-text:has-text("2 of 2 left")', { timeout: 4_000 });
      expect((await myOrders(ctx, w.url))[0].status).to.equal('expired');
      await shot(page, 'drop-page-expired-375');
    });

    it('order.expired on the stream ends the hold on the page even when its clock is behind', async () => {
      const drop = await payDrop(shop, 2);
      const { page } = await fan();
      const streaming = page.waitForResponse((r) => r.url().includes('/v1/me/notifications/stream'));
      await holdOne(page, w.url, drop.id);
      await streaming;
      // The server passes the deadline; the page's countdown still shows about 30 s.
      clock.jump(31_000);
      const jumped = Date.now();
      await page.waitForSelector('.hold-expired', { timeout: 5_000 });
      expect(Date.now() - jumped, 'ms from the deadline to the page saying so').to.be.below(4_000);
      expect(await page.textContent('.hold-expired')).to.include(EXPIRED);
      await page.waitForSelector('.stock-text:has-text("2 of 2 left")', { timeout: 4_000 });
      expect(await problemsOf(page)).to.deep.equal([]);
    });

    it('a sold-out pay drop has a waitlist; returned units are held for the waiters, who are led to them', async () => {
      const drop = await payDrop(shop, 2);
      const first = await fan('holder');
      const [ada, bob] = [await fan('ada'), await fan('bob')];
      const held = await w.api.order(first.token, drop.id, 2);
      for (const { page } of [ada, bob]) {
        await page.goto(`${w.url}/drops/${drop.id}`);
        await page.click('.waitlist-button:has-text("Join the waitlist")');
        await page.waitForSelector('.waitlist-button:has-text("Leave the waitlist")');
      }
      expect(await axeViolations(ada.page)).to.deep.equal([]);
      await shot(ada.page, 'drop-page-waitlist-375');
      const list = await (await ada.ctx.request.get(`${w.url}/v1/me/waitlist`)).json();
      expect(list.data.map((e: { dropId: string }) => e.dropId)).to.deep.equal([drop.id]);
      // Bob goes on browsing elsewhere in the app; Ada stays on the drop's page.
      await bob.page.click('nav a[href="/"]');
      await bob.page.waitForURL(`${w.url}/`);

      // The first fan lets both units go: the server holds one for each waiting fan and tells them.
      await w.api.call('POST', `/v1/orders/${held.id}/cancel`, first.token);
      await ada.page.waitForSelector('.hold-held', { timeout: 5_000 });
      await bob.page.waitForSelector('.offer-note a', { timeout: 5_000 });
      expect(await axeViolations(bob.page)).to.deep.equal([]);
      await bob.page.click('.offer-note a');
      await bob.page.waitForSelector('.hold-held');
      expect(await bob.page.$('.offer-note')).to.equal(null);
      await bob.page.check('input[value="pm_card_visa"]');
      await bob.page.click('.pay-button');
      await bob.page.waitForSelector('.hold-confirmed');
      expect((await myOrders(bob.ctx, w.url))[0]).to.deep.include({ status: 'confirmed', quantity: 1 });
      expect((await myOrders(ada.ctx, w.url))[0]).to.deep.include({ status: 'held', quantity: 1 });
      for (const { page } of [ada, bob]) expect(await problemsOf(page)).to.deep.equal([]);
    });
  });
}
