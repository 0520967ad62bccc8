import { expect } from 'chai';
import { expectInvalid } from './support/client.js';
import { createProduct, PASSWORD, register, type Account } from './support/fixtures.js';
import { gql } from './support/graphql.js';
import { startTestServer, uniqueHandle, type TestServer } from './support/harness.js';

// Each is refused the same way on every engine: PostgreSQL cannot store NUL, and no engine
// keeps an unpaired surrogate as it came.
const UNSAFE: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['lone low surrogate', 'x\udc00y'],
  ['lone high surrogate', 'x\ud800'],
  ['reversed pair', '\udc00\ud800'],
];

describe('NUL and lone surrogates in text', () => {
  let t: TestServer;
  let creator: Account;
  let productId: string;
  before(async () => {
    t = await startTestServer();
    creator = await register(t.client, 'utext', true);
    productId = (await createProduct(t.client, creator, { title: 'Kept', description: 'As is' })).id;
  });
  after(() => t.close());

  for (const [label, bad] of UNSAFE) {
    it(`answers a ${label} with a 400 naming the field, on every text field, and stores nothing`, async () => {
      const auth = { token: creator.token };
      const handle = uniqueHandle('utext');
      expectInvalid(
        await t.client.post('/v1/auth/register', { body: { handle, password: PASSWORD, displayName: bad } }),
        'displayName',
      );
      expectInvalid(await t.client.post('/v1/auth/login', { body: { handle: bad, password: PASSWORD } }), 'handle');
      expectInvalid(
        await t.client.post('/v1/auth/login', { body: { handle: creator.handle, password: `${bad}pass12345` } }),
        'password',
      );
      expectInvalid(await t.client.post('/v1/products', { ...auth, body: { title: bad, priceCents: 100 } }), 'title');
      expectInvalid(
        await t.client.post('/v1/products', { ...auth, body: { title: 'ok', description: bad, priceCents: 100 } }),
        'description',
      );
      expectInvalid(await t.client.patch(`/v1/products/${productId}`, { ...auth, body: { title: bad } }), 'title');
      expectInvalid(
        await t.client.patch(`/v1/products/${productId}`, { ...auth, body: { description: bad } }),
        'description',
      );
      // A URL cannot carry a lone surrogate (percent-encoding one is malformed UTF-8); NUL it can.
      if (bad.includes('\u0000'))
        expectInvalid(await t.client.get(`/v1/products?creatorId=${encodeURIComponent(bad)}`), 'creatorId');
      // Nothing was written: the handle is free, the product unchanged, the creator's list as it was.
      expect((await t.client.post('/v1/auth/login', { body: { handle, password: PASSWORD } })).status).to.equal(401);
      const product = await t.client.get(`/v1/products/${productId}`);
      expect(product.json).to.include({ title: 'Kept', description: 'As is' });
      expect((await t.client.get(`/v1/products?creatorId=${creator.id}`)).json.data).to.have.length(1);
    });
  }

  it('refuses them in GraphQL variables and in string literals alike', async () => {
    const mutation = 'mutation($t: String!) { createProduct(input: { title: $t, priceCents: 100 }) { id } }';
    const byVariable = await gql(t.url, mutation, { token: creator.token, variables: { t: 'a\u0000b' } });
    expect(byVariable.status).to.equal(400);
    const literal = await gql(
      t.url,
      'mutation { createProduct(input: { title: "a\\u0000b", priceCents: 100 }) { id } }',
      { token: creator.token },
    );
    expect(literal.json.errors[0].extensions.code).to.equal('validation_failed');
    expect((await t.client.get(`/v1/products?creatorId=${creator.id}`)).json.data).to.have.length(1);
  });
});
