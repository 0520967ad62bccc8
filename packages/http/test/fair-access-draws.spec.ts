import { expect } from 'chai';
import { NodeFairnessCrypto } from '@livedrops/adapters';
import { verifyShuffle } from '@livedrops/core';
import { expectProblem } from './support/client.js';
import { ShiftedClock } from './support/checkout.js';
import { createProduct, order, register, type Account } from './support/fixtures.js';
import { isoIn, startTestServer, type TestServer } from './support/harness.js';
import { FAST, inboxUntil } from './support/notifications.js';
import { expectGqlError, gql, gqlData } from './support/graphql.js';

const MIN = 60_000;

describe('fair access: draws over HTTP', () => {
  let t: TestServer;
  let clock: ShiftedClock;
  let creator: Account;
  let fans: Account[];
  before(async () => {
    clock = new ShiftedClock();
    t = await startTestServer({
      ...FAST,
      clock,
      fairAccess: { shuffleIntervalMs: 40 },
      checkout: { tuning: { expiryIntervalMs: 40 } },
    });
    creator = await register(t.client, 'drawmaker', true);
    fans = await Promise.all(['fa', 'fb', 'fc'].map((n) => register(t.client, n)));
  });
  after(() => t.close());

  /** A draw whose entries close in 5 minutes of the server's clock and that starts 5 minutes later. */
  async function draw(body: Record<string, unknown> = {}): Promise<any> {
    const productId = (await createProduct(t.client, creator)).id;
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    const res = await t.client.post('/v1/drops', {
      token: creator.token,
      body: {
        productId,
        stock: 1,
        access: 'draw',
        startsAt: at(10 * MIN),
        endsAt: at(60 * MIN),
        entriesOpenAt: at(0),
        entriesCloseAt: at(5 * MIN),
        ...body,
      },
    });
    expect(res.status, res.text).to.equal(201);
    return res.json;
  }
  const enter = (fan: Account, dropId: string) => t.client.post(`/v1/drops/${dropId}/entries`, { token: fan.token });

  async function drawn(dropId: string): Promise<any> {
    for (let i = 0; i < 100; i++) {
      const fair = await t.client.get(`/v1/drops/${dropId}/fairness`);
      if (fair.json.seed) return fair.json;
      await new Promise((r) => setTimeout(r, 40));
    }
    expect.fail('the draw was never made');
  }

  it('entries: 201 then 200 with the same entry; 404 for a drop that is not a draw; 401 without a token', async () => {
    const drop = await draw();
    const first = await enter(fans[0]!, drop.id);
    expect(first.status, first.text).to.equal(201);
    expect(first.json).to.have.all.keys('entryId', 'enteredAt');
    const again = await enter(fans[0]!, drop.id);
    expect(again.status).to.equal(200);
    expect(again.json).to.deep.equal(first.json);
    expectProblem(await t.client.post('/v1/drops/nope/entries', { token: fans[0]!.token }), 404, 'not_found');
    expectProblem(await t.client.post(`/v1/drops/${drop.id}/entries`), 401, 'unauthenticated');
    const open = (
      await t.client.post('/v1/drops', {
        token: creator.token,
        body: { productId: drop.product.id, stock: 1, startsAt: isoIn(-1000), endsAt: isoIn(MIN) },
      })
    ).json;
    expectProblem(await enter(fans[0]!, open.id), 404, 'not_found');
  });

  it('at the close: a verifiable draw, the winner holds the unit (draw.won), the others get draw.lost', async () => {
    const drop = await draw({ checkout: 'pay', holdSeconds: 60 });
    for (const fan of fans) expect((await enter(fan, drop.id)).status).to.equal(201);
    clock.shift(5 * MIN);
    expectProblem(await enter(creator, drop.id), 409, 'entries_closed');
    const fair = await drawn(drop.id);
    expect(fair.entries).to.deep.equal(fans.map((f) => f.id).sort());
    expect(verifyShuffle(new NodeFairnessCrypto(), fair)).to.equal(true);
    const byId = new Map(fans.map((f) => [f.id, f]));
    const winner = byId.get(fair.order[0])!;
    // The earlier draws of this suite close too: this drop's event, not just any draw.won.
    const mine = (x: any) => x.type === 'draw.won' && x.data.dropId === drop.id;
    const won = (await inboxUntil(t.client, winner, (n) => n.some(mine))).find(mine);
    expect(won.data).to.include({ dropId: drop.id });
    const held = await t.client.get(`/v1/orders/${won.data.orderId}`, { token: winner.token });
    expect(held.json).to.include({ status: 'held', quantity: 1 });
    for (const id of fair.order.slice(1))
      await inboxUntil(t.client, byId.get(id)!, (n) =>
        n.some((x) => x.type === 'draw.lost' && x.data.dropId === drop.id),
      );
    clock.shift(5 * MIN);
    // The last in the drawn order: the winner's hold has expired by now, and the backfill may
    // already have made the second in that order a winner (with a hold of their own).
    const last = byId.get(fair.order[fair.order.length - 1])!;
    expectProblem(await order(t.client, last, drop.id, 1), 403, 'not_eligible');
  });

  it('GraphQL: enterDraw and joinQueue answer as their REST twins, with the same error codes', async () => {
    const drop = await draw();
    const enter = 'mutation($d: ID!) { enterDraw(dropId: $d) { entryId enteredAt } }';
    const first = await gqlData(t.url, enter, { token: fans[1]!.token, variables: { d: drop.id } });
    expect((await gqlData(t.url, enter, { token: fans[1]!.token, variables: { d: drop.id } })).enterDraw).to.deep.equal(
      first.enterDraw,
    );
    const rest = await t.client.post(`/v1/drops/${drop.id}/entries`, { token: fans[1]!.token });
    expect(rest.json.entryId).to.equal(first.enterDraw.entryId);
    const join = 'mutation($d: ID!) { joinQueue(dropId: $d) { state position etaSeconds pass } }';
    expectGqlError(await gql(t.url, join, { token: fans[1]!.token, variables: { d: drop.id } }), 'not_found');
    const productId = (await createProduct(t.client, creator)).id;
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    const queued = (
      await t.client.post('/v1/drops', {
        token: creator.token,
        body: { productId, stock: 1, access: 'queue', startsAt: at(MIN), endsAt: at(60 * MIN) },
      })
    ).json;
    const place = await gqlData(t.url, join, { token: fans[1]!.token, variables: { d: queued.id } });
    expect(place.joinQueue).to.deep.equal({ state: 'WAITING', position: null, etaSeconds: null, pass: null });
  });
});
