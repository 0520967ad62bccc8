import {
  accessOf,
  dropSortKey,
  type DropSecret,
  isAfterAsc,
  isAfterDesc,
  inStatusList,
  pageOf,
  type Drop,
  type DropFilter,
  type DropRepository,
  type NewDrop,
  type Page,
  type PageRequest,
} from '@livedrops/core';
import type { DropRow, MemoryStore } from './memory-store.js';

export class MemoryDropRepository implements DropRepository {
  constructor(private readonly s: MemoryStore) {}

  /** Joins the product's current title and picture, as the SQL adapters do. */
  view(row: DropRow): Drop {
    const product = this.s.products.get(row.productId);
    const { linesFired: _l, shuffledAt: _s, ...drop } = row;
    return { ...drop, productTitle: product?.title ?? '', productImage: product?.image ?? null };
  }

  async create(drop: NewDrop, secret?: DropSecret): Promise<void> {
    const checkout = drop.checkout ?? 'instant';
    this.s.drops.set(drop.id, {
      ...drop,
      checkout,
      holdSeconds: checkout === 'pay' ? (drop.holdSeconds ?? null) : null,
      access: accessOf(drop),
      followersFirstUntil: drop.followersFirstUntil ?? null,
      entriesOpenAt: drop.entriesOpenAt ?? null,
      entriesCloseAt: drop.entriesCloseAt ?? null,
      commitment: drop.commitment ?? null,
      sold: 0,
      returned: 0,
      paid: 0,
      linesFired: 0,
      cancelledAt: null,
      startedAt: null,
      shuffledAt: null,
    });
    if (secret) this.s.seeds.set(drop.id, secret.seed);
  }

  async findById(id: string): Promise<Drop | null> {
    const row = this.s.drops.get(id);
    return row ? this.view(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Drop[]> {
    return [...new Set(ids)].flatMap((id) => {
      const row = this.s.drops.get(id);
      return row ? [this.view(row)] : [];
    });
  }

  async cancel(id: string, at: number): Promise<Drop | null> {
    const row = this.s.drops.get(id);
    if (!row) return null;
    if (row.cancelledAt === null) row.cancelledAt = at;
    return this.view(row);
  }

  async list(filter: DropFilter, page: PageRequest): Promise<Page<Drop>> {
    const asc = filter.status === 'upcoming';
    const after = asc ? isAfterAsc : isAfterDesc;
    const rows = [...this.s.drops.values()]
      .map((r) => this.view(r))
      .filter((d) => filter.creatorId === undefined || d.creatorId === filter.creatorId)
      .filter((d) => filter.status === undefined || inStatusList(d, filter.status, filter.now))
      .filter((d) => after(dropSortKey(d, filter.status), d.id, page.after))
      .sort((a, b) => {
        const diff =
          dropSortKey(a, filter.status) - dropSortKey(b, filter.status) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        return asc ? diff : -diff;
      })
      .slice(0, page.limit + 1);
    return pageOf(rows, page.limit, (d) => ({ key: dropSortKey(d, filter.status), id: d.id }));
  }

  async dueToStart(now: number, limit: number): Promise<Drop[]> {
    return [...this.s.drops.values()]
      .filter((r) => r.startedAt === null && r.cancelledAt === null && r.startsAt <= now && r.endsAt > now)
      .sort((a, b) => a.startsAt - b.startsAt)
      .slice(0, limit)
      .map((r) => this.view(r));
  }
}
