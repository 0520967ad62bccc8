import { expect } from 'chai';
import { liveDrop, order, registerMany, type Account } from './support/fixtures.js';
import { WsClient } from './support/graphql.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { FAST, quiet } from './support/notifications.js';
import { SseClient } from './support/sse-client.js';

const SUB = `subscription($after: ID) { notifications(after: $after) { id type createdAt data } }`;

/** `notifications(after:)` over a real WebSocket: the same events, ids and resume rules as the SSE stream. */
describe('GraphQL subscriptions (WebSocket /graphql)', () => {
  let t: TestServer;
  let buyer: Account, other: Account;
  let dropId: string;
  const open: Array<{ close(): void }> = [];
  const connect = async (payload: Record<string, unknown> | undefined) => {
    const c = await WsClient.open(t.url, payload);
    open.push(c);
    return c;
  };
  const buy = async (who: Account) => expect((await order(t.client, who, dropId, 1)).status).to.equal(201);

  before(async () => {
    t = await startTestServer(FAST);
    [buyer, other] = (await registerMany(t.client, 'gsbuyer', 2)) as [Account, Account];
    dropId = (await liveDrop(t.client, (await registerMany(t.client, 'gsmaker', 1, true))[0]!, { stock: 1000 })).id;
  });
  after(async () => {
    for (const c of open) c.close();
    await t.close();
  });

  it('delivers live notifications with the inbox ids, and WebSocket pings as heartbeats', async () => {
    const c = await connect({ token: buyer.token });
    c.subscribe('1', SUB);
    await quiet(100);
    await buy(buyer);
    await c.until(() => c.next('1').length === 1, 'one notification');
    const n = c.next('1')[0].data.notifications;
    expect(n).to.include({ type: 'order.confirmed' });
    expect(n.data).to.include({ dropId });
    const inbox = (await t.client.get('/v1/me/notifications', { token: buyer.token })).json.data;
    expect(inbox[0]).to.deep.equal(n);
    await c.until(() => c.pings >= 2, 'two pings');
    c.complete('1');
  });

  it('resumes after a given id with exactly what was missed, then goes live, each once', async () => {
    const first = await connect({ token: other.token });
    first.subscribe('a', SUB);
    await quiet(100);
    await buy(other);
    await first.until(() => first.ids('a').length === 1, 'first event');
    first.close();
    await buy(other);
    await buy(other);
    const resumed = await connect({ token: other.token });
    resumed.subscribe('b', SUB, { after: first.ids('a')[0] });
    await resumed.until(() => resumed.ids('b').length === 2, 'two missed events');
    await buy(other);
    await resumed.until(() => resumed.ids('b').length === 3, 'the live event');
    await quiet();
    const inbox = (await t.client.get('/v1/me/notifications', { token: other.token })).json.data.map(
      (n: { id: string }) => n.id,
    );
    expect(resumed.ids('b')).to.deep.equal(inbox.slice(0, 3).reverse());
    // The same resume point over SSE gives the same events.
    const sse = await SseClient.open(t.url, { token: other.token, lastEventId: first.ids('a')[0] });
    open.push(sse);
    await sse.count(3);
    expect(sse.ids()).to.deep.equal(resumed.ids('b'));
  });

  it('authenticates connection_init by token or single-use ticket; refuses anything else with 4403', async () => {
    for (const payload of [undefined, {}, { token: 'ld_nope' }, { ticket: 'abcdefghijklmnopqrstuvwxyz' }]) {
      const c = await connect(payload);
      await c.until(() => c.closed !== undefined, 'the close');
      expect(c.closed, JSON.stringify(payload)).to.deep.equal({ code: 4403, reason: 'unauthenticated' });
    }
    const ticket = (await t.client.post('/v1/me/notifications/ticket', { token: buyer.token })).json.ticket;
    const c = await connect({ ticket });
    expect(c.messages.map((m) => m.type)).to.deep.equal(['connection_ack']);
    c.subscribe('q', '{ me { id } }');
    await c.until(() => c.messages.some((m) => m.id === 'q' && m.type === 'complete'), 'query result');
    expect(c.next('q')).to.deep.equal([{ data: { me: { id: buyer.id } } }]);
    const again = await connect({ ticket });
    await again.until(() => again.closed !== undefined, 'the close');
    expect(again.closed?.code).to.equal(4403);
  });

  it('counts WebSocket subscriptions and SSE streams against one per-user cap (rate_limited)', async () => {
    const [capped] = (await registerMany(t.client, 'gscapped', 1)) as [Account];
    const sse = await Promise.all([1, 2, 3].map(() => SseClient.open(t.url, { token: capped.token })));
    open.push(...sse);
    const c = await connect({ token: capped.token });
    c.subscribe('1', SUB);
    c.subscribe('2', SUB);
    c.subscribe('3', SUB);
    await c.until(() => c.errors('3').length > 0, 'the sixth stream refused');
    expect(c.errors('3')[0].extensions).to.include({ code: 'rate_limited' });
    expect([c.errors('1'), c.errors('2')]).to.deep.equal([[], []]);
    c.complete('1');
    await quiet(100);
    c.subscribe('4', SUB);
    await quiet(200);
    expect(c.errors('4')).to.deep.equal([]);
  });

  it('refuses invalid operations with validation_failed, and a client without the subprotocol', async () => {
    const c = await connect({ token: buyer.token });
    c.subscribe('x', 'subscription { notifications(after: "bad id!") { id } }');
    c.subscribe('y', 'subscription { nope }');
    c.subscribe('z', '{ drops { edges { node { creator { followers { edges { node { user { id } } } } } } } } }');
    await c.until(() => ['x', 'y', 'z'].every((id) => c.errors(id).length > 0), 'three errors');
    for (const id of ['x', 'y', 'z']) expect(c.errors(id)[0].extensions.code, id).to.equal('validation_failed');
    expect(c.errors('x')[0].extensions.errors).to.deep.equal([
      { path: 'after', message: 'must be an id (1-64 of A-Z, a-z, 0-9, _ and -)' },
    ]);
    expect(c.errors('z')[0].message).to.match(/levels deep/);
    // Without graphql-transport-ws the server names no subprotocol, and the handshake fails.
    const bare = await WsClient.open(t.url, { token: buyer.token }, 'no-such-protocol').then(
      () => null,
      (e: Error) => e,
    );
    expect(bare?.message).to.match(/subprotocol/);
  });

  it('closes every connection with 1001 (going away) on shutdown, so clients reconnect elsewhere', async () => {
    const own = await startTestServer(FAST);
    const [u] = (await registerMany(own.client, 'gsbye', 1)) as [Account];
    const c = await WsClient.open(own.url, { token: u!.token });
    c.subscribe('1', SUB);
    await quiet(100);
    await own.close();
    await c.until(() => c.closed !== undefined, 'the close');
    expect(c.closed?.code).to.equal(1001);
  });
});
