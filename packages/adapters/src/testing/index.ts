/**
 * `@livedrops/adapters/testing`: the contract suites every adapter of this project passes,
 * for anyone's adapter. Call a suite inside a mocha file with a factory of fresh harnesses:
 * `inventoryContract(makeHarness)`. The suites need mocha's globals and chai.
 */
export * from './harness.js';
export * from './system-ports.js';
export { fixtures, ids, nextId, HOUR } from './contracts/fixtures.js';
export { checkoutFixtures } from './contracts/checkout-fixtures.js';
export * from './contracts/raw-state.js';
export * from './contracts/blob-store.contract.js';
export * from './contracts/drop-activity.contract.js';
export * from './contracts/drops.contract.js';
export * from './contracts/fairness.contract.js';
export * from './contracts/event-bus.contract.js';
export * from './contracts/event-log.contract.js';
export * from './contracts/follows.contract.js';
export * from './contracts/holds.contract.js';
export * from './contracts/idempotency-lock.contract.js';
export * from './contracts/idempotency.contract.js';
export * from './contracts/inventory.contract.js';
export * from './contracts/live-hub.contract.js';
export * from './contracts/notification-feed.contract.js';
export * from './contracts/order-book.contract.js';
export * from './contracts/orders.contract.js';
export * from './contracts/outbox.contract.js';
export * from './contracts/payment-gateway.contract.js';
export * from './contracts/payments.contract.js';
export * from './contracts/products.contract.js';
export * from './contracts/queue-line.contract.js';
export * from './contracts/rate-limiter.contract.js';
export * from './contracts/read-cache-counters.contract.js';
export * from './contracts/read-cache.contract.js';
export * from './contracts/search.contract.js';
export * from './contracts/sessions.contract.js';
export * from './contracts/stock-gate.contract.js';
export * from './contracts/stream-tickets.contract.js';
export { unitOfWorkContract, event } from './contracts/unit-of-work.contract.js';
export * from './contracts/users.contract.js';
export * from './contracts/waitlist.contract.js';
