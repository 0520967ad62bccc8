import { inventoryContract } from '@livedrops/adapters/testing';
import { expect } from 'chai';
import { ledgerHarness, orderThroughLedger } from '../src/custom-inventory.js';
import { hostShop } from '../src/mount-koa.js';
import { serveWithoutCache } from '../src/serve-container.js';
import { orderAfterAnHour } from '../src/virtual-clock.js';

describe('examples', () => {
  describe('a custom Inventory (LedgerInventory)', () => {
    inventoryContract(ledgerHarness);

    it('takes an order through the container', async () => {
      expect(await orderThroughLedger()).to.deep.equal({ ok: true, ledgerSold: 1 });
    });
  });

  it('a virtual clock moves the use cases and the adapters together', async () => {
    expect(await orderAfterAnHour()).to.deep.equal({ before: 'drop_not_live', after: true });
  });

  it('the API mounted under /shop of another Koa app', async () => {
    const shop = await hostShop();
    try {
      const drops = await fetch(`${shop.url}/shop/v1/drops`);
      expect(drops.status).to.equal(200);
      expect(await drops.json()).to.deep.equal({ data: [], nextCursor: null });
      expect(await (await fetch(`${shop.url}/about`)).json()).to.deep.equal({ service: 'host', path: '/about' });
    } finally {
      await shop.close();
    }
  });

  it('the HTTP server over the embedder’s container', async () => {
    const server = await serveWithoutCache();
    try {
      expect((await fetch(`${server.url}/readyz`)).status).to.equal(200);
      expect((await fetch(`${server.url}/v1/drops`)).status).to.equal(200);
    } finally {
      await server.close();
    }
  });
});
