import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { liveDrop, newKey, order, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('orders under concurrency', () => {
  let t: TestServer;
  let creator: Account;
  let buyer: Account;
  let rival: Account;
  before(async () => {
    t = await startTestServer();
    [creator, buyer, rival] = await Promise.all([
      register(t.client, 'cseller', true),
      register(t.client, 'cbuyer'),
      register(t.client, 'crival'),
    ]);
  });
  after(() => t.close());

  const available = async (dropId: string): Promise<number> =>
    (await t.client.get(`/v1/drops/${dropId}`)).json.stock.available;

  it('10 concurrent requests with one key create exactly one order; the rest replay it or get 409 in_use', async () => {
    const drop = await liveDrop(t.client, creator, { stock: 100 });
    const shopper = await register(t.client, 'racer');
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => order(t.client, shopper, drop.id, 1, key)));
    const created = results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(created).to.have.length(1);
    for (const r of results) {
      if (r === created[0]) continue;
      if (r.status === 201) expect(r.json.id).to.equal(created[0]!.json.id);
      else expectProblem(r, 409, 'idempotency_key_in_use');
    }
    expect(await available(drop.id)).to.equal(99);
    expect((await t.client.get('/v1/me/orders', { token: shopper.token })).json.data).to.have.length(1);
  });

  it('never oversells under a concurrent rush', async () => {
    const drop = await liveDrop(t.client, creator, { stock: 7 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => order(t.client, i % 2 ? buyer : rival, drop.id, 1)),
    );
    expect(results.filter((r) => r.status === 201)).to.have.length(7);
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409, 'sold_out');
    expect(await available(drop.id)).to.equal(0);
  });

  it('holds perUserLimit across concurrent orders of one user', async () => {
    const drop = await liveDrop(t.client, creator, { stock: 100, perUserLimit: 4 });
    const shopper = await register(t.client, 'greedy');
    const results = await Promise.all(Array.from({ length: 12 }, () => order(t.client, shopper, drop.id, 1)));
    expect(results.filter((r) => r.status === 201)).to.have.length(4);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(expectProblem(r, 409, 'purchase_limit_exceeded').remainingAllowance).to.equal(0);
    }
    expect(await available(drop.id)).to.equal(96);
  });
});
