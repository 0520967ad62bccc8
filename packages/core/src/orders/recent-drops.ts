import type { Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { Clock } from '../shared/clock.port.js';

/**
 * The order path's drop reads, kept in this process for `ttlMs`. PlaceOrder relies only on
 * what never changes after a drop is created (window, price, limit, threshold, creator);
 * stock and cancellation are decided again by the book, and the product title an event
 * carries may be up to `ttlMs` old. Concurrent misses for one drop share one read.
 */
export class RecentDrops implements Pick<DropRepository, 'findById'> {
  private readonly entries = new Map<string, { at: number; drop: Promise<Drop | null> }>();

  constructor(
    private readonly drops: Pick<DropRepository, 'findById'>,
    private readonly clock: Clock,
    private readonly ttlMs = 1000,
  ) {}

  findById(id: string): Promise<Drop | null> {
    const now = this.clock.now();
    const hit = this.entries.get(id);
    if (hit && now - hit.at < this.ttlMs) return hit.drop;
    if (this.entries.size >= 10_000) this.entries.clear();
    const drop = this.drops.findById(id);
    this.entries.set(id, { at: now, drop });
    // A failed read is not kept: the next order asks again.
    drop.catch(() => this.entries.get(id)?.drop === drop && this.entries.delete(id));
    return drop;
  }
}
