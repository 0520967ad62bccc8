import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { createDrop, createProduct, liveDrop, order, registerMany, walk, type Account } from './support/fixtures.js';
import { expectGqlError, gql, gqlData } from './support/graphql.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { follow } from './support/notifications.js';

const DROP_PAGE = `query($first: Int, $after: String, $status: DropStatus, $creatorId: ID) {
  drops(first: $first, after: $after, status: $status, creatorId: $creatorId) {
    edges { cursor node { id status priceCents stock { total available } product { id title } creator { id meFollows } } }
    pageInfo { hasNextPage endCursor }
  } }`;

/** Every query of the schema over real HTTP, against what the REST API answers for the same data. */
describe('GraphQL queries (POST /graphql)', () => {
  let t: TestServer;
  let maker: Account, other: Account, fan: Account;
  before(async () => {
    t = await startTestServer();
    [maker, other] = (await registerMany(t.client, 'gqmaker', 2, true)) as [Account, Account];
    [fan] = (await registerMany(t.client, 'gqfan', 1)) as [Account];
    for (let i = 0; i < 5; i++) await liveDrop(t.client, maker, { stock: 10 });
    await createDrop(t.client, maker, (await createProduct(t.client, maker)).id, {
      startsIn: 3_600_000,
      endsIn: 7_200_000,
    });
    await liveDrop(t.client, other);
    await follow(t.client, fan, maker);
  });
  after(() => t.close());

  it('walks drops as a Relay connection over the same keyset cursors and order as GET /v1/drops', async () => {
    const seen: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data = await gqlData(t.url, DROP_PAGE, {
        token: fan.token,
        variables: { first: 2, after, status: 'LIVE', creatorId: maker.id },
      });
      seen.push(...data.drops.edges);
      after = data.drops.pageInfo.endCursor;
      if (!data.drops.pageInfo.hasNextPage) break;
    }
    const rest = await walk(t.client, `/v1/drops?status=live&creatorId=${maker.id}`, { limit: 2 });
    expect(seen.map((e) => e.node.id)).to.deep.equal(rest.map((d) => d['id']));
    const first = seen[0].node;
    const d = rest[0] as any;
    expect(first).to.deep.include({ status: 'LIVE', priceCents: d.product.priceCents, stock: d.stock });
    expect(first.product).to.deep.equal({ id: d.product.id, title: d.product.title });
    expect(first.creator).to.deep.equal({ id: maker.id, meFollows: true });
    // An edge's cursor continues right after that edge, like REST's nextCursor.
    const rest2 = await gqlData(t.url, DROP_PAGE, {
      variables: { first: 100, after: seen[1].cursor, status: 'LIVE', creatorId: maker.id },
    });
    expect(rest2.drops.edges.map((e: any) => e.node.id)).to.deep.equal(seen.slice(2).map((e) => e.node.id));
    expect(rest2.drops.edges[0].node.creator.meFollows, 'anonymous: null').to.equal(null);
    const upcoming = await gqlData(t.url, DROP_PAGE, { variables: { status: 'UPCOMING', creatorId: maker.id } });
    expect(upcoming.drops.edges.map((e: any) => e.node.status)).to.deep.equal(['UPCOMING']);
  });

  it('answers one drop, product, creator and the products list like REST; unknown ids are null with not_found', async () => {
    const d = (await t.client.get(`/v1/drops?creatorId=${other.id}`)).json.data[0];
    const q = `query($id: ID!, $pid: ID!, $cid: ID!) {
      drop(id: $id) { id endsAt startsAt createdAt lowStockThreshold perUserLimit currency }
      product(id: $pid) { id title priceCents currency description creator { handle followerCount } }
      creator(id: $cid) { id handle displayName followerCount meFollows }
      products(creatorId: $cid, first: 1) { edges { node { id } } pageInfo { hasNextPage } } }`;
    const data = await gqlData(t.url, q, {
      token: fan.token,
      variables: { id: d.id, pid: d.product.id, cid: maker.id },
    });
    expect(data.drop).to.deep.equal({
      id: d.id,
      endsAt: d.endsAt,
      startsAt: d.startsAt,
      createdAt: d.createdAt,
      lowStockThreshold: d.lowStockThreshold,
      perUserLimit: null,
      currency: 'USD',
    });
    expect(data.product).to.deep.include({
      id: d.product.id,
      title: d.product.title,
      description: null,
      creator: { handle: other.handle, followerCount: 0 },
    });
    const profile = (await t.client.get(`/v1/creators/${maker.id}`)).json;
    expect(data.creator).to.deep.equal({
      id: maker.id,
      handle: maker.handle,
      displayName: profile.displayName,
      followerCount: 1,
      meFollows: true,
    });
    expect(data.products.edges).to.have.length(1);
    expect(data.products.pageInfo.hasNextPage).to.equal(true);
    for (const [field, id] of [
      ['drop', 'nope'],
      ['product', 'nope'],
      ['creator', fan.id],
    ]) {
      const res = await gql(t.url, `{ ${field}(id: "${id}") { id } }`);
      expectGqlError(res, 'not_found');
      expect(res.json.data[field!]).to.equal(null);
    }
  });

  it("answers me with orders, notifications and follows; someone else's order is null with not_found (BOLA)", async () => {
    const dropId = (await t.client.get(`/v1/drops?creatorId=${other.id}`)).json.data[0].id;
    const placed = (await order(t.client, fan, dropId, 2)).json;
    const q = `query($id: ID!) { order(id: $id) { id quantity totalCents status drop { id } }
      me { handle orders(first: 5) { edges { node { id } } } following { edges { node { creator { id } followedAt } } }
           notifications { edges { node { id type data } } } } }`;
    // Notifications land shortly after the commit (drop.started too): read until both APIs agree and the order's is in.
    let data: any;
    let inbox: any[] = [];
    for (let i = 0; i < 50; i++) {
      data = await gqlData(t.url, q, { token: fan.token, variables: { id: placed.id } });
      inbox = (await t.client.get('/v1/me/notifications', { token: fan.token })).json.data;
      const ids = data.me.notifications.edges.map((e: any) => e.node.id);
      if (
        inbox.some((n) => n.type === 'order.confirmed') &&
        JSON.stringify(ids) === JSON.stringify(inbox.map((n) => n.id))
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(data.order).to.deep.equal({
      id: placed.id,
      quantity: 2,
      totalCents: placed.totalCents,
      status: 'CONFIRMED',
      drop: { id: dropId },
    });
    expect(data.me.orders.edges.map((e: any) => e.node.id)).to.deep.equal([placed.id]);
    expect(data.me.following.edges.map((e: any) => e.node.creator.id)).to.deep.equal([maker.id]);
    expect(data.me.notifications.edges.map((e: any) => e.node.id)).to.deep.equal(inbox.map((n: any) => n.id));
    // drop.started may be newer: an order can beat the scheduler to a drop whose start has passed.
    const confirmed = data.me.notifications.edges
      .map((e: any) => e.node)
      .find((n: any) => n.type === 'order.confirmed');
    expect(confirmed.data).to.deep.include({ dropId, orderId: placed.id });
    const stranger = await gql(t.url, `{ order(id: "${placed.id}") { id } }`, { token: maker.token });
    expectGqlError(stranger, 'not_found');
    expect(stranger.json.data.order).to.equal(null);
  });

  it('lets only the creator list their followers; others get forbidden, anonymous callers unauthenticated', async () => {
    const q = `query($id: ID!) { creator(id: $id) { followers(first: 10) { edges { node { user { id handle } followedAt } } } } }`;
    const own = await gqlData(t.url, q, { token: maker.token, variables: { id: maker.id } });
    expect(own.creator.followers.edges.map((e: any) => e.node.user)).to.deep.equal([
      { id: fan.id, handle: fan.handle },
    ]);
    expectGqlError(await gql(t.url, q, { token: fan.token, variables: { id: maker.id } }), 'forbidden');
    expectGqlError(await gql(t.url, q, { variables: { id: maker.id } }), 'unauthenticated');
    const me = await gql(t.url, '{ me { id } }');
    expectGqlError(me, 'unauthenticated');
    expect(me.json.data).to.deep.equal({ me: null });
  });

  it('refuses a bad token with the same 401 problem as REST, before running anything', async () => {
    const r = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ld_nope' },
      body: '{"query":"{ drops { edges { cursor } } }"}',
    });
    expectProblem({ status: r.status, headers: r.headers, text: '', json: await r.json() }, 401, 'unauthenticated');
  });

  it('answers GET for queries, and 405 for a mutation over GET', async () => {
    const r = await fetch(
      `${t.url}/graphql?query=${encodeURIComponent('{ drops(first: 1) { edges { node { id } } } }')}`,
    );
    expect(r.status).to.equal(200);
    expect(((await r.json()) as any).data.drops.edges).to.have.length(1);
    const m = await fetch(
      `${t.url}/graphql?query=${encodeURIComponent('mutation { unfollow(creatorId: "x") { creatorId } }')}`,
    );
    expect(m.status).to.equal(405);
  });
});
