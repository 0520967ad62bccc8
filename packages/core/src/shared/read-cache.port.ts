/**
 * A read-through cache of documents (drops, products, creator profiles) that never shows
 * a state older than a write that was acknowledged (api.md, Freshness). Bounded and
 * in-process on the embedded profile; Redis, shared by every instance, in production.
 *
 * Two ways a write reaches it, chosen per field:
 * - `write` brackets a write that can change anything in the documents it names (cancel,
 *   product edit, follow): their entries are dropped before it starts, and no read that
 *   began before it ended may store what it loaded.
 * - `raise` is for a counter that only grows (a drop's `sold`): called inside the writer's
 *   transaction, before commit, it makes every read show at least `value` without
 *   invalidating the document, so a hot drop stays cached through a flash sale.
 * Either throws when the cache cannot be told; the caller's write must then not happen
 * (an UnavailableError, 503), since a later read could otherwise serve the old state.
 */
export interface ReadCache {
  /** The document under `key`, else `load()`'s result (stored unless a write intervened). Null is never stored. */
  read<T extends object>(key: string, load: () => Promise<T | null>): Promise<T | null>;
  /**
   * `read(key)`, then `read` of the document it is shown with (a drop's product), in one
   * round trip where the cache can. The second document is read only when the first exists.
   */
  readPair<T extends object, U extends object>(
    key: string,
    load: () => Promise<T | null>,
    next: (doc: T) => Linked<U>,
  ): Promise<[T | null, U | null]>;
  /** Runs `work` with the documents under `keys` invalidated before it and after it. */
  write<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
  /**
   * Counter `field` of `key` is at least `value` from now on, pending the transaction.
   * The returned settle says whether it committed: a rolled-back raise is withdrawn; an
   * unknown outcome (`undefined`: the connection died around COMMIT) stays in force until
   * the cache has reloaded the document from the database.
   */
  raise(key: string, field: string, value: number): Promise<(committed: boolean | undefined) => Promise<void>>;
}

/** The document another one is shown with, and how to load it. */
export interface Linked<U> {
  key: string;
  load: () => Promise<U | null>;
}

/** `readPair` as two reads, for caches that cannot do better. */
export async function readPairInTurn<T extends object, U extends object>(
  cache: Pick<ReadCache, 'read'>,
  key: string,
  load: () => Promise<T | null>,
  next: (doc: T) => Linked<U>,
): Promise<[T | null, U | null]> {
  const first = await cache.read(key, load);
  if (!first) return [null, null];
  const link = next(first);
  return [first, await cache.read(link.key, link.load)];
}

/** No cache: every read loads. For tests and tools that must see the database as it is. */
export const NO_CACHE: ReadCache = {
  read: (_key, load) => load(),
  readPair: (key, load, next) => readPairInTurn(NO_CACHE, key, load, next),
  write: (_keys, work) => work(),
  raise: async () => async () => undefined,
};

/** Cache keys: one document per drop, product and creator profile. */
export const cacheKeys = {
  drop: (id: string): string => `drop:${id}`,
  product: (id: string): string => `product:${id}`,
  creator: (id: string): string => `creator:${id}`,
};
