import { idArg, pageCost, pageRequest } from '../args.js';
import { builder } from '../builder.js';
import { toConnection } from '../connection.js';
import { viewer } from '../context.js';
import {
  Creator,
  DropConnection,
  DropStatusFilter,
  DropType,
  ProductConnection,
  ProductType,
} from './catalog.types.js';
import { dropSortKey } from '@livedrops/core';
import { Me, OrderType } from './account.types.js';

builder.queryFields((t) => ({
  drops: t.field({
    type: DropConnection,
    nullable: true,
    description:
      'UPCOMING by startsAt ascending, LIVE by startsAt descending, ENDED by endsAt descending, ties by id; ' +
      'without `status` every drop, newest created first.',
    args: {
      status: t.arg({ type: DropStatusFilter }),
      creatorId: t.arg.id(),
      first: t.arg.int({ description: '1..100, default 20.' }),
      after: t.arg.string(),
    },
    complexity: pageCost,
    resolve: async (_root, args, ctx) => {
      const status = args.status ?? undefined;
      const creatorId = args.creatorId == null ? undefined : idArg(String(args.creatorId), 'creatorId');
      const page = await ctx.useCases.drops.list({ status, creatorId }, pageRequest(args));
      return toConnection(page, (d) => ({ key: dropSortKey(d, status), id: d.id }));
    },
  }),
  drop: t.field({
    type: DropType,
    nullable: true,
    description: 'One drop, with live stock; null with a `not_found` error when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.useCases.drops.get(idArg(String(args.id))),
  }),
  products: t.field({
    type: ProductConnection,
    nullable: true,
    description: "Newest first, optionally one creator's.",
    args: { creatorId: t.arg.id(), first: t.arg.int({ description: '1..100, default 20.' }), after: t.arg.string() },
    complexity: pageCost,
    resolve: async (_root, args, ctx) => {
      const creatorId = args.creatorId == null ? undefined : idArg(String(args.creatorId), 'creatorId');
      const page = await ctx.useCases.products.list({ creatorId }, pageRequest(args));
      return toConnection(page, (p) => ({ key: p.createdAt, id: p.id }));
    },
  }),
  product: t.field({
    type: ProductType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.useCases.products.get(idArg(String(args.id))),
  }),
  creator: t.field({
    type: Creator,
    nullable: true,
    description: "A creator's profile; users who are not creators are `not_found`.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.useCases.follows.creator(idArg(String(args.id))),
  }),
  order: t.field({
    type: OrderType,
    nullable: true,
    description: "One of your orders. Someone else's is null with a `not_found` error, exactly like a missing one.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.useCases.orders.get(viewer(ctx), idArg(String(args.id))),
  }),
  me: t.field({
    type: Me,
    nullable: true,
    description: 'The caller (needs a token).',
    resolve: (_root, _args, ctx) => viewer(ctx),
  }),
}));
