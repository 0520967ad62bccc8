import type { EndedHold, PaymentPatch, StockCounters, TxContext } from '@livedrops/core';
import { joinOrder } from './memory-checkout.js';
import { orderView } from './memory-orders.js';
import { tallyKey, type DropRow, type MemoryStore } from './memory-store.js';

type Undo = Array<() => void>;

/** Sets fields of `target`, recording how to put them back. */
function assign<T extends object>(target: T, patch: Partial<T>, undo: Undo): void {
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, target[k as keyof T]])) as Partial<T>;
  Object.assign(target, patch);
  undo.push(() => Object.assign(target, before));
}

const counters = (d: DropRow): StockCounters => ({ sold: d.sold, returned: d.returned, paid: d.paid });

/** The memory engine's checkout writers (holds, payments, waitlist): conditional, undoable, as in SQL. */
export function memoryCheckoutTx(s: MemoryStore, undo: Undo): Pick<TxContext, 'holds' | 'payments' | 'waitlist'> {
  return {
    holds: {
      async end(orderId, to, now) {
        const o = s.orders.get(orderId);
        if (o?.status !== 'held' || o.expiresAt == null) return null;
        if (to === 'expired' ? o.expiresAt > now : o.expiresAt <= now) return null;
        assign(o, { status: to, endedAt: now }, undo);
        return {
          orderId,
          userId: o.userId,
          dropId: o.dropId,
          quantity: o.quantity,
          createdAt: o.createdAt,
          expiresAt: o.expiresAt,
          unitPriceCents: o.unitPriceCents,
        };
      },
      async giveBack(h: EndedHold) {
        const d = s.drops.get(h.dropId)!;
        assign(d, { sold: d.sold - h.quantity, returned: d.returned + h.quantity }, undo);
        const key = tallyKey(h.dropId, h.userId);
        const tally = s.tallies.get(key);
        if (tally !== undefined) {
          if (tally > h.quantity) s.tallies.set(key, tally - h.quantity);
          else s.tallies.delete(key);
          undo.push(() => s.tallies.set(key, tally));
        }
        return counters(d);
      },
      async confirm(orderId, paymentId, now) {
        const o = s.orders.get(orderId);
        if (o?.status !== 'held' || o.expiresAt == null || o.expiresAt <= now) return null;
        const d = s.drops.get(o.dropId)!;
        if (d.cancelledAt !== null) return null;
        assign(o, { status: 'confirmed', paymentId, endedAt: now }, undo);
        assign(d, { paid: d.paid + o.quantity }, undo);
        return { order: orderView(s, o), counters: counters(d) };
      },
    },
    payments: {
      async insert(p) {
        s.payments.set(p.id, { ...p });
        undo.push(() => s.payments.delete(p.id));
      },
      async advance(id, when, patch: PaymentPatch) {
        const p = s.payments.get(id);
        if (!p || p.status !== when.status || (when.leaseBefore !== undefined && p.leaseUntil > when.leaseBefore))
          return false;
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        assign(p, defined, undo);
        return true;
      },
    },
    waitlist: {
      next: async (dropId, limit) => joinOrder(s, dropId).slice(0, limit),
      async remove(dropId, userId) {
        const list = s.waitlist.get(dropId);
        const at = list?.get(userId);
        if (list && at !== undefined) {
          list.delete(userId);
          undo.push(() => list.set(userId, at));
        }
      },
    },
  };
}
