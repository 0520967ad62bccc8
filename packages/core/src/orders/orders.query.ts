import type { User } from '../accounts/user.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Order } from './order.js';
import type { OrderRepository } from './order-repository.port.js';

/** Reading orders: only ever the caller's own. */
export class Orders {
  constructor(private readonly d: { orders: OrderRepository }) {}

  /** Someone else's order is indistinguishable from a missing one. */
  async get(actor: User, id: string): Promise<Order> {
    const order = await this.d.orders.findById(id);
    if (!order || order.userId !== actor.id) throw new NotFoundError('Order');
    return order;
  }

  async mine(actor: User, page: PageRequest): Promise<Page<Order>> {
    return this.d.orders.listByUser(actor.id, page);
  }
}
