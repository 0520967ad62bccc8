import { expect } from 'chai';
import type { World } from '../support/world.js';
import { handle } from '../support/app-server.js';
import { describeLoad, measureFirstLoad } from '../support/first-load.js';

/** The budget: at most 100 KB of JavaScript (gzip) on a first load. */
const JS_BUDGET_GZIP = 100 * 1024;

export function firstLoad(w: World): void {
  describe('first load', () => {
    it('/ and a drop page load under the JavaScript budget; their size and timings are printed', async () => {
      const creator = await w.api.register(handle('load_star'), true);
      const product = await w.api.call('POST', '/v1/products', creator.token, {
        title: 'Enamel pin',
        priceCents: 900,
        currency: 'EUR',
      });
      const now = Date.now();
      const drop = await w.api.call('POST', '/v1/drops', creator.token, {
        productId: product.id,
        startsAt: new Date(now - 1_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        stock: 50,
      });
      for (const path of ['/', `/drops/${drop.id}`]) {
        const r = await measureFirstLoad(w.browser, w.url, path);
        console.log(`      first load ${describeLoad(r)}`);
        expect(r.transferred.js).to.be.above(0);
        expect(r.gzip.js).to.be.at.most(JS_BUDGET_GZIP);
        // The app hydrates the server's page: what was painted first stays (and stays the LCP).
        expect(r.lcpKept, 'the LCP element is still in the page').to.equal(true);
      }
    });
  });
}
