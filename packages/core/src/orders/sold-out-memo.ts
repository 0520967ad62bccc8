import type { Clock } from '../shared/clock.port.js';
import type { ReserveResult } from './inventory.port.js';
import type { GatePass, StockGate } from './stock-gate.port.js';

/**
 * A gate that holds no stock: it remembers, for `ttlMs`, the drops the authority itself
 * has just called sold out, and turns their orders away without asking it again. It can
 * only repeat what the database said, so it never strands a unit (nothing to leak when an
 * instance dies) and never sells one; after `ttlMs` one order asks the authority again, so
 * units that come back (a cancelled hold, say) are offered within that time.
 */
export class SoldOutMemo implements StockGate {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 1000,
    private readonly max = 10_000,
  ) {}

  async enter(dropId: string): Promise<GatePass> {
    const until = this.until.get(dropId);
    if (until !== undefined && until > this.clock.now()) return { verdict: 'sold_out', leave: async () => undefined };
    if (until !== undefined) this.until.delete(dropId);
    return { verdict: 'go', leave: async (r) => this.learn(dropId, r) };
  }

  /** Units came back to the drop: the next order asks the authority again. */
  forget(dropId: string): void {
    this.until.delete(dropId);
  }

  returned(dropId: string): void {
    this.forget(dropId);
  }

  private learn(dropId: string, r: ReserveResult | undefined): void {
    const soldOut = r !== undefined && (r.ok ? r.sold >= r.total : r.reason === 'sold_out');
    if (!soldOut) return;
    if (this.until.size >= this.max) this.until.delete(this.until.keys().next().value!);
    this.until.set(dropId, this.clock.now() + this.ttlMs);
  }
}
