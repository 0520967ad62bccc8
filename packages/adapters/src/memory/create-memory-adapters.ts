import type { Clock } from '@livedrops/core';
import type { DataAdapters } from '../data-ports.js';
import { MemoryDropRepository } from './memory-drops.js';
import { MemoryFollowRepository } from './memory-follows.js';
import { MemoryNotificationFeed } from './memory-inbox.js';
import { MemoryIdempotencyStore, MemoryOrderRepository } from './memory-orders.js';
import { MemoryOutboxRelayStore } from './memory-outbox.js';
import { MemoryProductRepository } from './memory-products.js';
import { MemoryStore } from './memory-store.js';
import { MemorySandboxLedger } from '../payments/sandbox-ledger.js';
import { MemoryHoldRepository, MemoryPaymentRepository, MemoryWaitlistRepository } from './memory-checkout.js';
import { MemorySearchIndex } from './memory-search.js';
import { MemoryDropActivity } from './memory-drop-activity.js';
import { MemoryFairnessRepository } from './memory-fairness.js';
import { MemoryDrawRepository } from './memory-draws.js';
import { MemoryQueueRepository } from './memory-queues.js';
import { MemoryBlobStore } from '../media/memory-blob-store.js';
import { MemoryStreamTickets } from './memory-stream-tickets.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';
import { MemorySessionRepository, MemoryUserRepository } from './memory-users.js';

/** The volatile engine: for use-case tests, contract-suite reference and `DATABASE_URL=memory:`. */
export function createMemoryAdapters(_opts: { clock: Clock }): DataAdapters & { store: MemoryStore } {
  const store = new MemoryStore();
  const drops = new MemoryDropRepository(store);
  return {
    store,
    users: new MemoryUserRepository(store),
    sessions: new MemorySessionRepository(store),
    follows: new MemoryFollowRepository(store),
    products: new MemoryProductRepository(store),
    drops,
    orders: new MemoryOrderRepository(store),
    idempotency: new MemoryIdempotencyStore(store),
    uow: new MemoryUnitOfWork(store),
    outbox: new MemoryOutboxRelayStore(store),
    feed: new MemoryNotificationFeed(store),
    tickets: new MemoryStreamTickets(),
    blobs: new MemoryBlobStore(),
    search: new MemorySearchIndex(store, drops),
    holds: new MemoryHoldRepository(store),
    payments: new MemoryPaymentRepository(store),
    waitlist: new MemoryWaitlistRepository(store),
    sandboxLedger: new MemorySandboxLedger(),
    activity: new MemoryDropActivity(store),
    fairness: new MemoryFairnessRepository(store),
    draws: new MemoryDrawRepository(store),
    queues: new MemoryQueueRepository(store),
    ping: async () => undefined,
    close: async () => undefined,
  };
}
