import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { createDrop, createProduct, liveDrop, order, register, walk, type Account } from './support/fixtures.js';
import { isoIn, sleep, startTestServer, type TestServer } from './support/harness.js';

describe('drops', () => {
  let t: TestServer;
  let creator: Account;
  let other: Account;
  let buyer: Account;
  let productId: string;
  before(async () => {
    t = await startTestServer();
    [creator, other, buyer] = await Promise.all([
      register(t.client, 'dropper', true),
      register(t.client, 'dropper2', true),
      register(t.client, 'shopper'),
    ]);
    productId = (await createProduct(t.client, creator, { title: 'Tee', priceCents: 2500, currency: 'EUR' })).id;
  });
  after(() => t.close());

  it('POST: 201 drop with the contract shape, default lowStockThreshold ceil(stock/10), no limit', async () => {
    const res = await t.client.post('/v1/drops', {
      token: creator.token,
      body: { productId, startsAt: isoIn(60_000), endsAt: isoIn(120_000), stock: 25 },
    });
    expect(res.status, res.text).to.equal(201);
    expect(res.json).to.have.all.keys(
      'id',
      'creatorId',
      'creator',
      'product',
      'startsAt',
      'endsAt',
      'status',
      'stock',
      'perUserLimit',
      'lowStockThreshold',
      'createdAt',
    );
    expect(res.json.product).to.deep.equal({
      id: productId,
      title: 'Tee',
      priceCents: 2500,
      currency: 'EUR',
      imageUrl: null,
      image: null,
    });
    expect(res.json.creator).to.deep.equal({ id: creator.id, handle: creator.handle, displayName: creator.handle });
    expect(res.json).to.include({
      creatorId: creator.id,
      status: 'upcoming',
      perUserLimit: null,
      lowStockThreshold: 3,
    });
    expect(res.json.stock).to.deep.equal({ total: 25, available: 25 });
    expect(res.json.startsAt).to.match(/\.\d{3}Z$/);
  });

  it('accepts times with an offset and renders them in UTC', async () => {
    const starts = new Date(Date.now() + 3_600_000);
    const withOffset = new Date(starts.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    const res = await t.client.post('/v1/drops', {
      token: creator.token,
      body: { productId, startsAt: withOffset, endsAt: isoIn(7_200_000), stock: 1 },
    });
    expect(res.status, res.text).to.equal(201);
    expect(res.json.startsAt).to.equal(starts.toISOString());
  });

  it('400 naming fields: bad times, startsAt >= endsAt, endsAt past, stock range, unknown fields', async () => {
    const post = (body: Record<string, unknown>) => t.client.post('/v1/drops', { token: creator.token, body });
    const ok = { productId, startsAt: isoIn(1000), endsAt: isoIn(60_000), stock: 5 };
    expectInvalid(await post({ ...ok, startsAt: 'tomorrow' }), 'startsAt');
    expectInvalid(await post({ ...ok, startsAt: '2026-02-30T00:00:00Z' }), 'startsAt');
    expectInvalid(await post({ ...ok, startsAt: 1_800_000_000_000 }), 'startsAt');
    expectInvalid(await post({ ...ok, startsAt: isoIn(120_000) }), 'endsAt');
    expectInvalid(await post({ ...ok, startsAt: isoIn(-120_000), endsAt: isoIn(-60_000) }), 'endsAt');
    for (const stock of [0, 10_000_001, 2.5, '5', -1]) expectInvalid(await post({ ...ok, stock }), 'stock');
    expectInvalid(await post({ ...ok, perUserLimit: 0 }), 'perUserLimit');
    expectInvalid(await post({ ...ok, lowStockThreshold: 6 }), 'lowStockThreshold');
    expectInvalid(await post({ ...ok, sold: 3 }), 'sold');
    expectInvalid(await post({ ...ok, productId: "1' OR '1'='1" }), 'productId');
  });

  it("403 for a non-creator; 404 for someone else's or a missing product", async () => {
    const body = { productId, startsAt: isoIn(1000), endsAt: isoIn(60_000), stock: 5 };
    expectProblem(await t.client.post('/v1/drops', { token: buyer.token, body }), 403, 'forbidden');
    expectProblem(await t.client.post('/v1/drops', { token: other.token, body }), 404, 'not_found');
    const missing = { ...body, productId: '0190aaaa-0000-7000-8000-000000000000' };
    expectProblem(await t.client.post('/v1/drops', { token: creator.token, body: missing }), 404, 'not_found');
  });

  it('status follows the clock and stock: upcoming, live, sold_out, ended, cancelled', async () => {
    const upcoming = await createDrop(t.client, creator, productId, { startsIn: 60_000 });
    expect(upcoming.status).to.equal('upcoming');
    const live = await createDrop(t.client, creator, productId, { stock: 2 });
    expect(live.status).to.equal('live');
    expect((await order(t.client, buyer, live.id, 2)).status).to.equal(201);
    const soldOut = await t.client.get(`/v1/drops/${live.id}`);
    expect(soldOut.json.status).to.equal('sold_out');
    expect(soldOut.json.stock).to.deep.equal({ total: 2, available: 0 });
    const ending = await createDrop(t.client, creator, productId, { startsIn: -1000, endsIn: 300 });
    await sleep(400);
    expect((await t.client.get(`/v1/drops/${ending.id}`)).json.status).to.equal('ended');
    const cancelled = await t.client.post(`/v1/drops/${upcoming.id}/cancel`, { token: creator.token });
    expect(cancelled.status).to.equal(200);
    expect(cancelled.json.status).to.equal('cancelled');
  });

  it('cancel: owner only (others 404), idempotent; no order succeeds after it', async () => {
    const drop = await liveDrop(t.client, creator);
    expectProblem(await t.client.post(`/v1/drops/${drop.id}/cancel`, { token: other.token }), 404, 'not_found');
    expectProblem(await t.client.post(`/v1/drops/${drop.id}/cancel`), 401, 'unauthenticated');
    expect((await t.client.post(`/v1/drops/${drop.id}/cancel`, { token: creator.token })).status).to.equal(200);
    expect((await t.client.post(`/v1/drops/${drop.id}/cancel`, { token: creator.token })).json.status).to.equal(
      'cancelled',
    );
    const res = await order(t.client, buyer, drop.id, 1);
    expect(expectProblem(res, 409, 'drop_not_live').dropStatus).to.equal('cancelled');
    expectProblem(
      await t.client.post('/v1/drops/0190aaaa-0000-7000-8000-000000000000/cancel', { token: creator.token }),
      404,
      'not_found',
    );
  });

  it('GET /v1/drops/{id}: 404 for an unknown id', async () => {
    expectProblem(await t.client.get('/v1/drops/0190aaaa-0000-7000-8000-000000000000'), 404, 'not_found');
  });

  describe('lists', () => {
    let maker: Account;
    before(async () => {
      maker = await register(t.client, 'lister', true);
    });
    const ids = (items: Array<Record<string, unknown>>): string[] => items.map((d) => d['id'] as string);

    it('?status=upcoming: by startsAt ascending, each exactly once while drops are added mid-walk', async () => {
      const p = await createProduct(t.client, maker);
      const made = [];
      for (const m of [5, 3, 9, 1, 7, 2, 8])
        made.push(await createDrop(t.client, maker, p.id, { startsIn: m * 60_000 }));
      const seen = await walk(t.client, `/v1/drops?status=upcoming&creatorId=${maker.id}`, {
        limit: 2,
        between: async (page) =>
          void (await createDrop(t.client, maker, p.id, { startsIn: (page + 1) * 60_000 + 30_000 })),
      });
      expect(new Set(ids(seen)).size).to.equal(seen.length);
      for (const d of made) expect(ids(seen).filter((id) => id === d.id)).to.have.length(1);
      const starts = seen.map((d) => Date.parse(d['startsAt'] as string));
      expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
      for (const d of seen) expect(d['status']).to.equal('upcoming');
    });

    it('?status=live: startsAt descending and includes sold-out; ?status=ended: endsAt descending and includes cancelled', async () => {
      const p = await createProduct(t.client, maker);
      const a = await createDrop(t.client, maker, p.id, { startsIn: -5000 });
      const b = await createDrop(t.client, maker, p.id, { startsIn: -2000, stock: 1 });
      await order(t.client, buyer, b.id, 1);
      const live = (await t.client.get(`/v1/drops?status=live&creatorId=${maker.id}`)).json.data;
      expect(ids(live)).to.deep.equal([b.id, a.id]);
      expect(live[0].status).to.equal('sold_out');
      const c = await createDrop(t.client, maker, p.id, { startsIn: -2000, endsIn: 250 });
      await t.client.post(`/v1/drops/${a.id}/cancel`, { token: maker.token });
      await sleep(350);
      const ended = (await t.client.get(`/v1/drops?status=ended&creatorId=${maker.id}`)).json.data;
      expect(ids(ended)).to.deep.equal([a.id, c.id]);
      expect(ended.map((d: { status: string }) => d.status)).to.deep.equal(['cancelled', 'ended']);
      // The narrow lists: exactly the sold-out and the cancelled drops, each drop with its creator.
      const soldOut = (await t.client.get(`/v1/drops?status=sold_out&creatorId=${maker.id}`)).json.data;
      expect(ids(soldOut)).to.deep.equal([b.id]);
      expect(soldOut[0].creator).to.deep.include({ id: maker.id, handle: maker.handle });
      expect(ids((await t.client.get(`/v1/drops?status=cancelled&creatorId=${maker.id}`)).json.data)).to.deep.equal([
        a.id,
      ]);
    });

    it('without status: every drop, newest created first; 400 for an unknown status', async () => {
      const all = await walk(t.client, `/v1/drops?creatorId=${maker.id}`, { limit: 4 });
      const created = all.map((d) => Date.parse(d['createdAt'] as string));
      expect(created).to.deep.equal([...created].sort((a, b) => b - a));
      expect(all.length).to.be.at.least(10);
      expectInvalid(await t.client.get('/v1/drops?status=sold'), 'status');
    });
  });
});
