import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import type { World } from '../support/world.js';
import { handle, PASSWORD } from '../support/app-server.js';
import { problemsOf, shot, watchPages } from '../support/page-checks.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Signs up through the form; the app lands on the drop list. */
async function signUp(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/register`);
  await page.fill('#f-handle', name);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${url}/`);
}

/** The Idempotency-Key of every order the page sends, and whether each answer was a replay. */
function watchOrders(page: Page): { keys: string[]; replayed: boolean[] } {
  const seen = { keys: [] as string[], replayed: [] as boolean[] };
  page.on(
    'request',
    (r) =>
      void (r.method() === 'POST' && r.url().endsWith('/v1/orders') && seen.keys.push(r.headers()['idempotency-key']!)),
  );
  page.on(
    'response',
    (r) =>
      void (
        r.request().method() === 'POST' &&
        r.url().endsWith('/v1/orders') &&
        seen.replayed.push(r.headers()['idempotent-replayed'] === 'true')
      ),
  );
  return seen;
}

const myOrders = async (ctx: BrowserContext, url: string): Promise<Array<{ quantity: number; dropId: string }>> =>
  (await (await ctx.request.get(`${url}/v1/me/orders`)).json()).data;

export function fanJourney(w: World): void {
  describe('fans', () => {
    const contexts: BrowserContext[] = [];
    after(() => Promise.all(contexts.map((c) => c.close())));
    const context = async () => {
      const ctx = await w.browser.newContext({ viewport: { width: 390, height: 844 } });
      await watchPages(ctx);
      contexts.push(ctx);
      return ctx;
    };

    it(
      'a fan signs up, follows, sees the drop open within 2 s without reloading, buys once with a double click; ' +
        'a second fan sees the stock fall live and buys through a dropped connection',
      async () => {
        const creator = await w.api.register(handle('poster_star'), true);
        const product = await w.api.call('POST', '/v1/products', creator.token, {
          title: 'Tour poster',
          priceCents: 4999,
          currency: 'EUR',
        });
        const [annCtx, beaCtx] = [await context(), await context()];
        const [ann, bea] = [await annCtx.newPage(), await beaCtx.newPage()];
        await Promise.all([signUp(ann, w.url, handle('ann')), signUp(bea, w.url, handle('bea'))]);
        await ann.goto(`${w.url}/creators/${creator.id}`);
        await ann.click(`button:has-text("Follow @${creator.handle}")`);
        await ann.waitForSelector('button[aria-pressed="true"]');

        // The drop opens a few seconds from now; both fans wait on its page.
        const startsAt = Date.now() + 5_000;
        const drop = await w.api.call('POST', '/v1/drops', creator.token, {
          productId: product.id,
          startsAt: iso(startsAt),
          endsAt: iso(startsAt + 3_600_000),
          stock: 5,
        });
        await ann.goto(`${w.url}/drops/${drop.id}`);
        await bea.goto(`${w.url}/drops/${drop.id}`);
        expect(await ann.textContent('.countdown')).to.match(/Opens in/);
        // Both pages stay the same documents from here on: nothing below reloads them.
        for (const p of [ann, bea]) await p.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

        await ann.waitForFunction(() => document.querySelector('.drop-status')?.textContent?.startsWith('Live'), null, {
          timeout: 20_000,
        });
        const openedAfter = Date.now() - startsAt;
        expect(openedAfter, 'ms from startsAt until the page said Live').to.be.below(2_000);
        await shot(ann, 'drop-live-375');
        await bea.waitForSelector('.stock-text:has-text("5 of 5 left")');

        const annOrders = watchOrders(ann);
        await ann.dblclick('.buy-button');
        await ann.waitForSelector('.buy-status .ok');
        const bought = Date.now();
        const annList = await myOrders(annCtx, w.url);
        expect(annList.map((o) => o.quantity)).to.deep.equal([1]);
        expect(new Set(annOrders.keys).size, 'one Idempotency-Key for the purchase').to.equal(1);

        // The other fan's page shows it within the second's poll, still the same document.
        await bea.waitForSelector('.stock-text:has-text("4 of 5 left")', { timeout: 3_000 });
        expect(Date.now() - bought).to.be.below(2_500);

        // Her order goes through but its answer is lost on the way back: the app asks again with
        // the same key and gets the first answer replayed, not a second order.
        const beaOrders = watchOrders(bea);
        let cut = false;
        await bea.route('**/v1/orders', async (route) => {
          if (cut) return route.continue();
          cut = true;
          await route.fetch();
          await route.abort('connectionreset');
        });
        await bea.click('.buy-button');
        await bea.waitForSelector('.buy-status .ok', { timeout: 10_000 });
        expect(beaOrders.keys).to.have.length(2);
        expect(new Set(beaOrders.keys).size).to.equal(1);
        expect(beaOrders.replayed.at(-1)).to.equal(true);
        expect((await myOrders(beaCtx, w.url)).map((o) => o.quantity)).to.deep.equal([1]);
        await bea.waitForSelector('.stock-text:has-text("3 of 5 left")');
        await shot(bea, 'drop-after-retry-375');

        // The inbox has the drop's start (she follows) and her order, without a reload; while it is
        // open, another fan's purchase takes the stock low, and that arrives live too.
        await ann.click('a[href="/inbox"]');
        await ann.waitForSelector('[data-type="order.confirmed"]');
        expect(await ann.textContent('[data-type="order.confirmed"]')).to.include('Order confirmed: 1 × Tour poster');
        expect(await ann.$('[data-type="drop.started"]')).to.not.equal(null);
        const cyd = await w.api.register(handle('cyd'));
        await w.api.order(cyd.token, drop.id, 2);
        await ann.waitForSelector('[data-type="stock.low"]', { timeout: 5_000 });
        expect(await ann.textContent('[data-type="stock.low"]')).to.include('Tour poster is almost gone (1 left)');
        await shot(ann, 'inbox-375');
        for (const p of [ann, bea]) {
          expect(await p.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).to.equal(true);
          expect(await problemsOf(p)).to.deep.equal([]);
        }

        // Logging out ends the session on the server too: the old cookie no longer signs anything in.
        const session = (await annCtx.cookies()).find((c) => c.name === 'ld_session')!;
        expect(session).to.include({ httpOnly: true, sameSite: 'Strict' });
        await ann.click('button:has-text("Log out")');
        await ann.waitForSelector('a[href="/login"]');
        expect((await annCtx.cookies()).map((c) => c.name)).to.not.include('ld_session');
        const replay = await fetch(`${w.url}/v1/me`, { headers: { Cookie: `ld_session=${session.value}` } });
        expect(replay.status).to.equal(401);
      },
    );
  });
}
