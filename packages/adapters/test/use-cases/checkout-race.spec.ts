import type { Order, User } from '@livedrops/core';
import { expect } from 'chai';
import { RedisReadCache } from '../../src/redis/redis-read-cache.js';
import { checkoutFixtures } from '../../src/testing/contracts/checkout-fixtures.js';
import { selectedAdapters, useHarness, type Harness } from '../harness.js';
import { redisSuites, redisUnderTest, type RedisUnderTest } from '../services/redis-test.js';
import { checkoutUseCases, coin, shown, unitsByStatus } from './checkout-world.js';

const HOLDS = 1000;
const STOCK = 100;

/**
 * 1,000 concurrent holds on a stock of 100 while holds expire (the clock runs on), get paid
 * (some with pm_card_flaky), get cancelled, and returned units go to a waitlist: at every
 * sampled instant confirmed + held ≤ 100 and the drop's counters match the rows; at the end
 * every hold ended once, every confirmed order has one captured payment and every other
 * authorization is voided. With a read cache, no read shows less than was returned or taken:
 * than the database had when the read began, or, where an order book floors its batch's takes
 * after committing them and before answering (PostgreSQL), than the takes answered by then.
 */
async function race(h: Harness, redis?: RedisUnderTest): Promise<void> {
  const cache = redis ? new RedisReadCache(redis.redis, { ttlMs: 60_000, pendingMs: 10_000 }) : undefined;
  const { uc, ports } = checkoutUseCases(h, { cache, seed: 11 });
  const f = checkoutFixtures(h);
  const drop = await f.payDrop({ total: STOCK, holdSeconds: 30 });
  const buyers: User[] = await Promise.all(Array.from({ length: 200 }, () => f.user()));
  for (const w of buyers.slice(150)) await h.ports.waitlist.join(drop.id, w.id, h.clock.now());
  const rng = coin(3);
  const violations: string[] = [];
  let running = true;
  let answered = 0;
  const floorsAfterCommit = h.ports.orderBook !== undefined;
  const sampler = (async () => {
    for (let n = 0; running || n < 1; n++) {
      const answeredBefore = answered;
      const [rows, db] = [await unitsByStatus(h, drop.id), (await h.ports.drops.findById(drop.id))!];
      if (rows.held + rows.confirmed > STOCK)
        violations.push(`sample ${n}: ${rows.confirmed} confirmed + ${rows.held} held > ${STOCK}`);
      const seen = await shown(ports, drop.id);
      // Returns raise the cache before they commit; takes do too, or are floored before answered.
      const drawn = floorsAfterCommit ? answeredBefore : db.sold + (db.returned ?? 0);
      if (seen.sold + (seen.returned ?? 0) < drawn || (seen.returned ?? 0) < (db.returned ?? 0)) {
        violations.push(
          `sample ${n}: read sold ${seen.sold}/returned ${seen.returned} behind ${drawn} taken ` +
            `(database ${db.sold}/${db.returned})`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const expiring = (async () => {
    while (running) {
      h.clock.advance(3_000);
      await uc.expireDueHolds.execute(50);
      await uc.settlePayments.execute(20);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const act = async (o: Order, buyer: User, i: number) => {
    const r = rng();
    if (r < 0.45)
      await uc.payOrder
        .execute(buyer, `pay-${i}`, o.id, { paymentMethodId: r < 0.15 ? 'pm_card_flaky' : 'pm_card_visa' })
        .catch(() => undefined);
    else if (r < 0.6) await uc.cancelHold.execute(buyer, o.id).catch(() => undefined);
    // the rest let their hold run out
  };
  const results = await Promise.all(
    Array.from({ length: HOLDS }, async (_, i) => {
      const buyer = buyers[i % 150]!;
      const r = await uc.placeOrder.execute(buyer, `hold-${i}`, { dropId: drop.id, quantity: 1 });
      if (r.outcome.ok) answered++;
      if (r.outcome.ok) await act(r.outcome.order, buyer, i);
      return r.outcome.ok;
    }),
  );
  running = false;
  await Promise.all([sampler, expiring]);
  expect(results.filter(Boolean).length).to.be.at.least(STOCK);
  // Quiesce: every hold runs out, every owed gateway call is made.
  // Each round of expiries may offer returned units to the waitlist: new holds, due 30 s later.
  for (let i = 0; i < 60 && (await h.ports.holds.openCount()) > 0; i++)
    h.clock.advance(31_000), await uc.expireDueHolds.execute(500);
  // pm_card_flaky fails half of the gateway calls, voids included: settle until none is owed
  // (each round retries every owed call; 40 rounds leave one owed with odds of 2^-40).
  const owed = async () =>
    (await h.ports.payments.listByDrop(drop.id)).some((p) =>
      ['authorizing', 'authorized', 'voiding'].includes(p.status),
    );
  for (let i = 0; i < 40 && (i < 5 || (await owed())); i++)
    h.clock.advance(61_000), await uc.settlePayments.execute(500);
  expect(violations).to.deep.equal([]);
  await verifyEnd(h, ports, drop.id);
}

async function verifyEnd(
  h: Harness,
  ports: ReturnType<typeof checkoutUseCases>['ports'],
  dropId: string,
): Promise<void> {
  const rows = await unitsByStatus(h, dropId);
  const db = (await h.ports.drops.findById(dropId))!;
  expect(rows.held).to.equal(0);
  expect(db).to.include({ sold: rows.confirmed, paid: rows.confirmed, returned: rows.expired + rows.cancelled });
  expect(await shown(ports, dropId)).to.include({ sold: db.sold, returned: db.returned, paid: db.paid });
  const orders = await h.raw.orders(dropId);
  const events = await h.raw.outbox();
  const count = (type: string) => events.filter((e) => e.type === type).length;
  expect(count('order.expired')).to.equal(orders.filter((o) => o.status === 'expired').length);
  expect(count('order.cancelled')).to.equal(orders.filter((o) => o.status === 'cancelled').length);
  expect(count('order.held') + count('order.offered')).to.equal(orders.length);
  const payments = await h.ports.payments.listByDrop(dropId);
  const status = new Map(orders.map((o) => [o.id, o.status]));
  for (const o of orders.filter((x) => x.status === 'confirmed')) {
    expect(
      payments.filter((p) => p.orderId === o.id && p.status === 'captured'),
      `order ${o.id}`,
    ).to.have.length(1);
  }
  for (const p of payments) {
    if (p.status === 'captured') expect(status.get(p.orderId), `payment ${p.id}`).to.equal('confirmed');
    else expect(['voided', 'declined'], `payment ${p.id} of a ${status.get(p.orderId)} order`).to.include(p.status);
    const entry = await h.ports.sandboxLedger.get(p.id);
    if (p.status === 'voided') expect(entry === null || entry.status === 'voided', `ledger of ${p.id}`).to.equal(true);
  }
}

for (const a of selectedAdapters().filter((x) => !x.skip?.has('concurrency'))) {
  describe(`${a.name}: checkout under a rush`, function () {
    this.timeout(120_000);
    const ctx = useHarness(a.make);
    it(`${HOLDS} concurrent holds on stock ${STOCK}, with expiries, payments, cancels and offers: never more than ${STOCK} confirmed + held`, () =>
      race(ctx.h));
    if (redisSuites && a.family !== 'sqlite') {
      it('the same behind the Redis read cache: no read behind a committed take or return', async () => {
        const redis = await redisUnderTest();
        try {
          await race(ctx.h, redis);
        } finally {
          await redis.close();
        }
      });
    }
  });
}
