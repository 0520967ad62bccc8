import type { Order, OrderRepository, Page, PageRequest } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { keysetPage } from './knex-keyset.js';
import { toOrder, type Row } from './knex-rows.js';

export class KnexOrderRepository implements OrderRepository {
  constructor(private readonly db: KnexDb) {}

  private withPayment() {
    return this.db
      .table('orders as o')
      .leftJoin('payments as pay', 'pay.id', 'o.payment_id')
      .select('o.*', 'pay.status as pay_status', 'pay.amount_cents as pay_amount', 'pay.currency as pay_currency');
  }

  async findById(id: string): Promise<Order | null> {
    const row = (await this.withPayment().where('o.id', id).first()) as Row | undefined;
    return row ? toOrder(row) : null;
  }

  listByUser(userId: string, page: PageRequest): Promise<Page<Order>> {
    const query = this.withPayment().where('o.user_id', userId);
    return keysetPage(query, { key: 'o.created_at', id: 'o.id', direction: 'desc' }, page, toOrder, (o) => ({
      key: o.createdAt,
      id: o.id,
    }));
  }

  /**
   * Units of confirmed orders and open holds (what `sold` counts), summed from the order rows
   * independently of the drop's counter: the checker's view.
   */
  async soldQuantity(dropId: string): Promise<number> {
    const row = (await this.db
      .table('orders')
      .where('drop_id', dropId)
      .whereIn('status', ['confirmed', 'held'])
      .sum({ total: 'quantity' })
      .first()) as Row | undefined;
    return Number(row?.total ?? 0);
  }
}
