import { available } from '../drops/drop.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { TxContext, UnitOfWork } from '../shared/unit-of-work.port.js';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.port.js';
import type { AttemptResult, OrderAttempt, OrderBook } from './order-book.port.js';
import { eventsOf } from './order-events.js';
import { failure, rejection } from './order-outcomes.js';
import type { OrderOutcome } from './order.js';

/**
 * The OrderBook of engines that decide one order per unit of work (memory, SQLite, whose
 * group commit already shares one COMMIT among the units of an event-loop turn): the key
 * is looked up, then the reserve, the rows and the record commit in one unit.
 */
export class UnitOfWorkOrderBook implements OrderBook {
  constructor(private readonly d: { uow: UnitOfWork; idempotency: IdempotencyStore }) {}

  async place(a: OrderAttempt): Promise<AttemptResult> {
    const prior = await this.d.idempotency.find(a.userId, a.key);
    if (prior) return { replayed: true, record: prior };
    return this.d.uow.run(async (tx) => {
      const reserve = await tx.inventory.reserve({
        dropId: a.drop.id,
        userId: a.userId,
        quantity: a.quantity,
        perUserLimit: a.drop.perUserLimit,
      });
      let outcome: OrderOutcome;
      if (reserve.ok) {
        await tx.orders.insert(a.order);
        const left = available({ ...a.drop, sold: reserve.sold, total: reserve.total });
        const events = eventsOf(a.confirmed, a.lines, a.drop.lowStockThreshold, left, a.quantity);
        await tx.outbox.append(a.drop.checkout === 'pay' ? await firstCrossings(tx, a, events) : events);
        outcome = { ok: true, order: a.order };
      } else {
        outcome = failure(rejection(reserve));
      }
      await tx.idempotency.save(recordOf(a, outcome));
      return { replayed: false as const, outcome, reserve };
    });
  }

  async record(r: IdempotencyRecord): Promise<AttemptResult> {
    const prior = await this.d.idempotency.find(r.userId, r.key);
    if (prior) return { replayed: true, record: prior };
    await this.d.uow.run((tx) => tx.idempotency.save(r));
    return { replayed: false, outcome: r.outcome };
  }
}

/**
 * On a pay drop units come back, so an order may cross a stock line that an earlier one
 * crossed already: its line events are kept only the first time (`markLine`), as api.md's
 * "once" requires. Instant drops never come back up, so the crossing alone is unique.
 */
async function firstCrossings(tx: TxContext, a: OrderAttempt, events: DomainEvent[]): Promise<DomainEvent[]> {
  const kept: DomainEvent[] = [];
  for (const e of events) {
    const line = e.id === a.lines.low.id ? 'low' : e.id === a.lines.soldOut.id ? 'sold_out' : null;
    if (line === null || (await tx.drops.markLine(a.drop.id, line))) kept.push(e);
  }
  return kept;
}

export const recordOf = (a: OrderAttempt, outcome: OrderOutcome): IdempotencyRecord => ({
  userId: a.userId,
  key: a.key,
  fingerprint: a.fingerprint,
  outcome,
  createdAt: a.createdAt,
});
