import type { User } from '../accounts/user.js';
import { dropStatus, type Drop } from '../drops/drop.js';
import { DropNotLiveError } from '../drops/drop.errors.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError, ValidationError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { IdempotencyLock } from './idempotency-store.port.js';
import type { AttemptResult, OrderBook } from './order-book.port.js';
import { heldOrder } from '../holds/grant-hold.js';
import { heldEvent } from '../holds/hold-events.js';
import { confirmedEvent, lineEvents } from './order-events.js';
import { failure } from './order-outcomes.js';
import { QUANTITY_MAX, type Order, type OrderOutcome } from './order.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError, SoldOutError } from './order.errors.js';
import { OPEN_GATE, type StockGate } from './stock-gate.port.js';
import { admitOrder } from '../fairness/eligibility.js';
import type { DrawRepository } from '../fairness/draws.js';
import type { QueueRepository } from '../fairness/queue.js';
import type { FairAccessObserver } from '../fairness/fair-access-observer.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';

export interface PlaceOrderInput {
  dropId: string;
  quantity: number;
  /** Waiting-room drops: the admission pass (not part of the request's fingerprint). */
  pass?: string | undefined;
}

export interface PlaceOrderResult {
  outcome: OrderOutcome;
  /** True when the outcome is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface PlaceOrderDeps {
  book: OrderBook;
  /** May answer from a cache a moment old: only what never changes after creation is relied on. */
  drops: Pick<DropRepository, 'findById'>;
  locks: IdempotencyLock;
  /** Followers-first drops ask who followed the creator before the drop was created. */
  follows: Pick<FollowRepository, 'followedAt'>;
  /** Draw drops: only entrants whose win was granted may order. */
  draws: Pick<DrawRepository, 'find'>;
  /** Waiting-room drops: passes are bound to the order's key. */
  queues: Pick<QueueRepository, 'bindPass' | 'releasePass' | 'spendPass'>;
  fairAccess?: FairAccessObserver | undefined;
  clock: Clock;
  ids: IdGenerator;
  /** Knows drops the authority has called sold out; without one every order asks the book. */
  gate?: StockGate | undefined;
}

/** The gate's answer, made once: a storm's losers all get it (an Error per loser costs its stack). */
const SOLD_OUT = failure(new SoldOutError());

/** How long an in-flight lock may outlive a crashed holder. */
const LOCK_TTL_MS = 30_000;

/**
 * Places an order exactly once per (user, Idempotency-Key); on a pay drop the order is a
 * timed hold (holds/hold.ts), decided and stored exactly like a confirmed one. The book decides the stock and
 * commits the order row, the per-user tally, the idempotency record and the outbox rows
 * together; business rejections are recorded too, so a replay answers the same. The gate
 * may turn an order away as sold out before that; its answer is recorded like the book's.
 */
export class PlaceOrder {
  private readonly gate: StockGate;

  constructor(private readonly d: PlaceOrderDeps) {
    this.gate = d.gate ?? OPEN_GATE;
  }

  async execute(user: User, key: string, input: PlaceOrderInput): Promise<PlaceOrderResult> {
    if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > QUANTITY_MAX) {
      throw ValidationError.field('quantity', `must be an integer 1..${QUANTITY_MAX}`);
    }
    const fingerprint = JSON.stringify([input.dropId, input.quantity]);
    // Concurrent duplicates on this instance answer 409 here; across instances the book's
    // record, written once per key, decides (the later one replays the earlier one's answer).
    const lock = await this.d.locks.acquire(`${user.id}\u0000${key}`, LOCK_TTL_MS);
    if (!lock) throw new IdempotencyKeyInUseError();
    try {
      const result = await this.attempt(user, { key, fingerprint, now: this.d.clock.now() }, input);
      if (!result.replayed) return { outcome: result.outcome, replayed: false };
      if (result.record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      return { outcome: result.record.outcome, replayed: true };
    } finally {
      await lock.release();
    }
  }

  private async attempt(user: User, req: Attempt, input: PlaceOrderInput): Promise<AttemptResult> {
    const record = (outcome: OrderOutcome) =>
      this.d.book.record({ userId: user.id, key: req.key, fingerprint: req.fingerprint, outcome, createdAt: req.now });
    const drop = await this.d.drops.findById(input.dropId);
    if (!drop) return record(failure(new NotFoundError('Drop')));
    const status = dropStatus(drop, req.now);
    if (status !== 'live' && status !== 'sold_out') return record(failure(new DropNotLiveError(status)));
    // Not recorded: eligibility changes with the clock, so a later retry of the key may pass.
    const queued = await admitOrder(this.d, drop, user.id, { pass: input.pass, key: req.key }, req.now);
    const pass = await this.gate.enter(drop.id, input.quantity);
    if (pass.verdict === 'sold_out') return record(SOLD_OUT);
    let result: AttemptResult | undefined;
    try {
      // On a pay drop the order is a hold: the same decision, a deadline, and `order.held`.
      const pay = drop.checkout === 'pay';
      const order = pay
        ? heldOrder(this.d.ids.next(), user.id, drop, input.quantity, req.now)
        : newOrder(this.d.ids.next(), user, drop, input.quantity, req.now);
      const next = () => this.d.ids.next();
      result = await this.d.book.place({
        userId: user.id,
        key: req.key,
        fingerprint: req.fingerprint,
        quantity: input.quantity,
        createdAt: req.now,
        drop,
        order,
        confirmed: pay ? heldEvent(order, drop, next) : confirmedEvent(order, drop, next),
        lines: lineEvents(drop, req.now, next),
      });
      return result;
    } finally {
      // Best effort: the gate only learns from the authority's answers.
      await pass.leave(result && !result.replayed ? result.reserve : undefined).catch(() => undefined);
      // A refused order did not use the pass up: the buyer may try again (fewer units, say).
      // A replay never frees it (the first answer did, if it was a refusal), but a replay of an
      // order spends it again: the instance that placed it may have died before it spent it.
      const refused = result === undefined || (!result.replayed && !result.outcome.ok);
      const bought = result !== undefined && (result.replayed ? result.record.outcome.ok : result.outcome.ok);
      if (queued && refused) await this.d.queues.releasePass(drop.id, user.id, req.key);
      else if (queued && bought) await this.d.queues.spendPass(drop.id, user.id, req.key, req.now);
    }
  }
}

function newOrder(id: string, user: User, drop: Drop, quantity: number, now: number): Order {
  return {
    id,
    userId: user.id,
    dropId: drop.id,
    quantity,
    unitPriceCents: drop.priceCents,
    totalCents: drop.priceCents * quantity,
    currency: drop.currency,
    status: 'confirmed',
    createdAt: now,
  };
}

interface Attempt {
  key: string;
  fingerprint: string;
  now: number;
}
