import type { Outbox } from '../notifications/outbox.port.js';
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
  };
}

/**
 * Runs `work` in one transaction: everything it wrote commits, or (when it throws)
 * nothing does. Adapters serialise or isolate as their engine requires.
 */
export interface UnitOfWork {
  run<T>(work: (tx: TxContext) => Promise<T>): Promise<T>;
}
