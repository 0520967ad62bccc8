import { expect } from 'chai';
import { liveDrop, newKey, order, registerMany, type Account } from './support/fixtures.js';
import { expectGqlError, gql, gqlData } from './support/graphql.js';
import { startTestServer, type TestServer } from './support/harness.js';

const PLACE = `mutation($dropId: ID!, $quantity: Int!, $key: String!) {
  placeOrder(input: { dropId: $dropId, quantity: $quantity }, idempotencyKey: $key) { replayed order { id quantity totalCents drop { id } } } }`;

/** follow, unfollow and placeOrder go through the same use cases and rules as the REST API. */
describe('GraphQL mutations', () => {
  let t: TestServer;
  let maker: Account, buyer: Account, other: Account;
  const place = (who: Account, dropId: string, quantity: number, key: string) =>
    gql(t.url, PLACE, { token: who.token, variables: { dropId, quantity, key } });
  before(async () => {
    t = await startTestServer();
    [maker] = (await registerMany(t.client, 'gmmaker', 1, true)) as [Account];
    [buyer, other] = (await registerMany(t.client, 'gmbuyer', 2)) as [Account, Account];
  });
  after(() => t.close());

  it('follows and unfollows idempotently, with the exact follower count after each', async () => {
    const follow = `mutation($id: ID!) { follow(creatorId: $id) { created followedAt creator { followerCount meFollows } } }`;
    const first = await gqlData(t.url, follow, { token: buyer.token, variables: { id: maker.id } });
    expect(first.follow).to.deep.include({ created: true, creator: { followerCount: 1, meFollows: true } });
    const again = await gqlData(t.url, follow, { token: buyer.token, variables: { id: maker.id } });
    expect(again.follow).to.deep.equal({ ...first.follow, created: false });
    const check = (await t.client.get(`/v1/me/following/${maker.id}`, { token: buyer.token })).json;
    expect(check).to.deep.equal({ following: true, followedAt: first.follow.followedAt });
    const unfollow = `mutation($id: ID!) { unfollow(creatorId: $id) { creatorId } }`;
    for (let i = 0; i < 2; i++)
      expect(
        (await gqlData(t.url, unfollow, { token: buyer.token, variables: { id: maker.id } })).unfollow,
      ).to.deep.equal({ creatorId: maker.id });
    expect((await t.client.get(`/v1/creators/${maker.id}`)).json.followerCount).to.equal(0);
    expectGqlError(await gql(t.url, follow, { token: buyer.token, variables: { id: other.id } }), 'not_found');
    expectGqlError(
      await gql(t.url, follow, { token: maker.token, variables: { id: maker.id } }),
      'validation_failed',
      'creatorId',
    );
    expectGqlError(await gql(t.url, follow, { variables: { id: maker.id } }), 'unauthenticated');
  });

  it('places an order once per key: a replay answers the same order with replayed, another input is idempotency_key_reused', async () => {
    const drop = await liveDrop(t.client, maker, { stock: 10 });
    const key = newKey();
    const first = await place(buyer, drop.id, 2, key);
    expect(first.json.data.placeOrder.replayed).to.equal(false);
    const placed = first.json.data.placeOrder.order;
    expect(placed).to.deep.include({ quantity: 2, totalCents: 2 * 1999, drop: { id: drop.id } });
    const replay = await place(buyer, drop.id, 2, key);
    expect(replay.json.data.placeOrder).to.deep.equal({ replayed: true, order: placed });
    expectGqlError(await place(buyer, drop.id, 3, key), 'idempotency_key_reused');
    // Keys are the user's: the same key from someone else is a new order.
    expect((await place(other, drop.id, 1, key)).json.data.placeOrder.replayed).to.equal(false);
    // The same keys as POST /v1/orders: a REST order replays over GraphQL.
    const restKey = newKey();
    const rest = await order(t.client, buyer, drop.id, 1, restKey);
    const viaGql = await place(buyer, drop.id, 1, restKey);
    expect(viaGql.json.data.placeOrder).to.deep.include({ replayed: true });
    expect(viaGql.json.data.placeOrder.order.id).to.equal(rest.json.id);
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.stock.available).to.equal(10 - 2 - 1 - 1);
  });

  it('answers business rejections with their REST codes and members, and replays them as stored', async () => {
    const drop = await liveDrop(t.client, maker, { stock: 3, perUserLimit: 2 });
    expect(
      expectGqlError(await place(buyer, drop.id, 3, newKey()), 'purchase_limit_exceeded').extensions.remainingAllowance,
    ).to.equal(2);
    await place(other, drop.id, 2, newKey());
    const key = newKey();
    const short = expectGqlError(await place(buyer, drop.id, 2, key), 'insufficient_stock');
    expect(short.extensions).to.deep.include({ available: 1 });
    const replayed = expectGqlError(await place(buyer, drop.id, 2, key), 'insufficient_stock');
    expect(replayed.extensions).to.deep.include({ available: 1, replayed: true });
    const upcoming = await liveDrop(t.client, maker, { startsIn: 3_600_000, endsIn: 7_200_000 });
    expectGqlError(await place(buyer, upcoming.id, 1, newKey()), 'drop_not_live');
    expectGqlError(await place(buyer, 'no-such-drop', 1, newKey()), 'not_found');
  });

  it('names the bad argument and stores nothing for invalid input; anonymous callers are unauthenticated', async () => {
    const drop = await liveDrop(t.client, maker, { stock: 5 });
    const key = newKey();
    for (const quantity of [0, 101])
      expectGqlError(await place(buyer, drop.id, quantity, key), 'validation_failed', 'input.quantity');
    expectGqlError(await place(buyer, drop.id, 1, ''), 'validation_failed', 'idempotencyKey');
    expectGqlError(await place(buyer, drop.id, 1, 'x'.repeat(256)), 'validation_failed', 'idempotencyKey');
    expectGqlError(await place(buyer, 'bad id!', 1, newKey()), 'validation_failed', 'input.dropId');
    // The key was not spent on the invalid attempts.
    expect((await place(buyer, drop.id, 1, key)).json.data.placeOrder.replayed).to.equal(false);
    expectGqlError(
      await gql(t.url, PLACE, { variables: { dropId: drop.id, quantity: 1, key: newKey() } }),
      'unauthenticated',
    );
    expect((await t.client.get(`/v1/drops/${drop.id}`)).json.stock.available).to.equal(4);
  });
});
