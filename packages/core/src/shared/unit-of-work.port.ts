import type { HoldWriter } from '../holds/hold-writer.port.js';
import type { Outbox } from '../notifications/outbox.port.js';
import type { PaymentWriter } from '../payments/payment.js';
import type { WaitlistWriter } from '../waitlist/waitlist.js';
import type { DrawWriter } from '../fairness/draws.js';
import type { QueueWriter } from '../fairness/queue.js';
import type { FairnessWriter } from '../fairness/fairness.js';
import type { IdempotencyWriter } from '../orders/idempotency-store.port.js';
import type { Inventory } from '../orders/inventory.port.js';
import type { OrderWriter } from '../orders/order-repository.port.js';

/** The writes that must commit together: business rows, the idempotency record and outbox rows. */
export interface TxContext {
  inventory: Inventory;
  orders: OrderWriter;
  idempotency: IdempotencyWriter;
  outbox: Outbox;
  drops: {
    /** Records that `drop.started` fired; false if it already had (the exactly-once decision). */
    markStarted(dropId: string, at: number): Promise<boolean>;
    /**
     * Records that a stock line's event (`stock.low`, `drop.sold_out`) fired; false if it
     * already had. Only pay drops need it: their units can come back and cross a line again.
     */
    markLine(dropId: string, line: StockLine): Promise<boolean>;
  };
  holds: HoldWriter;
  payments: PaymentWriter;
  waitlist: WaitlistWriter;
  fairness: FairnessWriter;
  draws: DrawWriter;
  queues: QueueWriter;
}

export type StockLine = 'low' | 'sold_out';

/**
 * Runs `work` in one transaction: everything it wrote commits, or (when it throws)
 * nothing does. Adapters serialise or isolate as their engine requires.
 */
export interface UnitOfWork {
  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T>;
}
