import {
  createUseCases,
  withReadCache,
  type Ports,
  type ReadCache,
  type StockGate,
  type UseCases,
  type User,
} from '@livedrops/core';
import { createMemoryAdapters } from '../../src/memory/create-memory-adapters.js';
import type { MemoryStore } from '../../src/memory/memory-store.js';
import { FakeClock } from '../../src/system/clocks.js';
import { systemPorts } from '../../src/testing/system-ports.js';

/** Use cases over the memory adapters with a hand-moved clock: the use-case test bed. */
export interface World {
  uc: UseCases;
  ports: Ports;
  clock: FakeClock;
  store: MemoryStore;
  /** Inserts a user straight into the store (skips scrypt, for tests that need many). */
  user(handle: string, isCreator?: boolean): Promise<User>;
  /** A creator, a product and a drop that is live now. */
  liveDrop(opts?: {
    stock?: number;
    perUserLimit?: number | null;
    lowStockThreshold?: number;
  }): Promise<{ creator: User; dropId: string }>;
}

/** `gate` and `cache` put the production profile's extras in front of the memory engine. */
export function world(opts: { gate?: StockGate; cache?: ReadCache } = {}): World {
  const clock = new FakeClock();
  const data = createMemoryAdapters({ clock });
  const plain: Ports = {
    ...data,
    ...systemPorts(clock),
    gate: opts.gate,
  };
  const ports = opts.cache ? withReadCache(plain, opts.cache) : plain;
  const uc = createUseCases(ports);
  const w: World = {
    uc,
    ports,
    clock,
    store: data.store,
    async user(handle, isCreator = false) {
      const u = { id: ports.ids.next(), handle, displayName: handle, isCreator, createdAt: clock.now() };
      await ports.users.create(u, 'x');
      return u;
    },
    async liveDrop(opts = {}) {
      const creator = await w.user(`creator_${ports.ids.next().slice(-8)}`, true);
      const product = await uc.products.create(creator, { title: 'Hoodie', priceCents: 4999, currency: 'EUR' });
      const now = clock.now();
      const drop = await uc.drops.schedule(creator, {
        productId: product.id,
        startsAt: now,
        endsAt: now + 3_600_000,
        stock: opts.stock ?? 10,
        perUserLimit: opts.perUserLimit ?? null,
        ...(opts.lowStockThreshold !== undefined ? { lowStockThreshold: opts.lowStockThreshold } : {}),
      });
      return { creator, dropId: drop.id };
    },
  };
  return w;
}
