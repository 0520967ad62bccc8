import type { Order, OrderRepository, Page, PageRequest } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { keysetPage } from './knex-keyset.js';
import { toOrder, type Row } from './knex-rows.js';

export class KnexOrderRepository implements OrderRepository {
  constructor(private readonly db: KnexDb) {}

  async findById(id: string): Promise<Order | null> {
    const row = (await this.db.table('orders').where({ id }).first()) as Row | undefined;
    return row ? toOrder(row) : null;
  }

  listByUser(userId: string, page: PageRequest): Promise<Page<Order>> {
    const query = this.db.table('orders').where('user_id', userId).select('*');
    return keysetPage(
      query,
      { key: 'created_at', id: 'id', direction: 'desc' },
      page,
      toOrder,
      (o) => ({ key: o.createdAt, id: o.id }),
    );
  }

  /** Summed from the order rows, independently of the drop's sold counter: the checker's view. */
  async soldQuantity(dropId: string): Promise<number> {
    const row = (await this.db.table('orders').where('drop_id', dropId).sum({ total: 'quantity' }).first()) as Row | undefined;
    return Number(row?.total ?? 0);
  }
}
