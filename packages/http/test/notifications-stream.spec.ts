import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { liveDrop, order, registerMany, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { FAST, quiet } from './support/notifications.js';
import { SseClient } from './support/sse-client.js';

/** Stream mechanics on personal events (order.confirmed): resume, auth, tickets, limits. */
describe('GET /v1/me/notifications/stream', () => {
  let t: TestServer;
  let buyer: Account, other: Account;
  let dropId: string;
  const open: SseClient[] = [];
  const stream = async (o: Parameters<typeof SseClient.open>[1]) => {
    const s = await SseClient.open(t.url, o);
    open.push(s);
    return s;
  };
  const buy = async (who = buyer) => expect((await order(t.client, who, dropId, 1)).status).to.equal(201);

  before(async () => {
    t = await startTestServer(FAST);
    [buyer, other] = (await registerMany(t.client, 'streamer', 2)) as [Account, Account];
    dropId = (await liveDrop(t.client, (await registerMany(t.client, 'maker', 1, true))[0]!, { stock: 1000 })).id;
  });
  after(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('is text/event-stream with id, event and data lines, and heartbeats', async () => {
    const s = await stream({ token: buyer.token });
    expect(s.status).to.equal(200);
    expect(s.headers.get('content-type')).to.match(/^text\/event-stream/);
    expect(s.headers.get('x-request-id')).to.be.a('string');
    await buy();
    await s.count(1);
    const [e] = s.events;
    expect(e!.event).to.equal('order.confirmed');
    expect(e!.data).to.include({ id: e!.id, type: 'order.confirmed' });
    expect(e!.data.data).to.include({ dropId });
    await s.until((c) => c.heartbeats >= 2, 2000, 'two heartbeats');
    s.close();
  });

  it('resumes after Last-Event-ID with exactly what was missed, then goes live', async () => {
    const first = await stream({ token: other.token });
    await buy(other);
    await first.count(1);
    first.close();
    await buy(other);
    await buy(other);
    const resumed = await stream({ token: other.token, lastEventId: first.events[0]!.id });
    await resumed.count(2);
    await buy(other);
    await resumed.count(3);
    await quiet();
    const inbox = (await t.client.get('/v1/me/notifications', { token: other.token })).json.data.map(
      (n: { id: string }) => n.id,
    );
    expect(resumed.ids()).to.deep.equal(inbox.slice(0, 3).reverse());
    expect(new Set(resumed.ids()).size).to.equal(3);
    // Resuming from the newest event replays nothing.
    const upToDate = await stream({ token: other.token, lastEventId: resumed.ids()[2]! });
    await quiet();
    expect(upToDate.events).to.deep.equal([]);
  });

  it('answers 401 problems to anonymous, unknown-token and bad-ticket streams; 400 to a bad Last-Event-ID', async () => {
    for (const o of [{}, { token: 'ld_nope' }, { query: '?ticket=abcdefghijklmnopqrstuvwxyz' }]) {
      const s = await stream(o);
      const res = { status: s.status, headers: s.headers, text: s.body, json: JSON.parse(s.body) };
      expectProblem(res, 401, 'unauthenticated');
      expect(s.headers.get('www-authenticate')).to.match(/^Bearer/);
    }
    const bad = await stream({ token: buyer.token, lastEventId: 'not an id!' });
    expect(bad.status).to.equal(400);
  });

  it('opens with a ticket once; the ticket never reaches the logs', async () => {
    const res = await t.client.post('/v1/me/notifications/ticket', { token: buyer.token });
    expect(res.status, res.text).to.equal(201);
    expect(res.json).to.have.keys('ticket', 'expiresAt');
    expect(Date.parse(res.json.expiresAt) - Date.now()).to.be.within(55_000, 60_500);
    const s = await stream({ query: `?ticket=${res.json.ticket}` });
    expect(s.status).to.equal(200);
    await buy();
    await s.count(1);
    expect((await stream({ query: `?ticket=${res.json.ticket}` })).status).to.equal(401);
    expect(t.rawLogs.join('\n')).not.to.include(res.json.ticket);
    expect((await t.client.post('/v1/me/notifications/ticket')).status).to.equal(401);
  });

  it('caps concurrent streams per user with 429 rate_limited and Retry-After', async () => {
    const [capped] = (await registerMany(t.client, 'capped', 1)) as [Account];
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => stream({ token: capped.token })));
    expect(five.map((s) => s.status)).to.deep.equal([200, 200, 200, 200, 200]);
    const sixth = await stream({ token: capped.token });
    expect(sixth.status).to.equal(429);
    expect(JSON.parse(sixth.body).code).to.equal('rate_limited');
    expect(Number(sixth.headers.get('retry-after'))).to.be.greaterThan(0);
    five[0]!.close();
    await quiet(200);
    expect((await stream({ token: capped.token })).status).to.equal(200);
  });

  it('exports the notification metrics', async () => {
    const text = (await t.client.get('/metrics')).text;
    for (const name of [
      'livedrops_outbox_lag_seconds',
      'livedrops_notification_delivery_lag_seconds_bucket',
      'livedrops_notification_streams_connected',
      'livedrops_fanout_batch_size',
    ]) {
      expect(text).to.include(name);
    }
    expect(text).to.match(/livedrops_notification_delivery_lag_seconds_count\{type="order.confirmed"\} [1-9]/);
  });
});
