import {
  classifyingUnitOfWork,
  confirmedEvent,
  lineEvents,
  UnitOfWorkOrderBook,
  type AttemptResult,
  type Drop,
  type OrderBook,
  type User,
} from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, nextId } from './fixtures.js';

/** The engine's own book (PostgreSQL's batches), else the one-unit-per-order book every other engine uses. */
export function bookOf(h: Harness): OrderBook {
  return (
    h.ports.orderBook?.({ celebrityFollowers: 10_000 }) ??
    new UnitOfWorkOrderBook({
      uow: classifyingUnitOfWork(h.ports.uow, h.ports.users, 10_000),
      idempotency: h.ports.idempotency,
    })
  );
}

/** An attempt as PlaceOrder makes it. */
export function attemptOf(h: Harness, drop: Drop, buyer: User, quantity = 1, key = nextId('k')) {
  const order = fixtures(h).order(drop, buyer.id, quantity);
  const next = () => nextId('e');
  return {
    userId: buyer.id,
    key,
    fingerprint: JSON.stringify([drop.id, quantity]),
    quantity,
    createdAt: h.clock.now(),
    drop,
    order,
    confirmed: confirmedEvent(order, drop, next),
    lines: lineEvents(drop, h.clock.now(), next),
  };
}

const verdicts = (rs: AttemptResult[]) =>
  rs.map((r) => (r.replayed ? 'replay' : r.outcome.ok ? 'ok' : r.outcome.error.code));

/** OrderBook: attempts decided in arrival order, each stock line's event once, one record per key, nothing half-written. */
export function orderBookContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('OrderBook', () => {
    const ctx = useHarness(make);

    it('decides attempts that arrive together in arrival order, with exact refusals and line events', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 5, lowStockThreshold: 2 });
      const [a, b, c, d] = [await f.user(), await f.user(), await f.user(), await f.user()];
      const book = bookOf(ctx.h);
      const attempts = [
        attemptOf(ctx.h, drop, a, 3),
        attemptOf(ctx.h, drop, b, 3),
        attemptOf(ctx.h, drop, c, 2),
        attemptOf(ctx.h, drop, d, 1),
      ];
      const rs = await Promise.all(attempts.map((x) => book.place(x)));
      expect(verdicts(rs)).to.deep.equal(['ok', 'insufficient_stock', 'ok', 'sold_out']);
      expect(rs[1]).to.deep.include({ reserve: { ok: false, reason: 'insufficient_stock', available: 2 } });
      expect(rs[2]).to.deep.include({ reserve: { ok: true, sold: 5, total: 5 } });
      expect(await ctx.h.raw.sold(drop.id)).to.equal(5);
      const types = (await ctx.h.raw.outbox()).map((e) => e.type);
      expect(types).to.deep.equal(['order.confirmed', 'stock.low', 'order.confirmed', 'drop.sold_out']);
      const refused = await ctx.h.ports.idempotency.find(b.id, attempts[1]!.key);
      expect(refused?.outcome).to.deep.equal({
        ok: false,
        error: { code: 'insufficient_stock', message: 'Only 2 left', extensions: { available: 2 } },
      });
    });

    it('replays a recorded key with its first answer and writes nothing more', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 5 });
      const buyer = await f.user();
      const book = bookOf(ctx.h);
      const first = await book.place(attemptOf(ctx.h, drop, buyer, 1, 'same'));
      const again = await book.place(attemptOf(ctx.h, drop, buyer, 2, 'same'));
      expect(first.replayed).to.equal(false);
      expect(again).to.deep.include({ replayed: true });
      if (!again.replayed || first.replayed) throw new Error('unreachable');
      expect(again.record.fingerprint).to.equal(JSON.stringify([drop.id, 1]));
      expect(again.record.outcome).to.deep.equal(first.outcome);
      const recorded = await book.record({
        userId: buyer.id,
        key: 'same',
        fingerprint: 'other',
        outcome: first.outcome,
        createdAt: 1,
      });
      expect(recorded).to.deep.include({ replayed: true });
      expect(await ctx.h.raw.sold(drop.id)).to.equal(1);
      expect(await ctx.h.raw.orderCount(drop.id)).to.equal(1);
    });

    it('holds per-user limits within one batch and refuses missing and cancelled drops', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop({ total: 50, perUserLimit: 3 });
      const buyer = await f.user();
      const book = bookOf(ctx.h);
      const rs = await Promise.all([2, 2, 1, 1].map((q) => book.place(attemptOf(ctx.h, drop, buyer, q))));
      expect(verdicts(rs)).to.deep.equal(['ok', 'purchase_limit_exceeded', 'ok', 'purchase_limit_exceeded']);
      expect(rs[1]).to.deep.include({
        reserve: { ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: 1 },
      });
      expect(await ctx.h.raw.tally(drop.id, buyer.id)).to.equal(3);
      await ctx.h.ports.drops.cancel(drop.id, ctx.h.clock.now());
      expect(verdicts([await book.place(attemptOf(ctx.h, drop, buyer))])).to.deep.equal(['drop_not_live']);
      expect(verdicts([await book.place(attemptOf(ctx.h, { ...drop, id: 'no-such-drop' }, buyer))])).to.deep.equal([
        'not_found',
      ]);
    });

    group('concurrency', opts, () => {
      it('1,000 concurrent attempts on stock 100: exactly 100 units, one stock.low, one sold_out, every key recorded', async () => {
        const f = fixtures(ctx.h);
        const drop = await f.drop({ total: 100, lowStockThreshold: 10 });
        const buyers = await Promise.all(Array.from({ length: 50 }, () => f.user()));
        const book = bookOf(ctx.h);
        const attempts = Array.from({ length: 1000 }, (_, i) => attemptOf(ctx.h, drop, buyers[i % 50]!));
        const rs = await Promise.all(attempts.map((a) => book.place(a)));
        expect(verdicts(rs).filter((v) => v === 'ok')).to.have.length(100);
        expect(await ctx.h.raw.sold(drop.id)).to.equal(100);
        expect(await ctx.h.raw.orderCount(drop.id)).to.equal(100);
        const types = (await ctx.h.raw.outbox()).map((e) => e.type);
        expect(types.filter((t) => t === 'stock.low')).to.have.length(1);
        expect(types.filter((t) => t === 'drop.sold_out')).to.have.length(1);
        const found = await Promise.all(
          attempts.slice(0, 40).map((a) => ctx.h.ports.idempotency.find(a.userId, a.key)),
        );
        expect(found.every((r) => r !== null)).to.equal(true);
      });
    });
  });
}
