import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { createDrop, createProduct, liveDrop, newKey, order, register, walk } from './support/fixtures.js';
import { useOrderWorld } from './support/order-world.js';

describe('orders', () => {
  const w = useOrderWorld('');
  const { available } = w;

  it('201 order with the contract shape; stock goes down; GET /v1/orders/{id} returns it', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 10 });
    const res = await order(w.t.client, w.buyer, drop.id, 3);
    expect(res.status, res.text).to.equal(201);
    expect(res.json).to.have.all.keys(
      'id',
      'userId',
      'dropId',
      'quantity',
      'unitPriceCents',
      'totalCents',
      'currency',
      'status',
      'createdAt',
    );
    expect(res.json).to.include({
      userId: w.buyer.id,
      dropId: drop.id,
      quantity: 3,
      unitPriceCents: 1999,
      totalCents: 5997,
      currency: 'USD',
      status: 'confirmed',
    });
    expect(res.headers.get('idempotent-replayed')).to.equal(null);
    expect(await available(drop.id)).to.equal(7);
    const got = await w.t.client.get(`/v1/orders/${res.json.id}`, { token: w.buyer.token });
    expect(got.status).to.equal(200);
    expect(got.json).to.deep.equal(res.json);
  });

  it("404 for someone else's order, exactly like a missing one", async () => {
    const drop = await liveDrop(w.t.client, w.creator);
    const mine = await order(w.t.client, w.buyer, drop.id, 1);
    const theirs = await w.t.client.get(`/v1/orders/${mine.json.id}`, { token: w.rival.token });
    const missing = await w.t.client.get('/v1/orders/0190aaaa-0000-7000-8000-000000000000', { token: w.rival.token });
    expectProblem(theirs, 404, 'not_found');
    expectProblem(missing, 404, 'not_found');
    expect({ ...theirs.json, instance: null }).to.deep.equal({ ...missing.json, instance: null });
    expectProblem(await w.t.client.get(`/v1/orders/${mine.json.id}`), 401, 'unauthenticated');
  });

  it('a replay returns the first 201 with Idempotent-Replayed: true and creates nothing', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 10 });
    const key = newKey();
    const first = await order(w.t.client, w.buyer, drop.id, 2, key);
    const again = await order(w.t.client, w.buyer, drop.id, 2, key);
    expect(again.status).to.equal(201);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.text).to.equal(first.text);
    expect(await available(drop.id)).to.equal(8);
    // The quoted structured-field form names the same key.
    const quoted = await order(w.t.client, w.buyer, drop.id, 2, `"${key}"`);
    expect(quoted.headers.get('idempotent-replayed')).to.equal('true');
    expect(quoted.json.id).to.equal(first.json.id);
    // Keys are scoped to the user: the same key from someone else is a new order.
    const other = await order(w.t.client, w.rival, drop.id, 2, key);
    expect(other.status).to.equal(201);
    expect(other.headers.get('idempotent-replayed')).to.equal(null);
    expect(await available(drop.id)).to.equal(6);
  });

  it('422 idempotency_key_reused for the same key with another body', async () => {
    const drop = await liveDrop(w.t.client, w.creator);
    const key = newKey();
    await order(w.t.client, w.buyer, drop.id, 1, key);
    expectProblem(await order(w.t.client, w.buyer, drop.id, 2, key), 422, 'idempotency_key_reused');
    expect(await available(drop.id)).to.equal(9);
  });

  it('400 idempotency_key_required without the header; 400 naming Idempotency-Key when it is invalid', async () => {
    const drop = await liveDrop(w.t.client, w.creator);
    const body = { dropId: drop.id, quantity: 1 };
    expectProblem(await w.t.client.post('/v1/orders', { token: w.buyer.token, body }), 400, 'idempotency_key_required');
    for (const key of ['', 'k'.repeat(256), 'cl\u00e9', 'tab\there', '"unterminated', '"bad\\escape"', '""']) {
      const res = await w.t.client.post('/v1/orders', {
        token: w.buyer.token,
        body,
        headers: { 'Idempotency-Key': key },
      });
      expectInvalid(res, 'Idempotency-Key');
    }
    expect((await order(w.t.client, w.buyer, drop.id, 1, 'k'.repeat(255))).status).to.equal(201);
    expect((await order(w.t.client, w.buyer, drop.id, 1, '"esc\\"aped\\\\key"')).status).to.equal(201);
    expect(await available(drop.id)).to.equal(8);
  });

  it('400 for a bad body; validation failures are not stored, so the key stays usable', async () => {
    const drop = await liveDrop(w.t.client, w.creator);
    const key = newKey();
    for (const quantity of [0, 101, 1.5, '1', null]) {
      expectInvalid(await order(w.t.client, w.buyer, drop.id, quantity as number, key), 'quantity');
    }
    const extra = await w.t.client.post('/v1/orders', {
      token: w.buyer.token,
      headers: { 'Idempotency-Key': key },
      body: { dropId: drop.id, quantity: 1, unitPriceCents: 1 },
    });
    expectInvalid(extra, 'unitPriceCents');
    expect((await order(w.t.client, w.buyer, drop.id, 1, key)).status).to.equal(201);
  });

  it('409 drop_not_live for upcoming and ended drops; 404 for a missing drop', async () => {
    const p = await createProduct(w.t.client, w.creator);
    const upcoming = await createDrop(w.t.client, w.creator, p.id, { startsIn: 60_000 });
    expect(expectProblem(await order(w.t.client, w.buyer, upcoming.id, 1), 409, 'drop_not_live').dropStatus).to.equal(
      'upcoming',
    );
    const ending = await createDrop(w.t.client, w.creator, p.id, { endsIn: 250 });
    await new Promise((r) => setTimeout(r, 350));
    expect(expectProblem(await order(w.t.client, w.buyer, ending.id, 1), 409, 'drop_not_live').dropStatus).to.equal(
      'ended',
    );
    expectProblem(await order(w.t.client, w.buyer, '0190aaaa-0000-7000-8000-000000000000', 1), 404, 'not_found');
  });

  it('409 sold_out, and 409 insufficient_stock carrying available; a replayed rejection is identical', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 3 });
    const key = newKey();
    const short = await order(w.t.client, w.buyer, drop.id, 5, key);
    expect(expectProblem(short, 409, 'insufficient_stock').available).to.equal(3);
    await order(w.t.client, w.rival, drop.id, 3);
    const replay = await order(w.t.client, w.buyer, drop.id, 5, key);
    expect(replay.status).to.equal(409);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.json).to.deep.equal(short.json);
    expect(expectProblem(await order(w.t.client, w.buyer, drop.id, 1), 409, 'sold_out').available).to.equal(0);
  });

  it('409 purchase_limit_exceeded carrying remainingAllowance, across orders', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 50, perUserLimit: 3 });
    expect((await order(w.t.client, w.buyer, drop.id, 2)).status).to.equal(201);
    const res = await order(w.t.client, w.buyer, drop.id, 2);
    expect(expectProblem(res, 409, 'purchase_limit_exceeded').remainingAllowance).to.equal(1);
    expect((await order(w.t.client, w.buyer, drop.id, 1)).status).to.equal(201);
    expect(await available(drop.id)).to.equal(47);
  });

  it('/metrics: the reserve step, the wait for the database writer and SQLITE_BUSY are measured', async () => {
    const drop = await liveDrop(w.t.client, w.creator, { stock: 10 });
    expect((await order(w.t.client, w.buyer, drop.id, 1)).status).to.equal(201);
    const text = (await w.t.client.get('/metrics')).text;
    const count = (name: string): number => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? -1);
    expect(count('livedrops_stock_decrement_seconds_count')).to.be.greaterThan(0);
    expect(count('livedrops_db_lock_wait_seconds_count')).to.be.greaterThan(0);
    expect(text).to.match(/^livedrops_stock_decrement_seconds_bucket\{le="0.001"\} \d+$/m);
    expect(count('livedrops_db_busy_total')).to.equal(0);
  });

  it('GET /v1/me/orders: newest first, each exactly once while orders are placed mid-walk', async () => {
    const walker = await register(w.t.client, 'orderer');
    const drop = await liveDrop(w.t.client, w.creator, { stock: 1000 });
    const before: string[] = [];
    for (let i = 0; i < 7; i++) before.push((await order(w.t.client, walker, drop.id, 1)).json.id);
    const seen = await walk(w.t.client, '/v1/me/orders', {
      token: walker.token,
      limit: 3,
      between: async () => void (await order(w.t.client, walker, drop.id, 1)),
    });
    const ids = seen.map((o) => o['id'] as string);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.filter((id) => before.includes(id))).to.deep.equal([...before].reverse());
    for (const o of seen) expect(o['userId']).to.equal(walker.id);
  });
});
