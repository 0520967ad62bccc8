import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { schemaText } from '../src/graphql/schema.js';
import { liveDrop, registerMany, type Account } from './support/fixtures.js';
import { expectGqlError, gql, gqlData } from './support/graphql.js';
import { startTestServer, type TestServer } from './support/harness.js';

const SCHEMA_FILE = new URL('../../schema.graphql', import.meta.url);

/** What an operation may ask for, the checked-in schema, and introspection on and off. */
describe('GraphQL limits and schema', () => {
  let t: TestServer;
  let fan: Account;
  before(async () => {
    t = await startTestServer();
    const [maker] = (await registerMany(t.client, 'glmaker', 1, true)) as [Account];
    [fan] = (await registerMany(t.client, 'glfan', 1)) as [Account];
    await liveDrop(t.client, maker);
  });
  after(() => t.close());

  it('serves the schema that is checked in as schema.graphql (run `pnpm --filter @livedrops/http run schema:print`)', async () => {
    const res = await gqlData(t.url, getIntrospectionQuery());
    const running = schemaText(buildClientSchema(res));
    expect(running, 'schema.graphql is not the running schema').to.equal(readFileSync(SCHEMA_FILE, 'utf8'));
    const sdl = await fetch(`${t.url}/graphql/schema.graphql`);
    expect(sdl.status).to.equal(200);
    expect(await sdl.text()).to.equal(running);
  });

  it('refuses queries deeper than 8 levels before running them', async () => {
    const ok = await gql(t.url, '{ drops { edges { node { product { creator { followerCount } } } } } }');
    expect(ok.json.errors).to.equal(undefined);
    const deep = '{ drops { edges { node { creator { followers { edges { node { user { id } } } } } } } } }';
    const res = await gql(t.url, deep, { token: fan.token });
    expect(res.status, 'a request error: 400 with application/graphql-response+json').to.equal(400);
    expect(res.json.data).to.equal(undefined);
    const error = expectGqlError(res, 'validation_failed', 'query');
    expect(error.message).to.match(/9 levels deep; at most 8/);
  });

  it('refuses queries over the cost budget (pages of pages), counting `first` from variables too', async () => {
    const q = `query($n: Int) { drops(first: $n) { edges { node { creator { followers(first: 100) { edges { cursor } } } } } } }`;
    const res = await gql(t.url, q, { token: fan.token, variables: { n: 100 } });
    expect(expectGqlError(res, 'validation_failed', 'query').message).to.match(/costs \d+; at most 5000/);
    const small = await gql(t.url, q, { token: fan.token, variables: { n: 1 } });
    expectGqlError(small, 'forbidden'); // within budget: it runs (and the followers are not the fan's to see)
  });

  it('takes `first` 1..100 (more is an error, not a silent cap) and only cursors it issued, naming the argument', async () => {
    for (const first of [0, 101]) {
      const res = await gql(t.url, `{ drops(first: ${first}) { edges { cursor } } }`);
      expectGqlError(res, 'validation_failed', 'first');
      expect(res.json.data).to.deep.equal({ drops: null });
    }
    expectGqlError(await gql(t.url, '{ drops(after: "bm9wZQ") { edges { cursor } } }'), 'validation_failed', 'after');
    expectGqlError(await gql(t.url, '{ drop(id: "not an id!") { id } }'), 'validation_failed', 'id');
  });

  it('answers documents GraphQL itself refuses with validation_failed: syntax, unknown fields, wrong types', async () => {
    for (const q of ['{ drops {', '{ dropz }', '{ drops(first: "ten") { edges { cursor } } }']) {
      const res = await gql(t.url, q);
      expect(res.status, q).to.equal(400);
      expectGqlError(res, 'validation_failed');
    }
    const legacy = await gql(t.url, '{ dropz }', { accept: 'application/json' });
    expect(legacy.status, 'application/json clients get 200').to.equal(200);
    expect(legacy.json.errors[0].message).to.match(/Did you mean/);
  });

  it('with GRAPHQL_INTROSPECTION=false refuses introspection, hides the SDL and field suggestions, and still answers', async () => {
    const closed = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const res = await gql(closed.url, '{ __schema { types { name } } }');
      expect(expectGqlError(res, 'validation_failed').message).to.match(/introspection/i);
      expect((await fetch(`${closed.url}/graphql/schema.graphql`)).status).to.equal(404);
      const typo = await gql(closed.url, '{ dropz }');
      expect(JSON.stringify(typo.json)).not.to.match(/Did you mean/);
      expect((await gqlData(closed.url, '{ drops { edges { cursor } } }')).drops.edges).to.be.an('array');
    } finally {
      await closed.close();
    }
  });
});
