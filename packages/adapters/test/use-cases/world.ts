import {
  createUseCases,
  withReadCache,
  type Ports,
  type ReadCache,
  type StockGate,
  type UseCaseObserver,
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
  /** A creator, a product and a waiting room of `stock` units starting a minute from now. */
  queueDrop(stock: number): Promise<string>;
}

/**
 * `gate` and `cache` put the production profile's extras in front of the memory engine; `ports`
 * adds others (a queue line, pressure) on the world's clock, `observe` tunes the use cases.
 */
export function world(
  opts: {
    gate?: StockGate;
    cache?: ReadCache;
    ports?: (clock: FakeClock) => Partial<Ports>;
    observe?: UseCaseObserver;
  } = {},
): World {
  const clock = new FakeClock();
  const data = createMemoryAdapters({ clock });
  const plain: Ports = {
    ...data,
    ...systemPorts(clock),
    gate: opts.gate,
    ...opts.ports?.(clock),
  };
  const ports = opts.cache ? withReadCache(plain, opts.cache) : plain;
  const uc = createUseCases(ports, undefined, opts.observe);
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
    async queueDrop(stock) {
      const creator = await w.user(`creator_${ports.ids.next().slice(-8)}`, true);
      const product = await uc.products.create(creator, { title: 'Tee', priceCents: 1000, currency: 'EUR' });
      const now = clock.now();
      const drop = await uc.drops.schedule(creator, {
        productId: product.id,
        startsAt: now + 60_000,
        endsAt: now + 3_600_000,
        stock,
        access: 'queue',
      });
      return drop.id;
    },
  };
  return w;
}
