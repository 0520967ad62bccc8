import type { CreatorProfile, Drop, Product, UseCases, User } from '@livedrops/core';
import DataLoader from 'dataloader';

/**
 * Reads by id, batched per operation: every `product`, `creator`, `drop` and `meFollows`
 * that resolvers ask for in one tick becomes one storage call per kind, so a page of 50
 * drops with their products and creators costs as many storage calls as a page of 1.
 */
export interface Loaders {
  product: DataLoader<string, Product | null>;
  creator: DataLoader<string, CreatorProfile | null>;
  drop: DataLoader<string, Drop | null>;
  /** When the caller followed each creator; null when not following. Only with a caller. */
  followedAt: DataLoader<string, number | null>;
}

// Well above a page (100) of anything, well below every engine's bind-parameter limit.
const MAX_BATCH = 500;

const notFoundAsNull = (err: unknown): null => {
  if ((err as { code?: unknown }).code === 'not_found') return null;
  throw err;
};

/**
 * One id takes the use case's by-id read, which the read cache serves (a drop page is
 * one drop, one product, one creator); several take one batched query.
 */
function byId<T extends { id: string }>(
  one: (id: string) => Promise<T>,
  many: (ids: readonly string[]) => Promise<T[]>,
) {
  return new DataLoader<string, T | null>(
    async (ids) => {
      if (ids.length === 1) return [await one(ids[0]!).catch(notFoundAsNull)];
      const found = new Map((await many(ids)).map((x) => [x.id, x]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

export function createLoaders(uc: UseCases, user: User | undefined): Loaders {
  return {
    product: byId(
      (id) => uc.products.get(id),
      (ids) => uc.products.many(ids),
    ),
    creator: byId(
      (id) => uc.follows.creator(id),
      (ids) => uc.follows.creators(ids),
    ),
    drop: byId(
      (id) => uc.drops.get(id),
      (ids) => uc.drops.many(ids),
    ),
    followedAt: new DataLoader<string, number | null>(
      async (creatorIds) => {
        if (!user) return creatorIds.map(() => null);
        const found = await uc.follows.checkMany(user.id, creatorIds);
        return creatorIds.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
