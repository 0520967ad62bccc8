import type { UserRepository } from '../accounts/user-repository.port.js';
import { drawn, type Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import type { ProductRepository } from '../products/product-repository.port.js';
import type { Ports } from './ports.js';
import { cacheKeys, type ReadCache } from './read-cache.port.js';
import { raisingUnitOfWork } from './raising-unit-of-work.js';

/**
 * The caching policy, in one place: which reads go through the cache, and which writes
 * tell it what they change. Reads by id (drops, products, creator profiles) are cached;
 * lists, batches of ids (one query for a page's worth) and everything per-user go to the database. A drop's title is read through its
 * product's entry, so editing a product needs no search for the drops that show it.
 * A drop's stock is kept as counters that only grow (`drawn` = sold + returned, `returned`,
 * `paid`): an order, a returned hold or a payment raises one rather than invalidating the
 * drop, so a hot drop stays cached through its sale, and `sold` is shown as `drawn − returned`
 * (it falls when a hold's units come back). Everything else that changes a cached document
 * (cancel, product edit, follow/unfollow) brackets its write with `cache.write`.
 */
export function withReadCache(p: Ports, cache: ReadCache): Ports {
  return {
    ...p,
    users: cachedUsers(p.users, cache),
    follows: cachedFollows(p.follows, cache),
    products: cachedProducts(p.products, cache),
    drops: cachedDrops(p.drops, p.products, cache),
    uow: raisingUnitOfWork(p.uow, cache),
  };
}

function cachedUsers(users: UserRepository, cache: ReadCache): UserRepository {
  return {
    create: (user, hash) => users.create(user, hash),
    findById: (id) => users.findById(id),
    findByHandle: (handle) => users.findByHandle(handle),
    findCreator: (id) => cache.read(cacheKeys.creator(id), () => users.findCreator(id)),
    findCreators: (ids) => users.findCreators(ids),
    // By handle and search are lists in effect (no id to key them by): the database answers.
    findCreatorByHandle: (handle) => users.findCreatorByHandle(handle),
    searchCreators: (prefix, page) => users.searchCreators(prefix, page),
  };
}

function cachedFollows(follows: FollowRepository, cache: ReadCache): FollowRepository {
  const counter = (creatorId: string) => [cacheKeys.creator(creatorId)];
  return {
    follow: (u, c, at) => cache.write(counter(c), () => follows.follow(u, c, at)),
    unfollow: (u, c) => cache.write(counter(c), () => follows.unfollow(u, c)),
    followedAt: (u, c) => follows.followedAt(u, c),
    followedAtMany: (u, cs) => follows.followedAtMany(u, cs),
    listFollowers: (c, page) => follows.listFollowers(c, page),
    listFollowing: (u, page) => follows.listFollowing(u, page),
    followerIds: (c, after, limit) => follows.followerIds(c, after, limit),
    bulkFollow: (c, ids, at) => cache.write(counter(c), () => follows.bulkFollow(c, ids, at)),
  };
}

function cachedProducts(products: ProductRepository, cache: ReadCache): ProductRepository {
  return {
    create: (product) => products.create(product),
    findById: (id) => cache.read(cacheKeys.product(id), () => products.findById(id)),
    findByIds: (ids) => products.findByIds(ids),
    update: (id, patch) => cache.write([cacheKeys.product(id)], () => products.update(id, patch)),
    setImage: (id, image) => cache.write([cacheKeys.product(id)], () => products.setImage(id, image)),
    list: (filter, page) => products.list(filter, page),
  };
}

function cachedDrops(drops: DropRepository, products: ProductRepository, cache: ReadCache): DropRepository {
  const productOf = (drop: Drop) => ({
    key: cacheKeys.product(drop.productId),
    load: () => products.findById(drop.productId),
  });
  return {
    create: (drop, secret) => drops.create(drop, secret),
    async findById(id) {
      const load = async () => counted(await drops.findById(id));
      const [drop, product] = await cache.readPair(cacheKeys.drop(id), load, productOf);
      const shown = drop && fromCounters(drop);
      return shown && product ? { ...shown, productTitle: product.title, productImage: product.image } : shown;
    },
    findByIds: (ids) => drops.findByIds(ids),
    cancel: (id, at) => cache.write([cacheKeys.drop(id)], () => drops.cancel(id, at)),
    list: (filter, page) => drops.list(filter, page),
    dueToStart: (now, limit) => drops.dueToStart(now, limit),
  };
}

/** A drop as cached: with `drawn`, the counter a floor keeps for `sold`. */
type Counted = Drop & { drawn: number };
const counted = (d: Drop | null): Counted | null => (d ? { ...d, drawn: drawn(d) } : null);

/** `sold` from the floored counters; the field itself is never floored, since it falls when units come back. */
function fromCounters(d: Counted): Drop {
  const { drawn: n, ...drop } = d;
  const all = typeof n === 'number' ? n : drawn(drop); // an entry cached before the counter existed
  return { ...drop, sold: Math.min(drop.total, Math.max(0, all - (drop.returned ?? 0))) };
}
