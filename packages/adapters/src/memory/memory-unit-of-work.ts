import {
  IdempotencyKeyInUseError,
  type DomainEvent,
  type IdempotencyRecord,
  type Order,
  type ReserveRequest,
  type ReserveResult,
  type TxContext,
  type UnitOfWork,
} from '@livedrops/core';
import { memoryCheckoutTx } from './memory-checkout-tx.js';
import { memoryFairnessTx } from './memory-fairness-tx.js';
import { memoryQueueTx } from './memory-queue-tx.js';
import { idemKey, tallyKey, type MemoryStore } from './memory-store.js';

/**
 * Transactions for the memory engine: one at a time (a promise chain), and every write
 * records how to undo itself, so a unit of work that throws leaves the store untouched.
 */
export class MemoryUnitOfWork implements UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly s: MemoryStore) {}

  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.transact(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async transact<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
    const undo: Array<() => void> = [];
    try {
      return await work(this.context(undo));
    } catch (e) {
      for (const step of undo.reverse()) step();
      throw e;
    }
  }

  private context(undo: Array<() => void>): TxContext {
    const s = this.s;
    return {
      inventory: { reserve: async (r) => reserve(s, r, undo) },
      orders: {
        insert: async (order: Order) => {
          const { payment: _p, ...row } = order;
          s.orders.set(order.id, { ...row, paymentId: null, endedAt: null });
          undo.push(() => s.orders.delete(order.id));
        },
      },
      idempotency: {
        save: async (record: IdempotencyRecord) => {
          const k = idemKey(record.userId, record.key);
          if (s.idempotency.has(k)) throw new IdempotencyKeyInUseError();
          s.idempotency.set(k, structuredClone(record));
          undo.push(() => s.idempotency.delete(k));
        },
        replace: async (record: IdempotencyRecord) => {
          const k = idemKey(record.userId, record.key);
          const before = s.idempotency.get(k);
          if (!before) return;
          s.idempotency.set(k, structuredClone(record));
          undo.push(() => s.idempotency.set(k, before));
        },
      },
      outbox: {
        append: async (events: DomainEvent[]) => {
          for (const event of events)
            s.outbox.push({ seq: s.nextSeq++, event: structuredClone(event), publishedAt: null });
          undo.push(() => void s.outbox.splice(s.outbox.length - events.length, events.length));
        },
      },
      drops: {
        markStarted: async (dropId: string, at: number) => {
          const row = s.drops.get(dropId);
          if (!row || row.startedAt !== null) return false;
          row.startedAt = at;
          undo.push(() => (row.startedAt = null));
          return true;
        },
        markLine: async (dropId, line) => {
          const row = s.drops.get(dropId);
          const bit = line === 'low' ? 1 : 2;
          if (!row || (row.linesFired & bit) !== 0) return false;
          row.linesFired |= bit;
          undo.push(() => (row.linesFired &= ~bit));
          return true;
        },
      },
      ...memoryCheckoutTx(s, undo),
      ...memoryFairnessTx(s, undo),
      ...memoryQueueTx(s, undo),
    };
  }
}

/** The same decision the SQL adapters make with conditional updates; writes nothing when it refuses. */
function reserve(s: MemoryStore, r: ReserveRequest, undo: Array<() => void>): ReserveResult {
  const drop = s.drops.get(r.dropId);
  if (!drop) return { ok: false, reason: 'not_found' };
  if (drop.cancelledAt !== null) return { ok: false, reason: 'cancelled' };
  const key = tallyKey(r.dropId, r.userId);
  const bought = s.tallies.get(key) ?? 0;
  if (r.perUserLimit !== null && bought + r.quantity > r.perUserLimit) {
    return { ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: Math.max(0, r.perUserLimit - bought) };
  }
  const available = drop.total - drop.sold;
  if (available <= 0) return { ok: false, reason: 'sold_out', available: 0 };
  if (available < r.quantity) return { ok: false, reason: 'insufficient_stock', available };
  drop.sold += r.quantity;
  s.tallies.set(key, bought + r.quantity);
  undo.push(() => {
    drop.sold -= r.quantity;
    if (bought === 0) s.tallies.delete(key);
    else s.tallies.set(key, bought);
  });
  return { ok: true, sold: drop.sold, total: drop.total, ...(drop.returned > 0 ? { returned: drop.returned } : {}) };
}
