import type { Page, PageRequest } from '../shared/page.js';
import type { Order } from './order.js';

export interface OrderWriter {
  insert(order: Order): Promise<void>;
}

export interface OrderRepository {
  findById(id: string): Promise<Order | null>;
  /** Newest first, cursor on (createdAt, id). */
  listByUser(userId: string, page: PageRequest): Promise<Page<Order>>;
  /** Confirmed quantity per drop, summed from order rows (the checker's independent count). */
  soldQuantity(dropId: string): Promise<number>;
}
