import {
  available,
  checkoutOf,
  dropStatus,
  heldUnits,
  NotFoundError,
  type CreatorProfile,
  type Drop,
  type FollowerEntry,
  type Product,
  type UserSummary,
} from '@livedrops/core';
import { pageCost, pageRequest } from '../args.js';
import { builder } from '../builder.js';
import { connectionOf, toConnection } from '../connection.js';
import { viewer } from '../context.js';

/** A value a loader must find (a drop's product, a product's creator): missing means corrupt data, not a client error. */
async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (found === null) throw new NotFoundError(what);
  return found;
}

export const DropStatusFilter = builder.enumType('DropStatus', {
  description: 'Which list of drops: LIVE includes sold-out drops whose window is open; ENDED includes cancelled ones.',
  values: { UPCOMING: { value: 'upcoming' }, LIVE: { value: 'live' }, ENDED: { value: 'ended' } } as const,
});

const DropState = builder.enumType('DropState', {
  description: "A drop's state, derived from the clock and its stock.",
  values: {
    UPCOMING: { value: 'upcoming' },
    LIVE: { value: 'live' },
    SOLD_OUT: { value: 'sold_out' },
    ENDED: { value: 'ended' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});

export const PublicUser = builder.objectRef<UserSummary>('PublicUser').implement({
  description: "A user's public face in lists.",
  fields: (t) => ({
    id: t.exposeID('id'),
    handle: t.exposeString('handle'),
    displayName: t.exposeString('displayName'),
  }),
});

const Follower = builder.objectRef<FollowerEntry>('Follower').implement({
  fields: (t) => ({
    user: t.field({ type: PublicUser, resolve: (f) => f.user }),
    followedAt: t.field({ type: 'DateTime', resolve: (f) => f.followedAt }),
  }),
});
const FollowerConnection = connectionOf('Follower', Follower);

export const Creator = builder.objectRef<CreatorProfile>('Creator').implement({
  description: "A creator's public profile.",
  fields: (t) => ({
    id: t.exposeID('id'),
    handle: t.exposeString('handle'),
    displayName: t.exposeString('displayName'),
    followerCount: t.exposeInt('followerCount', { description: 'Exact once a follow or unfollow has returned.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    meFollows: t.boolean({
      nullable: true,
      description: 'Whether the caller follows this creator; null without a token.',
      resolve: async (c, _args, ctx) => (ctx.user ? (await ctx.loaders.followedAt.load(c.id)) !== null : null),
    }),
    followers: t.field({
      type: FollowerConnection,
      nullable: true,
      description: 'Newest first. Only the creator themself may list them (anyone else: `forbidden`).',
      args: { first: t.arg.int({ description: '1..100, default 20.' }), after: t.arg.string() },
      complexity: pageCost,
      resolve: async (c, args, ctx) => {
        const page = await ctx.useCases.follows.followers(viewer(ctx).id, c.id, pageRequest(args));
        return toConnection(page, (f) => ({ key: f.followedAt, id: f.user.id }));
      },
    }),
  }),
});

export const ProductType = builder.objectRef<Product>('Product').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    priceCents: t.exposeInt('priceCents', {
      description: 'The current price; a drop keeps the price it was created with.',
    }),
    currency: t.exposeString('currency'),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    creator: t.field({
      type: Creator,
      resolve: (p, _a, ctx) => required(ctx.loaders.creator.load(p.creatorId), 'Creator'),
    }),
  }),
});
export const ProductConnection = connectionOf('Product', ProductType);

const Stock = builder.objectRef<Pick<Drop, 'total' | 'sold' | 'paid' | 'checkout'>>('Stock').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    available: t.int({ resolve: (d) => available(d) }),
    held: t.int({ description: 'Units in holds not yet paid (0 on instant drops).', resolve: (d) => heldUnits(d) }),
  }),
});

export const DropType = builder.objectRef<Drop>('Drop').implement({
  description: 'A timed sale of one product. `priceCents` and `currency` are fixed when the drop is created.',
  fields: (t) => ({
    id: t.exposeID('id'),
    product: t.field({
      type: ProductType,
      resolve: (d, _a, ctx) => required(ctx.loaders.product.load(d.productId), 'Product'),
    }),
    creator: t.field({
      type: Creator,
      resolve: (d, _a, ctx) => required(ctx.loaders.creator.load(d.creatorId), 'Creator'),
    }),
    priceCents: t.exposeInt('priceCents'),
    currency: t.exposeString('currency'),
    startsAt: t.field({ type: 'DateTime', resolve: (d) => d.startsAt }),
    endsAt: t.field({ type: 'DateTime', resolve: (d) => d.endsAt }),
    status: t.field({ type: DropState, resolve: (d, _a, ctx) => dropStatus(d, ctx.now) }),
    stock: t.field({ type: Stock, resolve: (d) => d }),
    perUserLimit: t.exposeInt('perUserLimit', { nullable: true, description: 'null: no per-user limit.' }),
    lowStockThreshold: t.exposeInt('lowStockThreshold'),
    checkout: t.string({
      description: '`instant` or `pay` (an order is a hold until paid).',
      resolve: (d) => checkoutOf(d),
    }),
    holdSeconds: t.int({
      nullable: true,
      description: 'Pay drops: how long a hold lasts.',
      resolve: (d) => d.holdSeconds ?? null,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
  }),
});
export const DropConnection = connectionOf('Drop', DropType);
