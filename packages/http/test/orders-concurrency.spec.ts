import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { liveDrop, newKey, order, register } from './support/fixtures.js';
import { useOrderWorld } from './support/order-world.js';

describe('orders under concurrency', () => {
  const w = useOrderWorld('c');
  const { available } = w;

  it('10 concurrent requests with one key create exactly one order; the rest replay it or get 409 in_use', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 100 });
    const shopper = await register(w.t.client, 'racer');
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => order(w.t.client, shopper, drop.id, 1, key)));
    const created = results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(created).to.have.length(1);
    for (const r of results) {
      if (r === created[0]) continue;
      if (r.status === 201) expect(r.json.id).to.equal(created[0]!.json.id);
      else expectProblem(r, 409, 'idempotency_key_in_use');
    }
    expect(await available(drop.id)).to.equal(99);
    expect((await w.t.client.get('/v1/me/orders', { token: shopper.token })).json.data).to.have.length(1);
  });

  it('never oversells under a concurrent rush', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 7 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => order(w.t.client, i % 2 ? w.buyer : w.rival, drop.id, 1)),
    );
    expect(results.filter((r) => r.status === 201)).to.have.length(7);
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409, 'sold_out');
    expect(await available(drop.id)).to.equal(0);
  });

  it('holds perUserLimit across concurrent orders of one user', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 100, perUserLimit: 4 });
    const shopper = await register(w.t.client, 'greedy');
    const results = await Promise.all(Array.from({ length: 12 }, () => order(w.t.client, shopper, drop.id, 1)));
    expect(results.filter((r) => r.status === 201)).to.have.length(4);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(expectProblem(r, 409, 'purchase_limit_exceeded').remainingAllowance).to.equal(0);
    }
    expect(await available(drop.id)).to.equal(96);
  });
});
