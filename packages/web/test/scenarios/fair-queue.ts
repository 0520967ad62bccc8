import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import { fanPage, myOrders, openShop, type Shop } from '../support/checkout.js';
import { jumpBoth, myId, queueDrop, watchOrders } from '../support/fair-access.js';
import { axeViolations, overflowsX, problemsOf, shot } from '../support/page-checks.js';
import type { SkewedClock, World } from '../support/world.js';

async function until(check: () => Promise<boolean>, ms = 8_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A waiting room in the browser: join before the start, see one's place once the line is drawn,
 * be let in as those ahead let their passes lapse (the clock jumps 121 s, past an instant drop's
 * 120 s pass), buy with the pass: one order. The stock is one unit, so one pass is in play at a time.
 */
export function fairQueue(w: World, clock: SkewedClock): void {
  describe('waiting rooms', () => {
    let shop: Shop;
    const contexts: BrowserContext[] = [];
    before(async () => {
      shop = await openShop(w.api, w.url);
    });
    after(() => Promise.all(contexts.map((c) => c.close())));

    /** A drop, the fan in its pre-queue (through the page) with three others; drawn at the start. */
    async function drawnLine() {
      const drop = await queueDrop(shop, clock, 1, 60_000);
      const fan = await fanPage(w.browser, shop, 'queuer');
      contexts.push(fan.ctx);
      const { page } = fan;
      await page.clock.install();
      const streaming = page.waitForResponse((r) => r.url().includes('/v1/me/notifications/stream'));
      await page.goto(`${w.url}/drops/${drop.id}`);
      await streaming;
      await page.click('.join-queue');
      await page.waitForSelector('.queue-position:has-text("drawn when the drop opens")');
      for (let i = 0; i < 3; i++) {
        const other = await w.api.register(`q_other_${i}_${Math.random().toString(36).slice(2, 7)}`);
        await w.api.call('POST', `/v1/drops/${drop.id}/queue`, other.token);
      }
      await jumpBoth(clock, page, 61_000);
      const me = await myId(fan.ctx, w.url);
      let order: string[] = [];
      for (let t = 0; t < 40 && !order.length; t++) {
        order = (await w.api.call('GET', `/v1/drops/${drop.id}/fairness`)).order ?? [];
        if (!order.length) await new Promise((r) => setTimeout(r, 250));
      }
      return { drop, ...fan, rank: order.indexOf(me) };
    }

    it('join before the start, a place in line, admitted live, Buy sends the pass: exactly one order', async () => {
      let line = await drawnLine();
      await shot(line.page, 'drop-page-queue-waiting-375');
      // The draw is random: a fan drawn first is let in at once and never sees a place. Draw again.
      for (let i = 0; line.rank === 0 && i < 5; i++) line = await drawnLine();
      const { ctx, page, drop, rank } = line;
      expect(rank).to.be.greaterThan(0);
      await page.waitForSelector(`.queue-position:has-text("Your place in line: ${rank}.")`, { timeout: 5_000 });
      expect(await axeViolations(page)).to.deep.equal([]);
      expect(await overflowsX(page)).to.equal(false);
      expect(await page.textContent('.fairness')).to.match(/Seed commitment\s*[0-9a-f]{64}/);
      await shot(page, 'drop-page-queue-position-375');

      // Those ahead let their passes lapse, one by one: the fan moves up, then is let in.
      // (Each next one is let in by the admission loop within moments: wait for it before the next jump.)
      for (let ahead = rank; ahead > 0; ahead--) {
        await jumpBoth(clock, page, 121_000);
        await until(async () => {
          const place = await (await ctx.request.get(`${w.url}/v1/drops/${drop.id}/queue`)).json();
          return place.state === 'admitted' || place.position === ahead - 1;
        });
      }
      await page.waitForSelector('.queue-admitted', { timeout: 8_000 });
      expect(await page.textContent('.queue-admitted .countdown')).to.match(/Your turn to buy ends in\s+0[12]:\d\d/);
      expect(await axeViolations(page)).to.deep.equal([]);
      await shot(page, 'drop-page-queue-admitted-375');
      const orders = watchOrders(page);
      await page.dblclick('.buy-button');
      await page.waitForSelector('.buy-status .ok');
      expect(orders.length).to.be.greaterThan(0);
      expect(new Set(orders.map((o) => o.key)).size, 'one key').to.equal(1);
      expect(orders[0]!.pass).to.match(/^qp_[0-9a-f]{64}$/);
      const mine = await myOrders(ctx, w.url);
      expect(mine.map((o) => o.status)).to.deep.equal(['confirmed']);
      expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).to.not.include(
        'qp_',
      );
      expect(await problemsOf(page)).to.deep.equal([]);
    });

    it('followers first: the window is shown, and a non-follower is told why they cannot join yet', async () => {
      const startsAt = clock.now() - 1_000;
      const drop = await queueDrop(shop, clock, 5, -1_000, {
        followersFirstUntil: new Date(startsAt + 3_600_000).toISOString(),
      });
      const { ctx, page } = await fanPage(w.browser, shop, 'latecomer');
      contexts.push(ctx);
      await page.goto(`${w.url}/drops/${drop.id}`);
      expect(await page.textContent('.followers-first')).to.match(/Followers first until \d\d?:\d\d/);
      await page.click('.join-queue');
      await page.waitForSelector('.queue [role="alert"]');
      expect(await page.textContent('.queue [role="alert"]')).to.include('only fans who followed the creator before');
      expect(await axeViolations(page)).to.deep.equal([]);
      await shot(page, 'drop-page-followers-first-375');
    });
  });
}
