import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { expectProblem } from './support/client.js';
import { register, type Account } from './support/fixtures.js';
import { WsClient } from './support/graphql.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { SseClient } from './support/sse-client.js';

/** Waits for `done`, failing after `ms`; returns how long it took. */
async function within(ms: number, done: () => boolean, what: string): Promise<number> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) expect.fail(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

async function login(t: TestServer, a: Account): Promise<string> {
  const res = await t.client.post('/v1/auth/login', { body: { handle: a.handle, password: a.password } });
  expect(res.status, res.text).to.equal(200);
  return res.json.token;
}

async function ticketOf(t: TestServer, token: string): Promise<string> {
  const res = await t.client.post('/v1/me/notifications/ticket', { token });
  expect(res.status, res.text).to.equal(201);
  return res.json.ticket;
}

describe("logout ends the session's streams and tickets", () => {
  let t: TestServer;
  let other: TestServer;
  let dir: string;
  before(async () => {
    // Two instances over one database, as in a deployment (the production profile's, or one SQLite file).
    dir = mkdtempSync(join(tmpdir(), 'livedrops-logout-'));
    const env: Record<string, string> = process.env['TEST_DATABASE_URL']
      ? {}
      : { DATABASE_URL: `sqlite:${join(dir, 'shared.db')}` };
    t = await startTestServer({ env });
    other = await startTestServer({ env });
  });
  after(async () => {
    await Promise.all([t.close(), other.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes an SSE stream opened with the token, and one opened with a ticket, at logout', async () => {
    const fan = await register(t.client, 'lo_sse');
    const second = await login(t, fan);
    const byToken = await SseClient.open(t.url, { token: fan.token });
    const byTicket = await SseClient.open(t.url, { query: `?ticket=${await ticketOf(t, fan.token)}` });
    const otherSession = await SseClient.open(t.url, { token: second });
    expect([byToken.status, byTicket.status, otherSession.status]).to.deep.equal([200, 200, 200]);
    expect((await t.client.post('/v1/auth/logout', { token: fan.token })).status).to.equal(204);
    await within(1_000, () => byToken.ended && byTicket.ended, "the signed-out session's streams ending");
    await new Promise((r) => setTimeout(r, 100));
    expect(otherSession.ended, 'another session of the same user keeps its stream').to.equal(false);
    otherSession.close();
  });

  it('refuses a ticket issued before logout, over SSE and over WebSocket', async () => {
    const fan = await register(t.client, 'lo_tkt');
    const [a, b] = [await ticketOf(t, fan.token), await ticketOf(t, fan.token)];
    await t.client.post('/v1/auth/logout', { token: fan.token });
    const sse = await SseClient.open(t.url, { query: `?ticket=${a}` });
    expect(sse.status).to.equal(401);
    const ws = await WsClient.open(t.url, { ticket: b });
    expect(ws.closed).to.deep.equal({ code: 4403, reason: 'unauthenticated' });
  });

  it('closes a GraphQL WebSocket at logout', async () => {
    const fan = await register(t.client, 'lo_ws');
    const ws = await WsClient.open(t.url, { token: fan.token });
    expect(ws.closed).to.equal(undefined);
    await t.client.post('/v1/auth/logout', { token: fan.token });
    await ws.until(() => ws.closed !== undefined, 'the socket closing', 1_000);
    expect(ws.closed).to.deep.equal({ code: 4403, reason: 'unauthenticated' });
  });

  it('closes the streams on another instance within 1 s of a logout, and refuses its tickets there', async () => {
    const fan = await register(t.client, 'lo_far');
    const sse = await SseClient.open(other.url, { token: fan.token });
    const ws = await WsClient.open(other.url, { token: fan.token });
    const ticket = await ticketOf(other, fan.token);
    expect(sse.status).to.equal(200);
    expect((await t.client.post('/v1/auth/logout', { token: fan.token })).status).to.equal(204);
    const took = await within(1_000, () => sse.ended && ws.closed !== undefined, "the other instance's streams ending");
    expect(took).to.be.below(1_000);
    expectProblem(await other.client.get('/v1/me', { token: fan.token }), 401, 'unauthenticated');
    expect((await SseClient.open(other.url, { query: `?ticket=${ticket}` })).status).to.equal(401);
  });
});
