import { expect } from 'chai';
import fc from 'fast-check';
import { DomainError, type User } from '@livedrops/core';
import { world } from './world.js';

const errorCode = (r: { outcome: { ok: boolean; error?: { code: string } } }) =>
  r.outcome.ok ? 'ok' : r.outcome.error!.code;

describe('use cases: place order', () => {
  it('confirms an order at the drop price and writes order.confirmed to the outbox', async () => {
    const w = world();
    const { dropId } = await w.liveDrop({ stock: 5 });
    const fan = await w.user('fan');
    const r = await w.uc.placeOrder.execute(fan, 'k1', { dropId, quantity: 2 });
    expect(r.replayed).to.equal(false);
    if (!r.outcome.ok) throw new Error('expected an order');
    expect(r.outcome.order).to.include({
      quantity: 2,
      unitPriceCents: 4999,
      totalCents: 9998,
      currency: 'EUR',
      status: 'confirmed',
    });
    expect(w.store.outbox.map((o) => o.event.type)).to.deep.equal(['order.confirmed']);
    expect((await w.uc.drops.get(dropId)).sold).to.equal(2);
  });

  it('keeps the price the drop was created with after the product changes', async () => {
    const w = world();
    const { creator, dropId } = await w.liveDrop();
    const drop = await w.uc.drops.get(dropId);
    await w.uc.products.update(creator, drop.productId, { priceCents: 1 });
    const r = await w.uc.placeOrder.execute(await w.user('fan'), 'k', { dropId, quantity: 1 });
    expect(r.outcome.ok && r.outcome.order.unitPriceCents).to.equal(4999);
  });

  it('replays the first answer for the same key and body, and refuses a different body', async () => {
    const w = world();
    const { dropId } = await w.liveDrop({ stock: 5 });
    const fan = await w.user('fan');
    const first = await w.uc.placeOrder.execute(fan, 'same', { dropId, quantity: 1 });
    const again = await w.uc.placeOrder.execute(fan, 'same', { dropId, quantity: 1 });
    expect(again.replayed).to.equal(true);
    expect(again.outcome).to.deep.equal(first.outcome);
    expect(w.store.orders.size).to.equal(1);
    const err = await w.uc.placeOrder.execute(fan, 'same', { dropId, quantity: 2 }).catch((e: DomainError) => e);
    expect(err).to.be.instanceOf(DomainError).with.property('code', 'idempotency_key_reused');
  });

  it('scopes keys to the user', async () => {
    const w = world();
    const { dropId } = await w.liveDrop({ stock: 5 });
    const a = await w.uc.placeOrder.execute(await w.user('a_1'), 'shared', { dropId, quantity: 1 });
    const b = await w.uc.placeOrder.execute(await w.user('b_1'), 'shared', { dropId, quantity: 1 });
    expect(b.replayed).to.equal(false);
    expect(a.outcome.ok && b.outcome.ok && a.outcome.order.id !== b.outcome.order.id).to.equal(true);
  });

  it('answers drop_not_live, sold_out, insufficient_stock and purchase_limit_exceeded, and stores them for replay', async () => {
    const w = world();
    const { creator, dropId } = await w.liveDrop({ stock: 3, perUserLimit: 2 });
    const fan = await w.user('fan');
    expect(errorCode(await w.uc.placeOrder.execute(fan, 'a', { dropId, quantity: 3 }))).to.equal(
      'purchase_limit_exceeded',
    );
    expect(errorCode(await w.uc.placeOrder.execute(fan, 'b', { dropId, quantity: 2 }))).to.equal('ok');
    const limit = await w.uc.placeOrder.execute(fan, 'c', { dropId, quantity: 1 });
    expect(limit.outcome.ok ? null : limit.outcome.error.extensions).to.deep.equal({ remainingAllowance: 0 });
    const other = await w.user('other');
    const short = await w.uc.placeOrder.execute(other, 'd', { dropId, quantity: 2 });
    expect(short.outcome.ok ? null : short.outcome.error).to.deep.include({
      code: 'insufficient_stock',
      extensions: { available: 1 },
    });
    expect(errorCode(await w.uc.placeOrder.execute(other, 'e', { dropId, quantity: 1 }))).to.equal('ok');
    expect(errorCode(await w.uc.placeOrder.execute(other, 'f', { dropId, quantity: 1 }))).to.equal('sold_out');
    const replay = await w.uc.placeOrder.execute(other, 'f', { dropId, quantity: 1 });
    expect([replay.replayed, errorCode(replay)]).to.deep.equal([true, 'sold_out']);
    await w.uc.drops.cancel(creator, dropId);
    expect(errorCode(await w.uc.placeOrder.execute(other, 'g', { dropId, quantity: 1 }))).to.equal('drop_not_live');
    w.clock.advance(10 * 3_600_000);
    const { dropId: ended } = await w.liveDrop();
    w.clock.advance(2 * 3_600_000);
    expect(errorCode(await w.uc.placeOrder.execute(other, 'h', { dropId: ended, quantity: 1 }))).to.equal(
      'drop_not_live',
    );
    expect(errorCode(await w.uc.placeOrder.execute(other, 'i', { dropId: 'nope', quantity: 1 }))).to.equal('not_found');
  });

  it('fires stock.low and drop.sold_out exactly once each', async () => {
    const w = world();
    const { dropId } = await w.liveDrop({ stock: 10, lowStockThreshold: 3 });
    const fans = await Promise.all(Array.from({ length: 20 }, (_, i) => w.user(`fan_${i}`)));
    await Promise.all(fans.map((f) => w.uc.placeOrder.execute(f, 'k', { dropId, quantity: 1 })));
    const types = w.store.outbox.map((o) => o.event.type);
    expect(types.filter((t) => t === 'stock.low')).to.have.length(1);
    expect(types.filter((t) => t === 'drop.sold_out')).to.have.length(1);
    expect(types.filter((t) => t === 'order.confirmed')).to.have.length(10);
  });

  it('rejects quantities outside 1..100 without storing anything', async () => {
    const w = world();
    const { dropId } = await w.liveDrop();
    const fan = await w.user('fan');
    for (const quantity of [0, 101, 1.5, Number.NaN]) {
      const err = await w.uc.placeOrder.execute(fan, 'q', { dropId, quantity }).catch((e: DomainError) => e);
      expect(err).to.have.property('code', 'validation_failed');
    }
    expect(w.store.idempotency.size).to.equal(0);
  });

  it('property: random concurrent orders, replays, other-body replays and cancels keep every invariant', async () => {
    const op = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('order' as const),
          user: fc.nat(5),
          key: fc.nat(6),
          drop: fc.nat(1),
          quantity: fc.integer({ min: 1, max: 4 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), drop: fc.nat(1) }) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        async (ops, stock) => {
          const w = world();
          const drops = [await w.liveDrop({ stock, perUserLimit: 5 }), await w.liveDrop({ stock, perUserLimit: null })];
          const users: User[] = await Promise.all(Array.from({ length: 6 }, (_, i) => w.user(`u_${i}`)));
          await Promise.all(
            ops.map(async (o) => {
              const d = drops[o.drop]!;
              if (o.kind === 'cancel') return w.uc.drops.cancel(d.creator, d.dropId);
              const body = { dropId: d.dropId, quantity: o.quantity };
              try {
                return await w.uc.placeOrder.execute(users[o.user]!, `key-${o.key}`, body);
              } catch (e) {
                if (e instanceof DomainError && ['idempotency_key_in_use', 'idempotency_key_reused'].includes(e.code))
                  return;
                throw e;
              }
            }),
          );
          const orders = [...w.store.orders.values()];
          for (const d of drops) {
            const row = w.store.drops.get(d.dropId)!;
            const sum = orders.filter((o) => o.dropId === d.dropId).reduce((s, o) => s + o.quantity, 0);
            expect(row.sold).to.be.at.most(row.total);
            expect(sum).to.equal(row.sold);
          }
          const perUserDrop0 = new Map<string, number>();
          for (const o of orders.filter((x) => x.dropId === drops[0]!.dropId))
            perUserDrop0.set(o.userId, (perUserDrop0.get(o.userId) ?? 0) + o.quantity);
          for (const q of perUserDrop0.values()) expect(q).to.be.at.most(5);
          const keys = [...w.store.idempotency.values()].filter((r) => r.outcome.ok);
          expect(new Set(keys.map((r) => `${r.userId}/${r.key}`)).size).to.equal(keys.length);
          expect(keys.length).to.equal(orders.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
