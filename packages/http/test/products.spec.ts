import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { createDrop, createProduct, register, type Account } from './support/fixtures.js';
import { walk } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('products', () => {
  let t: TestServer;
  let creator: Account;
  let other: Account;
  let buyer: Account;
  before(async () => {
    t = await startTestServer();
    [creator, other, buyer] = await Promise.all([
      register(t.client, 'maker', true),
      register(t.client, 'maker2', true),
      register(t.client, 'buyer'),
    ]);
  });
  after(() => t.close());

  it('POST: 201 product with defaults (currency USD, description null)', async () => {
    const res = await t.client.post('/v1/products', {
      token: creator.token,
      body: { title: 'Hoodie', priceCents: 4500 },
    });
    expect(res.status).to.equal(201);
    expect(res.json).to.have.all.keys(
      'id',
      'creatorId',
      'title',
      'description',
      'priceCents',
      'currency',
      'createdAt',
      'image',
    );
    expect(res.json).to.include({
      creatorId: creator.id,
      title: 'Hoodie',
      description: null,
      priceCents: 4500,
      currency: 'USD',
    });
    const got = await t.client.get(`/v1/products/${res.json.id}`);
    expect(got.status).to.equal(200);
    expect(got.json).to.deep.equal(res.json);
  });

  it('403 forbidden for a non-creator; 401 without a token', async () => {
    expectProblem(
      await t.client.post('/v1/products', { token: buyer.token, body: { title: 'x', priceCents: 1 } }),
      403,
      'forbidden',
    );
    expectProblem(await t.client.post('/v1/products', { body: { title: 'x', priceCents: 1 } }), 401, 'unauthenticated');
  });

  it('400 naming each field out of range, ill-typed or unknown (no mass assignment)', async () => {
    const body = {
      title: '',
      description: 'd'.repeat(5001),
      priceCents: 1e9 + 1,
      currency: 'usd',
      creatorId: other.id,
      id: 'x',
    };
    const res = await t.client.post('/v1/products', { token: creator.token, body });
    for (const path of ['title', 'description', 'priceCents', 'currency', 'creatorId', 'id']) expectInvalid(res, path);
    for (const priceCents of [0, 1.5, '100', null, -1, 1e300]) {
      expectInvalid(
        await t.client.post('/v1/products', { token: creator.token, body: { title: 't', priceCents } }),
        'priceCents',
      );
    }
    expectInvalid(
      await t.client.post('/v1/products', { token: creator.token, body: { title: '   ', priceCents: 5 } }),
      'title',
    );
  });

  it('PATCH: the owner updates title/description/price; others get 404; currency cannot change', async () => {
    const p = await createProduct(t.client, creator, { title: 'Cap', priceCents: 1000, description: 'blue' });
    const res = await t.client.patch(`/v1/products/${p.id}`, {
      token: creator.token,
      body: { title: 'Cap v2', priceCents: 1200, description: null },
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.include({ title: 'Cap v2', priceCents: 1200, description: null, currency: 'USD' });
    expectProblem(
      await t.client.patch(`/v1/products/${p.id}`, { token: other.token, body: { title: 'mine' } }),
      404,
      'not_found',
    );
    expectProblem(
      await t.client.patch(`/v1/products/${p.id}`, { token: buyer.token, body: { title: 'mine' } }),
      404,
      'not_found',
    );
    expectInvalid(
      await t.client.patch(`/v1/products/${p.id}`, { token: creator.token, body: { currency: 'EUR' } }),
      'currency',
    );
    expectInvalid(
      await t.client.patch(`/v1/products/${p.id}`, { token: creator.token, body: { creatorId: other.id } }),
      'creatorId',
    );
    expect((await t.client.get(`/v1/products/${p.id}`)).json).to.include({ title: 'Cap v2', creatorId: creator.id });
  });

  it('a drop keeps the price it was created with', async () => {
    const p = await createProduct(t.client, creator, { priceCents: 500 });
    const drop = await createDrop(t.client, creator, p.id);
    await t.client.patch(`/v1/products/${p.id}`, { token: creator.token, body: { priceCents: 900 } });
    const res = await t.client.get(`/v1/drops/${drop.id}`);
    expect(res.json.product.priceCents).to.equal(500);
  });

  it('GET /v1/products/{id}: 404 for an unknown id', async () => {
    expectProblem(await t.client.get('/v1/products/0190aaaa-0000-7000-8000-000000000000'), 404, 'not_found');
  });

  it('lists newest first, filtered by creatorId, each exactly once while products are added mid-walk', async () => {
    const maker = await register(t.client, 'walker', true);
    const before: string[] = [];
    for (let i = 0; i < 7; i++) before.push((await createProduct(t.client, maker, { title: `p${i}` })).id);
    const seen = await walk(t.client, `/v1/products?creatorId=${maker.id}`, {
      limit: 2,
      between: async () => void (await createProduct(t.client, maker, { title: 'late' })),
    });
    const ids = seen.map((p) => p['id'] as string);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.filter((id) => before.includes(id))).to.deep.equal([...before].reverse());
    for (const p of seen) expect(p['creatorId']).to.equal(maker.id);
  });

  it('limit defaults to 20 and is bounded to 1..100', async () => {
    const maker = await register(t.client, 'bulk', true);
    await Promise.all(Array.from({ length: 21 }, (_, i) => createProduct(t.client, maker, { title: `bulk ${i}` })));
    const first = await t.client.get(`/v1/products?creatorId=${maker.id}`);
    expect(first.json).to.have.all.keys('data', 'nextCursor');
    expect(first.json.data).to.have.length(20);
    expect(first.json.nextCursor).to.be.a('string');
    const rest = await t.client.get(`/v1/products?creatorId=${maker.id}&after=${first.json.nextCursor}`);
    expect(rest.json.data).to.have.length(1);
    expect(rest.json.nextCursor).to.equal(null);
    expect((await t.client.get(`/v1/products?creatorId=${maker.id}&limit=100`)).json.data).to.have.length(21);
    expectInvalid(await t.client.get('/v1/products?limit=101'), 'limit');
    expectInvalid(await t.client.get('/v1/products?limit=0'), 'limit');
  });
});
