import { accessColumns } from './knex-access-columns.js';
import {
  dropSortKey,
  type DropSecret,
  type Drop,
  type DropFilter,
  type DropRepository,
  type NewDrop,
  type Page,
  type PageRequest,
} from '@livedrops/core';
import type { Knex } from 'knex';
import type { KnexDb } from './knex-db.js';
import { keysetPage, type Direction } from './knex-keyset.js';
import { toDrop, type Row } from './knex-rows.js';

/** Each list's membership test and order (drop-repository.port.ts), as SQL. */
const LISTS = {
  upcoming: {
    where: (q: Knex.QueryBuilder, now: number) => q.whereNull('d.cancelled_at').where('d.starts_at', '>', now),
    key: 'd.starts_at',
    direction: 'asc',
  },
  live: {
    // Sold-out drops stay in `live` while their window is open (api.md).
    where: (q: Knex.QueryBuilder, now: number) =>
      q.whereNull('d.cancelled_at').where('d.starts_at', '<=', now).where('d.ends_at', '>', now),
    key: 'd.starts_at',
    direction: 'desc',
  },
  ended: {
    where: (q: Knex.QueryBuilder, now: number) =>
      q.where((w) => w.whereNotNull('d.cancelled_at').orWhere('d.ends_at', '<=', now)),
    key: 'd.ends_at',
    direction: 'desc',
  },
  sold_out: {
    where: (q: Knex.QueryBuilder, now: number) =>
      q
        .whereNull('d.cancelled_at')
        .where('d.starts_at', '<=', now)
        .where('d.ends_at', '>', now)
        .whereRaw('d.sold >= d.total'),
    key: 'd.starts_at',
    direction: 'desc',
  },
  cancelled: { where: (q: Knex.QueryBuilder) => q.whereNotNull('d.cancelled_at'), key: 'd.ends_at', direction: 'desc' },
  all: { where: (q: Knex.QueryBuilder) => q, key: 'd.created_at', direction: 'desc' },
} satisfies Record<
  string,
  { where: (q: Knex.QueryBuilder, now: number) => Knex.QueryBuilder; key: string; direction: Direction }
>;

export class KnexDropRepository implements DropRepository {
  constructor(protected readonly db: KnexDb) {}

  /** Drops with their product's *current* title, which a rename changes everywhere. */
  protected withTitle(): Knex.QueryBuilder {
    return this.db
      .table('drops as d')
      .join('products as p', 'p.id', 'd.product_id')
      .select('d.*', 'p.title as product_title', 'p.image as product_image');
  }

  async create(drop: NewDrop, secret?: DropSecret): Promise<void> {
    if (!secret) return this.insert(drop);
    // The seed commits with the drop: a drop whose commitment names no stored seed could never reveal it.
    await this.db.transaction(async () => {
      await this.insert(drop);
      await this.db.table('fair_seeds').insert({ drop_id: drop.id, seed: secret.seed });
    });
  }

  private async insert(drop: NewDrop): Promise<void> {
    await this.db.table('drops').insert({
      id: drop.id,
      creator_id: drop.creatorId,
      product_id: drop.productId,
      price_cents: drop.priceCents,
      currency: drop.currency,
      starts_at: drop.startsAt,
      ends_at: drop.endsAt,
      total: drop.total,
      sold: 0,
      per_user_limit: drop.perUserLimit,
      low_stock_threshold: drop.lowStockThreshold,
      checkout: drop.checkout ?? 'instant',
      hold_seconds: drop.checkout === 'pay' ? (drop.holdSeconds ?? null) : null,
      cancelled_at: null,
      started_at: null,
      created_at: drop.createdAt,
      ...accessColumns(drop),
    });
  }

  async findById(id: string): Promise<Drop | null> {
    const row = (await this.withTitle().where('d.id', id).first()) as Row | undefined;
    return row ? toDrop(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Drop[]> {
    if (ids.length === 0) return [];
    const rows = (await this.withTitle().whereIn('d.id', [...ids])) as Row[];
    return rows.map(toDrop);
  }

  /**
   * Stamping cancelled_at is what makes every later stock update (which requires
   * `cancelled_at IS NULL`) fail, so once this commits no order can. Re-cancelling keeps
   * the first time.
   */
  cancel(id: string, at: number): Promise<Drop | null> {
    return this.db.transaction(async () => {
      await this.db.table('drops').where({ id }).whereNull('cancelled_at').update({ cancelled_at: at });
      return this.findById(id);
    });
  }

  list(filter: DropFilter, page: PageRequest): Promise<Page<Drop>> {
    const spec = LISTS[filter.status ?? 'all'];
    const query = spec.where(this.withTitle(), filter.now);
    if (filter.creatorId !== undefined) query.where('d.creator_id', filter.creatorId);
    return keysetPage(query, { key: spec.key, id: 'd.id', direction: spec.direction }, page, toDrop, (d) => ({
      key: dropSortKey(d, filter.status),
      id: d.id,
    }));
  }

  /** Open, uncancelled drops whose `drop.started` has not fired; served by a partial index. */
  async dueToStart(now: number, limit: number): Promise<Drop[]> {
    const rows = (await this.withTitle()
      .whereNull('d.started_at')
      .whereNull('d.cancelled_at')
      .where('d.starts_at', '<=', now)
      .where('d.ends_at', '>', now)
      .orderBy([
        { column: 'd.starts_at', order: 'asc' },
        { column: 'd.id', order: 'asc' },
      ])
      .limit(limit)) as Row[];
    return rows.map(toDrop);
  }
}
