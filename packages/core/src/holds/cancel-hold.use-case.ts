import type { User } from '../accounts/user.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { Order } from '../orders/order.js';
import type { OrderRepository } from '../orders/order-repository.port.js';
import type { StockGate } from '../orders/stock-gate.port.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import type { CheckoutObserver } from './checkout-observer.js';
import { holdRefusal } from './hold.js';
import { releaseHold } from './release-hold.js';

export interface CancelHoldDeps {
  orders: Pick<OrderRepository, 'findById'>;
  drops: Pick<DropRepository, 'findById'>;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  gate?: StockGate | undefined;
  observer?: CheckoutObserver | undefined;
}

/**
 * `POST /v1/orders/{id}/cancel`: the buyer lets a hold go before its deadline; its units
 * come back at once (to the waitlist first). Only from `held`: the conditional end races
 * fairly with a payment and the expiry loop, and the loser is told what happened instead.
 */
export class CancelHold {
  constructor(private readonly d: CancelHoldDeps) {}

  async execute(actor: User, orderId: string): Promise<Order> {
    const order = await this.mine(actor, orderId);
    const now = this.d.clock.now();
    const refusal = holdRefusal(order, now, 'cancel');
    if (refusal) throw refusal;
    const drop = await this.d.drops.findById(order.dropId);
    if (!drop) throw new NotFoundError('Order');
    const next = () => this.d.ids.next();
    const ended = await this.d.uow.run(async (tx) => {
      const hold = await tx.holds.end(order.id, 'cancelled', now);
      if (hold) await releaseHold(tx, hold, 'order.cancelled', drop, now, next);
      return hold !== null;
    });
    const after = await this.mine(actor, orderId);
    if (!ended) throw holdRefusal(after, now, 'cancel') ?? new Error('a held order could not be cancelled');
    this.d.gate?.returned?.(drop.id);
    this.d.observer?.cancelled?.();
    return after;
  }

  private async mine(actor: User, orderId: string): Promise<Order> {
    const order = await this.d.orders.findById(orderId);
    if (!order || order.userId !== actor.id) throw new NotFoundError('Order');
    return order;
  }
}
