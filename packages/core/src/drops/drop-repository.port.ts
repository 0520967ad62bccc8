import type { Page, PageRequest } from '../shared/page.js';
import type { DropSecret } from '../fairness/fairness.js';
import type { Drop, DropListStatus } from './drop.js';

export interface DropFilter {
  status?: DropListStatus | undefined;
  creatorId?: string | undefined;
  /** The clock's now, which decides membership of each status list. */
  now: number;
}

export type NewDrop = Omit<
  Drop,
  'productTitle' | 'productImage' | 'sold' | 'returned' | 'paid' | 'cancelledAt' | 'startedAt'
>;

export interface DropRepository {
  /** Writes the drop and, for queue and draw drops, its secret seed, together. */
  create(drop: NewDrop, secret?: DropSecret): Promise<void>;
  findById(id: string): Promise<Drop | null>;
  /** The drops among `ids` that exist, in no particular order (joined titles, like findById). */
  findByIds(ids: readonly string[]): Promise<Drop[]>;
  /**
   * Cancels the drop unless already cancelled, atomically with the stock row, so
   * no order can commit after this returns. Returns the drop as it now is, or null.
   */
  cancel(id: string, at: number): Promise<Drop | null>;
  /**
   * Keyset pages of the drops `inStatusList` puts in the status's list, ordered by `dropSortKey`:
   * ascending for `upcoming`, descending otherwise; ties by id in the same direction.
   */
  list(filter: DropFilter, page: PageRequest): Promise<Page<Drop>>;
  /** Drops whose start has passed and whose `drop.started` has not been recorded, oldest first. */
  dueToStart(now: number, limit: number): Promise<Drop[]>;
}
