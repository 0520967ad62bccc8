import { heldOrder, type Drop, type Order, type Payment } from '@livedrops/core';
import type { Harness } from '../harness.js';
import { fixtures, nextId } from './fixtures.js';

/** Holds and payments written through the ports, as the checkout use cases write them. */
export function checkoutFixtures(h: Harness) {
  const f = fixtures(h);
  const c = {
    ...f,
    /** A live pay drop (holds last `holdSeconds`). */
    payDrop: (opts: { total?: number; perUserLimit?: number | null; holdSeconds?: number } = {}): Promise<Drop> =>
      f.drop({
        total: opts.total ?? 10,
        perUserLimit: opts.perUserLimit ?? null,
        checkout: 'pay',
        holdSeconds: opts.holdSeconds ?? 60,
      }),
    /** Reserves and writes a hold of `quantity` for `userId`, made now; null when the stock refuses. */
    async hold(drop: Drop, userId: string, quantity = 1): Promise<Order | null> {
      const order = heldOrder(nextId('o'), userId, drop, quantity, h.clock.now());
      return h.ports.uow.run(async (tx) => {
        const r = await tx.inventory.reserve({ dropId: drop.id, userId, quantity, perUserLimit: drop.perUserLimit });
        if (!r.ok) return null;
        await tx.orders.insert(order);
        return order;
      });
    },
    payment(order: Order, o: Partial<Payment> = {}): Payment {
      const now = h.clock.now();
      return {
        id: nextId('pay'),
        orderId: order.id,
        userId: order.userId,
        dropId: order.dropId,
        requestKey: nextId('rk'),
        method: 'pm_card_visa',
        amountCents: order.totalCents,
        currency: order.currency,
        status: 'authorizing',
        authorizationId: null,
        declineCode: null,
        attempts: 0,
        createdAt: now,
        updatedAt: now,
        leaseUntil: now + 60_000,
        ...o,
      };
    },
    async insertPayment(p: Payment): Promise<Payment> {
      await h.ports.uow.run((tx) => tx.payments.insert(p));
      return p;
    },
  };
  return c;
}
