/**
 * Example: a custom stock authority. `LedgerInventory` keeps its own sold counts and per-user
 * tallies (as a stock service beside the database would); it passes the exported Inventory
 * contract (test/examples.spec.ts) and takes an order through the container.
 */
import { createContainer, createMemoryAdapters, FakeClock, loadConfig, withInventory } from '@livedrops/adapters';
import { memoryRawState, type Harness } from '@livedrops/adapters/testing';
import { TOKENS, type DropRepository, type Inventory, type ReserveRequest, type ReserveResult } from '@livedrops/core';
import type { UseCases } from '@livedrops/core';

export class LedgerInventory implements Inventory {
  private readonly sold = new Map<string, number>();
  private readonly tallies = new Map<string, number>();

  constructor(private readonly drops: Pick<DropRepository, 'findById'>) {}

  async reserve(r: ReserveRequest): Promise<ReserveResult> {
    const drop = await this.drops.findById(r.dropId);
    if (!drop) return { ok: false, reason: 'not_found' };
    if (drop.cancelledAt !== null) return { ok: false, reason: 'cancelled' };
    // From here on nothing awaits, so no other reservation interleaves: check and take are one step.
    const bought = this.tallyOf(r.dropId, r.userId);
    if (r.perUserLimit !== null && bought + r.quantity > r.perUserLimit) {
      return { ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: Math.max(0, r.perUserLimit - bought) };
    }
    const available = drop.total - this.soldOf(r.dropId);
    if (available <= 0) return { ok: false, reason: 'sold_out', available: 0 };
    if (available < r.quantity) return { ok: false, reason: 'insufficient_stock', available };
    this.sold.set(r.dropId, this.soldOf(r.dropId) + r.quantity);
    this.tallies.set(`${r.dropId}/${r.userId}`, bought + r.quantity);
    return { ok: true, sold: this.soldOf(r.dropId), total: drop.total };
  }

  soldOf(dropId: string): number {
    return this.sold.get(dropId) ?? 0;
  }

  tallyOf(dropId: string, userId: string): number {
    return this.tallies.get(`${dropId}/${userId}`) ?? 0;
  }
}

/** A contract harness: the memory engine, its units of work handed the ledger, the ledger as raw state. */
export async function ledgerHarness(): Promise<Harness> {
  const clock = new FakeClock();
  const data = createMemoryAdapters({ clock });
  const ledger = new LedgerInventory(data.drops);
  return {
    ports: { ...data, uow: withInventory(data.uow, ledger) },
    clock,
    raw: {
      ...memoryRawState(data.store),
      sold: async (dropId) => ledger.soldOf(dropId),
      tally: async (dropId, userId) => ledger.tallyOf(dropId, userId),
    },
    close: () => data.close(),
  };
}

/** The ledger bound in the container before anything resolves; one order goes through it. */
export async function orderThroughLedger(): Promise<{ ok: boolean; ledgerSold: number }> {
  const container = await createContainer(loadConfig({ DATABASE_URL: 'memory:' }), {
    overrides: (c) => {
      c.rebind(TOKENS.Inventory).toResolvedValue((drops: DropRepository) => new LedgerInventory(drops), [TOKENS.Drops]);
    },
  });
  try {
    const uc = container.get<UseCases>(TOKENS.UseCases);
    const maker = (await uc.register.execute({ handle: 'maker', password: 'password1', isCreator: true })).user;
    const fan = (await uc.register.execute({ handle: 'fan', password: 'password1' })).user;
    const product = await uc.products.create(maker, { title: 'Poster', priceCents: 1500, currency: 'EUR' });
    const now = Date.now();
    const drop = await uc.drops.schedule(maker, {
      productId: product.id,
      startsAt: now,
      endsAt: now + 3_600_000,
      stock: 3,
      perUserLimit: 1,
    });
    const { outcome } = await uc.placeOrder.execute(fan, 'order-1', { dropId: drop.id, quantity: 1 });
    const ledger = container.get<LedgerInventory>(TOKENS.Inventory);
    return { ok: outcome.ok, ledgerSold: ledger.soldOf(drop.id) };
  } finally {
    await container.unbindAllAsync();
  }
}
