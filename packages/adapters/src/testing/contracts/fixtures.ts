import type { Drop, NewDrop, Order, Product, ReserveResult, User } from '@livedrops/core';
import type { Harness } from '../harness.js';

export const HOUR = 3_600_000;

let seq = 0;
/**
 * Unique, fixed-width ids: their text order is their creation order, which the keyset
 * tests rely on to predict tie-breaks. A per-process prefix keeps runs apart.
 */
export function nextId(prefix: string): string {
  return `${prefix}-${String(++seq).padStart(7, '0')}`;
}

/** Rows the contract tests need, written through the ports (they are under test too). */
export function fixtures(h: Harness) {
  const f = {
    async user(opts: { creator?: boolean; handle?: string } = {}): Promise<User> {
      const id = nextId('u');
      const user: User = {
        id,
        handle: opts.handle ?? `h_${id.slice(2)}`,
        displayName: `User ${id}`,
        isCreator: opts.creator ?? false,
        createdAt: h.clock.now(),
      };
      await h.ports.users.create(user, `hash-of-${id}`);
      return user;
    },
    creator: (): Promise<User> => f.user({ creator: true }),
    async product(creatorId: string, opts: Partial<Product> = {}): Promise<Product> {
      const product: Product = {
        id: nextId('p'),
        creatorId,
        title: 'Hoodie',
        description: null,
        priceCents: 4999,
        currency: 'EUR',
        createdAt: h.clock.now(),
        image: null,
        ...opts,
      } as Product;
      await h.ports.products.create(product);
      return product;
    },
    /** A drop (live now unless told otherwise), with a fresh creator and product unless given. */
    async drop(opts: Partial<NewDrop> = {}): Promise<Drop> {
      const creatorId = opts.creatorId ?? (await f.creator()).id;
      const productId = opts.productId ?? (await f.product(creatorId)).id;
      const now = h.clock.now();
      const row: NewDrop = {
        id: nextId('d'),
        creatorId,
        productId,
        priceCents: 4999,
        currency: 'EUR',
        startsAt: now,
        endsAt: now + HOUR,
        total: 10,
        perUserLimit: null,
        lowStockThreshold: 1,
        createdAt: now,
        ...opts,
      };
      await h.ports.drops.create(row);
      const drop = await h.ports.drops.findById(row.id);
      if (!drop) throw new Error('fixture drop vanished');
      return drop;
    },
    order(drop: Drop, userId: string, quantity = 1, createdAt = h.clock.now()): Order {
      return {
        id: nextId('o'),
        userId,
        dropId: drop.id,
        quantity,
        unitPriceCents: drop.priceCents,
        totalCents: drop.priceCents * quantity,
        currency: drop.currency,
        status: 'confirmed',
        createdAt,
      };
    },
    /** What PlaceOrder does inside its unit of work, minus the use case: reserve, then write the order. */
    buy(drop: Drop, userId: string, quantity = 1): Promise<ReserveResult> {
      return h.ports.uow.run(async (tx) => {
        const r = await tx.inventory.reserve({ dropId: drop.id, userId, quantity, perUserLimit: drop.perUserLimit });
        if (r.ok) await tx.orders.insert(f.order(drop, userId, quantity));
        return r;
      });
    },
  };
  return f;
}

/** The ids of a page or list, for order assertions. */
export function ids<T extends { id: string }>(items: T[]): string[] {
  return items.map((i) => i.id);
}
