import { expect } from 'chai';
import { createDrop, createProduct, registerMany, type Account } from './support/fixtures.js';
import { expectGqlError, gql, gqlData } from './support/graphql.js';
import { startTestServer, uniqueHandle, type TestServer } from './support/harness.js';

const SEARCH = `query($q: String!, $type: SearchType, $first: Int, $after: String) {
  search(q: $q, type: $type, first: $first, after: $after) {
    edges { cursor node { __typename ... on Product { id title } ... on Drop { id product { id title } } } }
    pageInfo { hasNextPage endCursor }
  } }`;

/** `search` over real HTTP: the order and pages of GET /v1/search, a cursor on every edge. */
describe('GraphQL search (POST /graphql)', () => {
  let t: TestServer;
  let maker: Account;
  let word: string;
  before(async () => {
    t = await startTestServer();
    [maker] = (await registerMany(t.client, 'gqsearch', 1, true)) as [Account];
    // A word of this run only: on the production pass the database is shared with other servers.
    word = uniqueHandle('lamp').replace(/_/g, '');
    for (const title of [`${word} one`, `${word} two`, 'Desk', `${word} three`]) {
      const p = await createProduct(t.client, maker, {
        title,
        description: title === 'Desk' ? `with a ${word}` : null,
      });
      await createDrop(t.client, maker, p.id, { stock: 3 });
    }
  });
  after(() => t.close());

  it('answers what GET /v1/search answers, in the same order, and every edge cursor resumes after its node', async () => {
    const rest = (await t.client.get(`/v1/search?q=${word}&type=products&limit=10`)).json.data as any[];
    const all = (await gqlData(t.url, SEARCH, { variables: { q: word, first: 10 } })).search;
    expect(all.edges.map((e: any) => e.node.id)).to.deep.equal(rest.map((p) => p.id));
    expect(all.edges.map((e: any) => e.node.__typename)).to.deep.equal(['Product', 'Product', 'Product', 'Product']);
    expect(all.edges.at(-1).node.title).to.equal('Desk'); // description matches rank after title matches
    for (const [i, edge] of all.edges.entries()) {
      const rest = (await gqlData(t.url, SEARCH, { variables: { q: word, first: 10, after: edge.cursor } })).search;
      expect(rest.edges.map((e: any) => e.node.id)).to.deep.equal(all.edges.slice(i + 1).map((e: any) => e.node.id));
    }
    const first = (await gqlData(t.url, SEARCH, { variables: { q: word, first: 2 } })).search;
    expect(first.pageInfo).to.deep.equal({ hasNextPage: true, endCursor: first.edges[1].cursor });
  });

  it('finds drops by their product with type: DROPS', async () => {
    const res = (await gqlData(t.url, SEARCH, { variables: { q: `${word} tw`, type: 'DROPS' } })).search;
    expect(res.edges).to.have.length(1);
    expect(res.edges[0].node).to.deep.include({ __typename: 'Drop' });
    expect(res.edges[0].node.product.title).to.equal(`${word} two`);
  });

  it('refuses an empty or overlong query, a bad page size or cursor, naming the argument', async () => {
    expectGqlError(await gql(t.url, SEARCH, { variables: { q: '' } }), 'validation_failed', 'q');
    expectGqlError(await gql(t.url, SEARCH, { variables: { q: 'x'.repeat(201) } }), 'validation_failed', 'q');
    expectGqlError(await gql(t.url, SEARCH, { variables: { q: word, first: 101 } }), 'validation_failed', 'first');
    expectGqlError(await gql(t.url, SEARCH, { variables: { q: word, after: 'nope' } }), 'validation_failed', 'after');
  });
});
