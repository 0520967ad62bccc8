import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@livedrops/adapters';
import { createLogger, startServer, type ServerHandle } from '../src/index.js';
import { Client, expectInvalid } from './support/client.js';
import { liveDrop, order, registerMany, walk, type Account } from './support/fixtures.js';
import { FAST, inbox, inboxUntil } from './support/notifications.js';
import { SseClient } from './support/sse-client.js';

/** A server on a given SQLite file, so a test can restart it on the same data. */
async function serve(file: string, clock?: { now(): number }): Promise<{ handle: ServerHandle; api: Client }> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
  const handle = await startServer(config, { ...FAST, logger: createLogger('silent'), ...(clock ? { clock } : {}) });
  return { handle, api: new Client(handle.url) };
}

describe('GET /v1/me/notifications (durable inbox)', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'livedrops-inbox-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pages newest first, each user sees only their own, and it survives a restart', async () => {
    const file = join(dir, 'restart.db');
    let { handle, api } = await serve(file);
    const [alice, bob] = (await registerMany(api, 'inbox', 2)) as [Account, Account];
    const [creator] = (await registerMany(api, 'inboxmaker', 1, true)) as [Account];
    const drop = await liveDrop(api, creator, { stock: 100 });
    for (let i = 0; i < 5; i++) expect((await order(api, alice, drop.id, 1)).status).to.equal(201);
    expect((await order(api, bob, drop.id, 1)).status).to.equal(201);
    const all = await inboxUntil(api, alice, (i) => i.length === 5);
    const walked = await walk(api, '/v1/me/notifications', { token: alice.token, limit: 2 });
    expect(walked.map((n) => n['id'])).to.deep.equal(all.map((n) => n.id));
    expect(all.map((n) => Date.parse(n.createdAt))).to.deep.equal(
      [...all.map((n) => Date.parse(n.createdAt))].sort((a, b) => b - a),
    );
    expect((await inbox(api, bob)).map((n) => n.id))
      .to.have.length(1)
      .and.not.include.members(all.map((n) => n.id));
    expectInvalid(await api.get('/v1/me/notifications?after=bm9wZQ', { token: alice.token }), 'after');
    expect((await api.get('/v1/me/notifications')).status).to.equal(401);
    await handle.close();
    ({ handle, api } = await serve(file));
    try {
      expect((await inbox(api, alice)).map((n) => n.id)).to.deep.equal(all.map((n) => n.id));
    } finally {
      await handle.close();
    }
  });

  it('ends open streams on close, so shutdown is not held by clients that never hang up', async () => {
    const { handle, api } = await serve(join(dir, 'close.db'));
    const [fan] = (await registerMany(api, 'closer', 1)) as [Account];
    const s = await SseClient.open(handle.url, { token: fan.token });
    expect(s.status).to.equal(200);
    const started = Date.now();
    await handle.close();
    expect(Date.now() - started).to.be.lessThan(2000);
    await s.until((c) => c.ended, 2000, 'the stream to end');
  });

  it('refuses a ticket after 60 s', async () => {
    let skew = 0;
    const { handle, api } = await serve(join(dir, 'ticket.db'), { now: () => Date.now() + skew });
    try {
      const [fan] = (await registerMany(api, 'ticketed', 1)) as [Account];
      const { ticket } = (await api.post('/v1/me/notifications/ticket', { token: fan.token })).json;
      skew = 60_001;
      const s = await SseClient.open(handle.url, { query: `?ticket=${ticket}` });
      expect(s.status).to.equal(401);
    } finally {
      await handle.close();
    }
  });
});
