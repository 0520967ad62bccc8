import { expect } from 'chai';
import type { SkewedClock, World } from '../support/world.js';
import { holdOne, myOrders, payDrop, watchPayments, useShop } from '../support/checkout.js';
import { problemsOf } from '../support/page-checks.js';

/** The payment answers that are not a plain yes: the processor unreachable, the deadline passed. */
export function checkoutAnswers(w: World, clock: SkewedClock): void {
  describe('pay drops: when paying does not simply work', () => {
    const shop = useShop(w);
    const fan = () => shop.fan();

    it('503 payment_unavailable keeps the hold and the key: Pay again finishes the same payment', async () => {
      const drop = await payDrop(shop.shop, 5);
      const { ctx, page } = await fan();
      await holdOne(page, w.url, drop.id);
      const payments = watchPayments(page);
      // The processor's every retry failed (what pm_card_flaky does now and then): nothing stored.
      let answered = false;
      await page.route('**/payment', (route) => {
        if (answered) return route.continue();
        answered = true;
        return route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 503, code: 'payment_unavailable', title: 'Payment unavailable', detail: '' }),
        });
      });
      await page.click('.pay-button');
      await page.waitForSelector('.pay-status .error');
      expect(await page.textContent('.pay-status')).to.include('The payment service did not answer. Your hold stays');
      expect(await page.$('.hold-held')).to.not.equal(null);
      await page.click('.pay-button');
      await page.waitForSelector('.hold-confirmed');
      expect(payments).to.have.length(2);
      expect(new Set(payments.map((p) => p.key)).size, 'the same payment, asked again').to.equal(1);
      expect((await myOrders(ctx, w.url))[0].status).to.equal('confirmed');
    });

    it("409 hold_expired: past the server's deadline (page clock behind, no stream) Pay says it expired", async () => {
      const drop = await payDrop(shop.shop, 2);
      const { ctx, page } = await fan();
      await page.route('**/v1/me/notifications/**', (route) => route.abort());
      await holdOne(page, w.url, drop.id);
      clock.jump(31_000);
      const refused = page.waitForResponse((r) => r.url().endsWith('/payment'));
      await page.click('.pay-button');
      const answer = await refused;
      expect(answer.status()).to.equal(409);
      expect((await answer.json()).code).to.equal('hold_expired');
      await page.waitForSelector('.hold-expired');
      expect(await page.textContent('.hold-expired')).to.include('Your hold expired: the 1 unit went back on sale');
      await page.waitForSelector('.stock-text:has-text("2 of 2 left")', { timeout: 4_000 });
      expect((await myOrders(ctx, w.url))[0].status).to.equal('expired');
      expect(await problemsOf(page)).to.deep.equal([]);
    });
  });
}
