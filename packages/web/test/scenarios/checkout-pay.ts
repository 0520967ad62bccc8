import { expect } from 'chai';
import type { World } from '../support/world.js';
import { holdOne, myOrders, orderOf, payDrop, watchPayments, useShop } from '../support/checkout.js';
import { axeViolations, overflowsX, problemsOf, shot } from '../support/page-checks.js';

/** Paying a hold on a pay drop: the test Visa, a declined card, a double click, Cancel. */
export function checkoutPay(w: World): void {
  describe('pay drops: the hold and its payment', () => {
    const shop = useShop(w);
    const fan = () => shop.fan();

    it('a fan holds a unit, finds it in My orders with its deadline, pays with pm_card_visa: confirmed', async () => {
      const drop = await payDrop(shop.shop, 5);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      expect(await page.textContent('.hold-held .tag')).to.equal('held');
      expect(await page.textContent('.hold-held .countdown')).to.match(/Time left to pay\s+00:(2\d|3[01])/);
      await page.waitForSelector('.stock-text:has-text("4 of 5 left")');
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await overflowsX(page)).to.equal(false);
      await shot(page, 'drop-page-hold-375');
      // The README's drop page: a hold, on the desktop in light.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await axeViolations(page, ['color-contrast', 'target-size'])).to.deep.equal([]);
      await shot(page, 'drop-page', { readme: true });
      await page.setViewportSize({ width: 375, height: 740 });

      // My orders lists the hold with its deadline; its Pay link leads back to the hold.
      await page.click('a[href="/orders"]');
      await page.waitForSelector('.pay-by');
      expect(await page.textContent('.row.order .tag')).to.equal('held');
      expect(await axeViolations(page)).to.deep.equal([]);
      await shot(page, 'orders-held-375');
      await page.click('.pay-by a:has-text("Pay")');
      await page.waitForSelector('.hold-held');
      expect(page.url()).to.include(`/drops/${drop.id}?order=`);

      const payments = watchPayments(page);
      await page.check('input[value="pm_card_visa"]');
      await page.click('.pay-button');
      await page.waitForSelector('.hold-confirmed');
      expect(await page.textContent('.hold-confirmed')).to.match(/Paid: order confirmed, 1 × Signed vinyl/);
      const [order] = await myOrders(ctx, w.url);
      expect(order).to.deep.include({ status: 'confirmed', quantity: 1 });
      expect(order.payment).to.include({ amountCents: 3500, currency: 'EUR' });
      expect(payments.map((p) => p.method)).to.deep.equal(['pm_card_visa']);
      expect(await problemsOf(page)).to.deep.equal([]);
    });

    it('a declined card says why and keeps the hold; another card then pays it (a new key)', async () => {
      const drop = await payDrop(shop.shop, 5);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      const payments = watchPayments(page);
      await page.check('input[value="pm_card_chargeDeclined"]');
      await page.click('.pay-button');
      await page.waitForSelector('.pay-status .error');
      expect(await page.textContent('.pay-status')).to.include('Card declined (card_declined)');
      expect(await page.$('.hold-held')).to.not.equal(null);
      const [held] = await myOrders(ctx, w.url);
      expect(held.status).to.equal('held');
      await shot(page, 'drop-page-declined-375');

      await page.check('input[value="pm_card_visa"]');
      await page.click('.pay-button');
      await page.waitForSelector('.hold-confirmed');
      expect((await orderOf(ctx, w.url, held.id)).status).to.equal('confirmed');
      expect(payments.map((p) => p.method)).to.deep.equal(['pm_card_chargeDeclined', 'pm_card_visa']);
      expect(new Set(payments.map((p) => p.key)).size, 'each card is a payment of its own').to.equal(2);
    });

    it('a double click on Pay makes one payment (a slow card: the second click comes as the first waits)', async () => {
      const drop = await payDrop(shop.shop, 5);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      const payments = watchPayments(page);
      await page.check('input[value="pm_card_slow"]');
      await page.dblclick('.pay-button');
      await page.waitForSelector('.pay-button[aria-busy="true"]');
      await page.waitForSelector('.hold-confirmed', { timeout: 15_000 });
      expect(payments).to.have.length(1);
      const [order] = await myOrders(ctx, w.url);
      expect(order.status).to.equal('confirmed');
      expect(order.payment.status).to.be.oneOf(['captured', 'authorized']);
    });

    it('a payment whose answer is lost is asked again with the same key and replayed: one payment', async () => {
      const drop = await payDrop(shop.shop, 5);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      const payments = watchPayments(page);
      const replayed = page.waitForResponse(
        (r) => r.url().endsWith('/payment') && r.headers()['idempotent-replayed'] === 'true',
      );
      // The server takes the first attempt and answers; the answer never reaches the page.
      let cut = false;
      await page.route('**/payment', async (route) => {
        if (cut) return route.continue();
        cut = true;
        await route.fetch();
        await route.abort('connectionreset');
      });
      await page.click('.pay-button');
      // (The stream's order.confirmed may show the payment before the retry's answer comes.)
      expect((await replayed).status()).to.equal(200);
      await page.waitForSelector('.hold-confirmed');
      expect(payments).to.have.length(2);
      expect(new Set(payments.map((p) => p.key)).size).to.equal(1);
      expect((await myOrders(ctx, w.url))[0].status).to.equal('confirmed');
    });

    it('Cancel ends the hold and its unit goes back on sale at once', async () => {
      const drop = await payDrop(shop.shop, 3);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      await page.waitForSelector('.stock-text:has-text("2 of 3 left")');
      await page.click('.cancel-hold');
      await page.waitForSelector('.hold-cancelled');
      const said = await page.textContent('.hold-cancelled');
      expect(said).to.include('You cancelled your hold: the 1 unit went back on sale');
      await page.waitForSelector('.stock-text:has-text("3 of 3 left")', { timeout: 3_000 });
      expect((await myOrders(ctx, w.url))[0].status).to.equal('cancelled');
      // The Buy panel is back for another try.
      expect(await page.$('.buy-button:not([disabled])')).to.not.equal(null);
    });
  });
}
