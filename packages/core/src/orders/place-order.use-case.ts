import type { User } from '../accounts/user.js';
import { available, dropStatus, type Drop } from '../drops/drop.js';
import { DropNotLiveError } from '../drops/drop.errors.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError, ValidationError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { TxContext, UnitOfWork } from '../shared/unit-of-work.port.js';
import type { IdempotencyLock, IdempotencyStore } from './idempotency-store.port.js';
import type { QuietWrites, ReserveResult } from './inventory.port.js';
import { QUANTITY_MAX, type Order, type OrderOutcome } from './order.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError, SoldOutError } from './order.errors.js';
import { orderEvents, quietAbove } from './order-events.js';
import { failure, rejection } from './order-outcomes.js';
import { OPEN_GATE, type StockGate } from './stock-gate.port.js';

export interface PlaceOrderInput {
  dropId: string;
  quantity: number;
}

export interface PlaceOrderResult {
  outcome: OrderOutcome;
  /** True when the outcome is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface PlaceOrderDeps {
  uow: UnitOfWork;
  drops: DropRepository;
  idempotency: IdempotencyStore;
  locks: IdempotencyLock;
  clock: Clock;
  ids: IdGenerator;
  /** In front of the database; without one every order asks the database. */
  gate?: StockGate | undefined;
}

/** How long an in-flight lock may outlive a crashed holder. */
const LOCK_TTL_MS = 30_000;

/**
 * Places an order exactly once per (user, Idempotency-Key). The stock decision, the
 * order row, the per-user tally, the idempotency record and the outbox rows commit in
 * one unit of work; business rejections are stored too, so a replay answers the same.
 * The stock gate may turn an order away as sold out before any of that; that answer is
 * stored like the database's own, so a replay repeats it.
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
    const scope = `${user.id}\u0000${key}`;
    const lock = await this.d.locks.acquire(scope, LOCK_TTL_MS);
    if (!lock) throw new IdempotencyKeyInUseError();
    try {
      const prior = await this.d.idempotency.find(user.id, key);
      if (prior) {
        if (prior.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
        return { outcome: prior.outcome, replayed: true };
      }
      const outcome = await this.place(user, { key, fingerprint, now: this.d.clock.now() }, input);
      return { outcome, replayed: false };
    } finally {
      await lock.release();
    }
  }

  private async place(user: User, req: Attempt, input: PlaceOrderInput): Promise<OrderOutcome> {
    // Window, price and limit never change after creation, so this read may come from a cache;
    // cancellation and stock are decided again, atomically, by `reserve`.
    const drop = await this.d.drops.findById(input.dropId);
    if (!drop) return this.record(user, req, failure(new NotFoundError('Drop')));
    const status = dropStatus(drop, req.now);
    if (status !== 'live' && status !== 'sold_out') return this.record(user, req, failure(new DropNotLiveError(status)));
    const pass = await this.gate.enter(drop.id, input.quantity);
    if (pass.verdict === 'sold_out') return this.record(user, req, failure(new SoldOutError()));
    let reserved: ReserveResult | undefined;
    let committed = false;
    try {
      const order = this.newOrder(user, drop, input.quantity, req.now);
      const record = (outcome: OrderOutcome) => ({ userId: user.id, key: req.key, fingerprint: req.fingerprint, outcome, createdAt: req.now });
      // What a confirmed order writes when it crosses no stock line, offered to the engine
      // to commit with the decrement itself (one round trip on Postgres). Not offered when
      // the drop as read already says this order crosses one: `sold` only grows, so an old
      // read can only show more stock than there is, never less.
      const quiet = available(drop) - input.quantity <= quietAbove(drop) ? undefined : {
        above: quietAbove(drop),
        order,
        events: orderEvents(order, drop, quietAbove(drop) + 1, input.quantity, () => this.d.ids.next()),
        record: record({ ok: true, order }),
      };
      const outcome = await this.d.uow.run(async (tx) => {
        const r = await tx.inventory.reserve({ dropId: drop.id, userId: user.id, quantity: input.quantity, perUserLimit: drop.perUserLimit, ifQuiet: quiet });
        reserved = r;
        if (r.ok && r.recorded && quiet) return quiet.record.outcome;
        const o = r.ok ? await this.confirm(tx, order, drop, r, quiet) : failure(rejection(r));
        await tx.idempotency.save(record(o));
        return o;
      });
      committed = true;
      return outcome;
    } finally {
      // Best effort: a gate left uncorrected errs towards sold out, and corrects itself.
      await pass.leave(committed ? reserved : undefined).catch(() => undefined);
    }
  }

  /** Stores an answer reached without touching stock, so a replay gives the same one. */
  private record(user: User, req: Attempt, outcome: OrderOutcome): Promise<OrderOutcome> {
    return this.d.uow.run(async (tx) => {
      await tx.idempotency.save({ userId: user.id, key: req.key, fingerprint: req.fingerprint, outcome, createdAt: req.now });
      return outcome;
    });
  }

  private newOrder(user: User, drop: Drop, quantity: number, now: number): Order {
    return {
      id: this.d.ids.next(),
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

  /** `quiet`: the events already made for this order if it crosses no line (an engine that ignores the offer lands here). */
  private async confirm(tx: TxContext, order: Order, drop: Drop, r: { sold: number; total: number }, quiet?: QuietWrites): Promise<OrderOutcome> {
    await tx.orders.insert(order);
    const left = available({ ...drop, sold: r.sold, total: r.total });
    const events: DomainEvent[] = quiet && left > quiet.above ? quiet.events : orderEvents(order, drop, left, order.quantity, () => this.d.ids.next());
    await tx.outbox.append(events);
    return { ok: true, order };
  }
}

interface Attempt {
  key: string;
  fingerprint: string;
  now: number;
}
