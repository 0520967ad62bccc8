import type { FollowingEntry, Notification, Order, OrderPayment, User, WaitlistEntry } from '@livedrops/core';
import { pageCost, pageRequest } from '../args.js';
import { builder } from '../builder.js';
import { connectionOf, toConnection } from '../connection.js';
import { Creator, DropType } from './catalog.types.js';

const OrderPaymentType = builder.objectRef<OrderPayment>('OrderPayment').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.exposeString('status', { description: '`captured`, or `authorized` while the capture is retried.' }),
    amountCents: t.exposeInt('amountCents'),
    currency: t.exposeString('currency'),
  }),
});

export const OrderType = builder.objectRef<Order>('Order').implement({
  description: 'One of your orders.',
  fields: (t) => ({
    id: t.exposeID('id'),
    drop: t.field({ type: DropType, nullable: true, resolve: (o, _a, ctx) => ctx.loaders.drop.load(o.dropId) }),
    dropId: t.exposeID('dropId'),
    quantity: t.exposeInt('quantity'),
    unitPriceCents: t.exposeInt('unitPriceCents'),
    totalCents: t.exposeInt('totalCents'),
    currency: t.exposeString('currency'),
    status: t.field({
      type: builder.enumType('OrderStatus', {
        values: {
          HELD: { value: 'held' },
          CONFIRMED: { value: 'confirmed' },
          CANCELLED: { value: 'cancelled' },
          EXPIRED: { value: 'expired' },
        } as const,
      }),
      resolve: (o) => o.status,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (o) => o.createdAt }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "A hold's deadline; null for instant orders.",
      resolve: (o) => o.expiresAt ?? null,
    }),
    payment: t.field({
      type: OrderPaymentType,
      nullable: true,
      description: 'The payment that confirmed a hold.',
      resolve: (o) => o.payment ?? null,
    }),
  }),
});
const OrderConnection = connectionOf('Order', OrderType);

export const NotificationType = builder.objectRef<Notification>('Notification').implement({
  description: 'The same events, with the same ids, as the REST inbox and the SSE stream.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What `notifications(after:)` resumes after.' }),
    type: t.exposeString('type', {
      description:
        '`drop.started`, `stock.low`, `drop.sold_out`, `order.confirmed`, `order.held`, `order.offered`, `order.expired` or `order.cancelled`.',
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt }),
    data: t.field({
      type: 'JSONObject',
      description:
        'Always `dropId`; drop events add `creatorId`, `productTitle`, `available`; `order.confirmed` adds `orderId`.',
      resolve: (n) => n.data,
    }),
  }),
});
const NotificationConnection = connectionOf('Notification', NotificationType);

const Following = builder.objectRef<FollowingEntry>('Following').implement({
  fields: (t) => ({
    creator: t.field({
      type: Creator,
      nullable: true,
      resolve: (f, _a, ctx) => ctx.loaders.creator.load(f.creator.id),
    }),
    followedAt: t.field({ type: 'DateTime', resolve: (f) => f.followedAt }),
  }),
});
const FollowingConnection = connectionOf('Following', Following);

const WaitlistEntryType = builder.objectRef<WaitlistEntry>('WaitlistEntry').implement({
  fields: (t) => ({
    drop: t.field({ type: DropType, nullable: true, resolve: (e, _a, ctx) => ctx.loaders.drop.load(e.dropId) }),
    dropId: t.exposeID('dropId'),
    joinedAt: t.field({ type: 'DateTime', resolve: (e) => e.joinedAt }),
  }),
});
const WaitlistConnection = connectionOf('WaitlistEntry', WaitlistEntryType);

const pageArgs = { first: { description: '1..100, default 20.' }, after: {} };

export const Me = builder.objectRef<User>('Me').implement({
  description: 'The caller, with everything that is theirs.',
  fields: (t) => ({
    id: t.exposeID('id'),
    handle: t.exposeString('handle'),
    displayName: t.exposeString('displayName'),
    isCreator: t.exposeBoolean('isCreator'),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.createdAt }),
    orders: t.field({
      type: OrderConnection,
      nullable: true,
      description: 'Newest first.',
      args: { first: t.arg.int(pageArgs.first), after: t.arg.string() },
      complexity: pageCost,
      resolve: async (u, args, ctx) => {
        const page = await ctx.useCases.orders.mine(u, pageRequest(args));
        return toConnection(page, (o) => ({ key: o.createdAt, id: o.id }));
      },
    }),
    notifications: t.field({
      type: NotificationConnection,
      nullable: true,
      description: 'The inbox, newest first (in commit order).',
      args: { first: t.arg.int(pageArgs.first), after: t.arg.string() },
      complexity: pageCost,
      resolve: async (u, args, ctx) => {
        const page = await ctx.useCases.notifications.inboxItems(u, pageRequest(args));
        const c = toConnection(page, (i) => ({ key: i.seq, id: i.notification.id }));
        return { ...c, edges: c.edges.map((e) => ({ node: e.node.notification, cursor: e.cursor })) };
      },
    }),
    waitlist: t.field({
      type: WaitlistConnection,
      nullable: true,
      description: 'Drops you wait for returned units of, newest first.',
      args: { first: t.arg.int(pageArgs.first), after: t.arg.string() },
      complexity: pageCost,
      resolve: async (u, args, ctx) => {
        const page = await ctx.useCases.waitlists.mine(u, pageRequest(args));
        return toConnection(page, (e) => ({ key: e.joinedAt, id: e.dropId }));
      },
    }),
    following: t.field({
      type: FollowingConnection,
      nullable: true,
      description: 'Creators you follow, newest first.',
      args: { first: t.arg.int(pageArgs.first), after: t.arg.string() },
      complexity: pageCost,
      resolve: async (u, args, ctx) => {
        const page = await ctx.useCases.follows.following(u.id, pageRequest(args));
        return toConnection(page, (f) => ({ key: f.followedAt, id: f.creator.id }));
      },
    }),
  }),
});
