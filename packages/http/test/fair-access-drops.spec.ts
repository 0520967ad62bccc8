import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { createProduct, order, register, type Account } from './support/fixtures.js';
import { isoIn, sleep, startTestServer, type TestServer } from './support/harness.js';

const HEX64 = /^[0-9a-f]{64}$/;

describe('fair access: drop fields, fairness, followers first', () => {
  let t: TestServer;
  let creator: Account;
  let productId: string;
  before(async () => {
    t = await startTestServer();
    creator = await register(t.client, 'fairmaker', true);
    productId = (await createProduct(t.client, creator)).id;
  });
  after(() => t.close());

  const post = (body: Record<string, unknown>) =>
    t.client.post('/v1/drops', { token: creator.token, body: { productId, stock: 5, ...body } });
  const myDrops = async () =>
    (await t.client.get(`/v1/drops?creatorId=${creator.id}&limit=100`)).json.data.length as number;

  it('a queue drop commits to a seed; its fairness shows the commitment and no seed yet', async () => {
    const res = await post({ startsAt: isoIn(60_000), endsAt: isoIn(120_000), access: 'queue' });
    expect(res.status, res.text).to.equal(201);
    expect(res.json.access).to.equal('queue');
    expect(res.json.fairness.commitment).to.match(HEX64);
    const fair = await t.client.get(`/v1/drops/${res.json.id}/fairness`);
    expect(fair.status, fair.text).to.equal(200);
    expect(fair.json).to.deep.equal({
      commitment: res.json.fairness.commitment,
      algorithm: 'fisher-yates-hmac-sha256-v1',
      seed: null,
    });
    const again = await t.client.get(`/v1/drops/${res.json.id}`);
    expect(again.json.fairness).to.deep.equal(res.json.fairness);
  });

  it('a draw drop shows its entry window; seeds differ from drop to drop', async () => {
    const window = {
      startsAt: isoIn(60_000),
      endsAt: isoIn(120_000),
      access: 'draw',
      entriesOpenAt: isoIn(-1000),
      entriesCloseAt: isoIn(30_000),
    };
    const [a, b] = [await post(window), await post(window)];
    expect(a.status, a.text).to.equal(201);
    expect(a.json).to.include({
      access: 'draw',
      entriesOpenAt: window.entriesOpenAt,
      entriesCloseAt: window.entriesCloseAt,
    });
    expect(a.json.fairness.commitment).to.not.equal(b.json.fairness.commitment);
  });

  it('an open drop is as in 1.0: no access members, and no fairness (404)', async () => {
    const res = await post({ startsAt: isoIn(60_000), endsAt: isoIn(120_000) });
    expect(res.json).to.not.have.any.keys(
      'access',
      'fairness',
      'followersFirstUntil',
      'entriesOpenAt',
      'entriesCloseAt',
    );
    expectProblem(await t.client.get(`/v1/drops/${res.json.id}/fairness`), 404, 'not_found');
    expectProblem(await t.client.get('/v1/drops/nope/fairness'), 404, 'not_found');
  });

  it('400 naming the field for every bad access setting, and nothing is written', async () => {
    const before = await myDrops();
    const ok = { startsAt: isoIn(60_000), endsAt: isoIn(120_000) };
    const draw = { ...ok, access: 'draw', entriesOpenAt: isoIn(0), entriesCloseAt: isoIn(30_000) };
    expectInvalid(await post({ ...ok, access: 'lottery' }), 'access');
    expectInvalid(await post({ ...ok, access: 'draw' }), 'entriesOpenAt');
    expectInvalid(await post({ ...ok, access: 'draw', entriesOpenAt: isoIn(0) }), 'entriesCloseAt');
    expectInvalid(await post({ ...draw, entriesCloseAt: isoIn(90_000) }), 'entriesCloseAt');
    expectInvalid(await post({ ...draw, entriesCloseAt: isoIn(-1) }), 'entriesCloseAt');
    expectInvalid(await post({ ...draw, entriesOpenAt: 'soon' }), 'entriesOpenAt');
    expectInvalid(await post({ ...ok, access: 'queue', entriesCloseAt: isoIn(30_000) }), 'entriesCloseAt');
    expectInvalid(await post({ ...ok, followersFirstUntil: isoIn(130_000) }), 'followersFirstUntil');
    expectInvalid(await post({ ...ok, followersFirstUntil: isoIn(1_000) }), 'followersFirstUntil');
    expect(await myDrops()).to.equal(before);
  });

  it('followers first: only followers from before the drop may order until followersFirstUntil', async () => {
    const [early, late, stranger] = await Promise.all([
      register(t.client, 'early'),
      register(t.client, 'late'),
      register(t.client, 'stranger'),
    ]);
    const follow = (a: Account) => t.client.put(`/v1/me/following/${creator.id}`, { token: a.token });
    expect((await follow(early)).status).to.equal(201);
    await sleep(5);
    const drop = (await post({ startsAt: isoIn(-1000), endsAt: isoIn(60_000), followersFirstUntil: isoIn(1500) })).json;
    expect(drop.followersFirstUntil).to.be.a('string');
    await sleep(5);
    expect((await follow(late)).status).to.equal(201);
    expect((await order(t.client, early, drop.id, 1)).status).to.equal(201);
    expect(expectProblem(await order(t.client, late, drop.id, 1), 403, 'not_eligible').reason).to.equal(
      'followers_first',
    );
    const key = 'stranger-key';
    expectProblem(await order(t.client, stranger, drop.id, 1, key), 403, 'not_eligible');
    await sleep(1600);
    // The refusal was not stored: the same key now places the order.
    expect((await order(t.client, stranger, drop.id, 1, key)).status).to.equal(201);
    expect((await order(t.client, late, drop.id, 1)).status).to.equal(201);
  });
});
