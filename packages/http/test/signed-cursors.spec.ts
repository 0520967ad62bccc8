import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { encodeCursor } from '../src/cursor.js';
import { expectInvalid } from './support/client.js';
import { createProduct, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

const b64 = (v: string): string => Buffer.from(v).toString('base64url');

describe('signed cursors', () => {
  let t: TestServer;
  let creator: Account;
  let fan: Account;
  before(async () => {
    t = await startTestServer();
    [creator, fan] = await Promise.all([register(t.client, 'curc', true), register(t.client, 'curf')]);
    for (let i = 0; i < 3; i++) await createProduct(t.client, creator, { title: `P${i}` });
    await t.client.put(`/v1/me/following/${creator.id}`, { token: fan.token });
  });
  after(() => t.close());

  it('pages with the cursors it issues', async () => {
    const first = await t.client.get(`/v1/products?creatorId=${creator.id}&limit=2`);
    expect(first.json.nextCursor).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const rest = await t.client.get(`/v1/products?creatorId=${creator.id}&limit=2&after=${first.json.nextCursor}`);
    expect(rest.status).to.equal(200);
    expect(rest.json.data).to.have.length(1);
  });

  it("refuses forged, unsigned, and other lists' cursors with a 400 naming after, on every list", async () => {
    const productsCursor = (await t.client.get(`/v1/products?creatorId=${creator.id}&limit=1`)).json
      .nextCursor as string;
    const forged = [
      b64('["2026-01-01","a"]'),
      encodeCursor({ key: 1, id: 'a' }),
      `${encodeCursor({ key: -1, id: 'a' })}.${'A'.repeat(22)}`,
      `${b64('["2026-01-01","a"]')}.${productsCursor.split('.')[1]}`,
    ];
    const lists: Array<[string, string | undefined]> = [
      ['/v1/products', undefined],
      ['/v1/drops', undefined],
      [`/v1/creators/${creator.id}/followers`, creator.token],
      ['/v1/me/following', fan.token],
      ['/v1/me/orders', fan.token],
      ['/v1/me/notifications', fan.token],
      [`/v1/products?creatorId=${fan.id}`, undefined],
    ];
    for (const [path, token] of lists) {
      const sep = path.includes('?') ? '&' : '?';
      for (const after of [...forged, productsCursor]) {
        const res = await t.client.get(`${path}${sep}after=${encodeURIComponent(after)}`, token ? { token } : {});
        expectInvalid(res, 'after');
      }
    }
  });

  it('generates the key on first start and stores it, so every instance (and a restart) accepts the cursors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedrops-cursor-'));
    const env: Record<string, string> = process.env['TEST_DATABASE_URL']
      ? {}
      : { DATABASE_URL: `sqlite:${join(dir, 'c.db')}` };
    const a = await startTestServer({ env });
    try {
      const maker = await register(a.client, 'curk', true);
      for (let i = 0; i < 2; i++) await createProduct(a.client, maker);
      const cursor = (await a.client.get(`/v1/products?creatorId=${maker.id}&limit=1`)).json.nextCursor as string;
      const b = await startTestServer({ env });
      const next = await b.client.get(`/v1/products?creatorId=${maker.id}&limit=1&after=${cursor}`);
      await b.close();
      expect(next.status, next.text).to.equal(200);
      expect(next.json.data).to.have.length(1);
      // An instance configured with its own CURSOR_SECRET does not accept them.
      const c = await startTestServer({ env: { ...env, CURSOR_SECRET: 'z'.repeat(40) } });
      const refused = await c.client.get(`/v1/products?creatorId=${maker.id}&limit=1&after=${cursor}`);
      await c.close();
      expectInvalid(refused, 'after');
    } finally {
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
