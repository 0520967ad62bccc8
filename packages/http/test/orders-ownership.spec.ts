import { expect } from 'chai';
import fc from 'fast-check';
import { expectProblem } from './support/client.js';
import { liveDrop, newKey, order, registerMany, walk, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

describe('orders belong to their buyer (property)', () => {
  let t: TestServer;
  let users: Account[];
  let dropIds: string[];
  before(async () => {
    t = await startTestServer();
    users = await registerMany(t.client, 'owner', 4);
    const [creator] = await registerMany(t.client, 'ownseller', 1, true);
    dropIds = [
      (await liveDrop(t.client, creator!, { stock: 100_000 })).id,
      (await liveDrop(t.client, creator!, { stock: 100_000 })).id,
    ];
  });
  after(() => t.close());

  it('random buyers, orders and shared keys: each order is readable by its owner only, and each list holds only its owner’s', async () => {
    const placed = new Map<string, string>(); // order id → owner id, across runs
    const op = fc.record({
      user: fc.nat(users.length - 1),
      drop: fc.nat(1),
      quantity: fc.integer({ min: 1, max: 3 }),
      key: fc.nat(3),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        // Keys drawn from a small shared pool: a key one user used is reused by another.
        const keys = Array.from({ length: 4 }, () => newKey());
        const mine = new Map<string, string[]>();
        const results = await Promise.all(
          ops.map((o) => order(t.client, users[o.user]!, dropIds[o.drop]!, o.quantity, keys[o.key])),
        );
        for (const [i, res] of results.entries()) {
          const o = ops[i]!;
          const owner = users[o.user]!;
          // Keys are the user's own: only the same user's other requests with this key may interfere.
          const sameKey = ops.filter((x, j) => j !== i && x.user === o.user && x.key === o.key);
          if (res.status !== 201) {
            expect(sameKey, `${res.status} without a same-user same-key request: ${res.text}`).to.not.be.empty;
            expect([409, 422]).to.include(res.status);
            continue;
          }
          if (res.headers.get('idempotent-replayed')) expect(sameKey).to.not.be.empty;
          expect(res.json.userId).to.equal(owner.id);
          placed.set(res.json.id, owner.id);
          mine.set(owner.id, [...(mine.get(owner.id) ?? []), res.json.id]);
        }
        const thisRun = new Set([...mine.values()].flat());
        for (const id of thisRun) {
          const ownerId = placed.get(id);
          for (const u of users) {
            const res = await t.client.get(`/v1/orders/${id}`, { token: u.token });
            if (u.id === ownerId) expect(res.status).to.equal(200);
            else expectProblem(res, 404, 'not_found');
          }
        }
        for (const u of users) {
          const listed = await walk(t.client, '/v1/me/orders', { token: u.token, limit: 100 });
          for (const o of listed)
            expect(placed.get(o['id'] as string) ?? u.id, 'an order in someone else’s list').to.equal(u.id);
          const ids = new Set(listed.map((o) => o['id']));
          for (const id of mine.get(u.id) ?? [])
            expect(ids.has(id), 'own order missing from /v1/me/orders').to.equal(true);
        }
      }),
      { numRuns: 12 },
    );
  });
});
