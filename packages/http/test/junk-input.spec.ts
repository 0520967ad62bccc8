import { expect } from 'chai';
import { expectProblem, type Res } from './support/client.js';
import { createProduct, liveDrop, newKey, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

const SQLISH = ["1' OR '1'='1", "1'; DROP TABLE users; --", '1 UNION SELECT * FROM sessions'];
const b64 = (v: string): string => Buffer.from(v).toString('base64url');

describe('junk input', () => {
  let t: TestServer;
  let creator: Account;
  let buyer: Account;
  let drop: { id: string };
  let productId: string;
  before(async () => {
    t = await startTestServer();
    [creator, buyer] = await Promise.all([register(t.client, 'junkc', true), register(t.client, 'junkb')]);
    productId = (await createProduct(t.client, creator)).id;
    drop = await liveDrop(t.client, creator, { stock: 5 });
    await t.client.put(`/v1/me/following/${creator.id}`, { token: buyer.token });
  });
  after(() => t.close());

  /** Everything a client could observe about the state the junk might have touched. */
  const snapshot = async (): Promise<unknown> => ({
    products: (await t.client.get(`/v1/products?creatorId=${creator.id}&limit=100`)).json,
    product: (await t.client.get(`/v1/products/${productId}`)).json,
    drops: (await t.client.get(`/v1/drops?creatorId=${creator.id}&limit=100`)).json,
    orders: (await t.client.get('/v1/me/orders?limit=100', { token: buyer.token })).json,
    creator: (await t.client.get(`/v1/creators/${creator.id}`)).json,
    me: (await t.client.get('/v1/me', { token: creator.token })).json,
  });

  const assertRejected = (res: Res, label: string): void => {
    expect(res.status, `${label}: ${res.text}`).to.be.within(400, 499);
    expect(res.json.code, label).to.be.a('string');
  };

  it('answers every piece of junk with a 4xx problem naming it, and changes nothing', async function () {
    this.timeout(20_000);
    const before = await snapshot();
    const auth = { token: creator.token };
    const bodies: unknown[] = [
      { title: ['a'], priceCents: 1 },
      { title: { $gt: '' }, priceCents: 1 },
      // biome-ignore lint/correctness/noPrecisionLoss: numbers JSON can carry and a double cannot
      { title: 't', priceCents: 1e309 },
      // biome-ignore lint/correctness/noPrecisionLoss: past 2^53 on purpose
      { title: 't', priceCents: 9007199254740993 },
      { title: 't', priceCents: -0.0001 },
      { title: 't', priceCents: 1, creatorId: buyer.id },
      JSON.parse('{"title":"t","priceCents":1,"__proto__":{"isAdmin":true}}'),
      { title: 't', priceCents: 1, constructor: { prototype: { x: 1 } } },
    ];
    const raws = [
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      '['.repeat(30_000) + ']'.repeat(30_000),
      '{"priceCents": 1e999999}',
      '"\\ud800"',
    ];
    const checks: Array<[string, Promise<Res>]> = [
      ...bodies.map((body, i): [string, Promise<Res>] => [
        `product body ${i}`,
        t.client.post('/v1/products', { ...auth, body }),
      ]),
      ...raws.map((raw, i): [string, Promise<Res>] => [
        `raw body ${i}`,
        t.client.post('/v1/products', { ...auth, raw }),
      ]),
      ['patch junk', t.client.patch(`/v1/products/${productId}`, { ...auth, body: { priceCents: 'free', id: 'x' } })],
      ['patch array', t.client.patch(`/v1/products/${productId}`, { ...auth, body: [{ priceCents: 1 }] })],
      [
        'drop junk',
        t.client.post('/v1/drops', { ...auth, body: { productId, startsAt: 'NaN', endsAt: {}, stock: '1e7' } }),
      ],
      [
        'drop huge',
        t.client.post('/v1/drops', {
          ...auth,
          body: { productId, startsAt: '9999-12-31T23:59:59Z', endsAt: '+275760-09-13T00:00:00.000Z', stock: 1 },
        }),
      ],
      [
        'order junk',
        t.client.post('/v1/orders', {
          token: buyer.token,
          headers: { 'Idempotency-Key': newKey() },
          body: { dropId: drop.id, quantity: [1] },
        }),
      ],
      [
        'order sql',
        t.client.post('/v1/orders', {
          token: buyer.token,
          headers: { 'Idempotency-Key': "k' OR 1=1" },
          body: { dropId: SQLISH[0], quantity: 1 },
        }),
      ],
      ['register junk', t.client.post('/v1/auth/register', { body: { handle: SQLISH[0], password: { length: 10 } } })],
      ['login junk', t.client.post('/v1/auth/login', { body: { handle: [creator.handle], password: null } })],
      ['huge limit', t.client.get('/v1/products?limit=100000000000000000000000')],
      ['neg limit', t.client.get('/v1/drops?limit=-1')],
      ['zero limit', t.client.get('/v1/drops?limit=0')],
      ['float limit', t.client.get('/v1/drops?limit=1.5')],
      ['nan limit', t.client.get('/v1/drops?limit=NaN')],
      ['unknown query', t.client.get('/v1/drops?sort=id;DROP')],
      ['bad status', t.client.get(`/v1/drops?status=${encodeURIComponent(SQLISH[0]!)}`)],
      ['bad creatorId', t.client.get(`/v1/products?creatorId=${encodeURIComponent(SQLISH[1]!)}`)],
      ['cursor not base64', t.client.get('/v1/products?after=!!!')],
      ['cursor not json', t.client.get(`/v1/products?after=${b64('not json')}`)],
      ['cursor wrong arity', t.client.get(`/v1/products?after=${b64('[1]')}`)],
      ['cursor wrong types', t.client.get(`/v1/products?after=${b64('["x", 1]')}`)],
      ['cursor object', t.client.get(`/v1/drops?after=${b64('{"key":1,"id":"a"}')}`)],
      ['cursor sql id', t.client.get(`/v1/drops?after=${b64(JSON.stringify([1, SQLISH[0]]))}`)],
      ['cursor float key', t.client.get(`/v1/drops?after=${b64('[1e400,"a"]')}`)],
      ['cursor padded', t.client.get(`/v1/drops?after=${b64('[1,"a"]')}==`)],
      ['followers cursor', t.client.get(`/v1/creators/${creator.id}/followers?after=xyz`, auth)],
      ['following cursor', t.client.get('/v1/me/following?after=%00', { token: buyer.token })],
      ['orders cursor', t.client.get(`/v1/me/orders?after=${b64('[[],{}]')}`, { token: buyer.token })],
      ['long id', t.client.get(`/v1/drops/${'a'.repeat(5000)}`)],
      ['nul id', t.client.get('/v1/products/%00')],
      ['bad percent', t.client.get('/v1/orders/%E0%A4%A', { token: buyer.token })],
      ['unicode id', t.client.get(`/v1/creators/${encodeURIComponent('ünï')}`)],
      ...SQLISH.flatMap(
        (id): Array<[string, Promise<Res>]> => [
          [`sql drop ${id}`, t.client.get(`/v1/drops/${encodeURIComponent(id)}`)],
          [`sql cancel ${id}`, t.client.post(`/v1/drops/${encodeURIComponent(id)}/cancel`, auth)],
          [`sql follow ${id}`, t.client.put(`/v1/me/following/${encodeURIComponent(id)}`, { token: buyer.token })],
          [`sql unfollow ${id}`, t.client.del(`/v1/me/following/${encodeURIComponent(id)}`, { token: buyer.token })],
          [
            `sql patch ${id}`,
            t.client.patch(`/v1/products/${encodeURIComponent(id)}`, { ...auth, body: { title: 'x' } }),
          ],
        ],
      ),
    ];
    for (const [label, pending] of checks) assertRejected(await pending, label);
    // The labels above that are about a value name it; spot-check the paths.
    const cursor = await t.client.get(`/v1/products?after=${b64('[1]')}`);
    expect(expectProblem(cursor, 400, 'validation_failed').errors[0].path).to.equal('after');
    const sqlId = await t.client.get(`/v1/drops/${encodeURIComponent(SQLISH[0]!)}`);
    expect(expectProblem(sqlId, 400, 'validation_failed').errors[0].path).to.equal('id');
    expect(await snapshot()).to.deep.equal(before);
  });
});
