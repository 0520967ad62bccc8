import { QUANTITY_MAX, ValidationError } from '@livedrops/core';
import { parseIdempotencyKey } from '../../idempotency-key.js';
import { idArg } from '../args.js';
import { builder } from '../builder.js';
import { viewer } from '../context.js';
import { rejectionError } from '../errors.js';
import { OrderType } from './account.types.js';
import { Creator } from './catalog.types.js';

const FollowPayload = builder
  .objectRef<{ creatorId: string; followedAt: number; created: boolean }>('FollowPayload')
  .implement({
    fields: (t) => ({
      creator: t.field({
        type: Creator,
        nullable: true,
        resolve: (p, _a, ctx) => ctx.loaders.creator.load(p.creatorId),
      }),
      followedAt: t.field({ type: 'DateTime', resolve: (p) => p.followedAt, description: 'When you first followed.' }),
      created: t.exposeBoolean('created', { description: 'False when you were following already.' }),
    }),
  });

const UnfollowPayload = builder.objectRef<{ creatorId: string }>('UnfollowPayload').implement({
  fields: (t) => ({ creatorId: t.exposeID('creatorId') }),
});

const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  fields: (t) => ({
    dropId: t.id({ required: true }),
    quantity: t.int({ required: true, description: `1..${QUANTITY_MAX}` }),
  }),
});

const PlaceOrderPayload = builder
  .objectRef<{ order: import('@livedrops/core').Order; replayed: boolean }>('PlaceOrderPayload')
  .implement({
    fields: (t) => ({
      order: t.field({ type: OrderType, resolve: (p) => p.order }),
      replayed: t.exposeBoolean('replayed', {
        description: 'True when this is the stored answer to an earlier request with the same key.',
      }),
    }),
  });

builder.mutationFields((t) => ({
  follow: t.field({
    type: FollowPayload,
    nullable: true,
    description: 'Idempotent. A non-creator is `not_found`; yourself is `validation_failed`.',
    args: { creatorId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.useCases.follows.follow(viewer(ctx).id, idArg(String(args.creatorId), 'creatorId')),
  }),
  unfollow: t.field({
    type: UnfollowPayload,
    nullable: true,
    description: 'Idempotent: also when not following.',
    args: { creatorId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const creatorId = idArg(String(args.creatorId), 'creatorId');
      await ctx.useCases.follows.unfollow(viewer(ctx).id, creatorId);
      return { creatorId };
    },
  }),
  placeOrder: t.field({
    type: PlaceOrderPayload,
    nullable: true,
    description: [
      'Buy from a live drop, exactly once per idempotency key (the same rules and the same keys as `POST /v1/orders`):',
      'a repeat with the same key and input answers the first outcome (the order, or the same business error) with',
      '`replayed: true`; the same key with other input is `idempotency_key_reused`; while the first is in flight, `idempotency_key_in_use`.',
    ].join(' '),
    args: {
      input: t.arg({ type: PlaceOrderInput, required: true }),
      idempotencyKey: t.arg.string({ required: true, description: '1-255 printable ASCII characters.' }),
    },
    resolve: async (_root, args, ctx) => {
      const user = viewer(ctx);
      const key = idempotencyKeyArg(args.idempotencyKey);
      const dropId = idArg(String(args.input.dropId), 'input.dropId');
      if (!Number.isInteger(args.input.quantity) || args.input.quantity < 1 || args.input.quantity > QUANTITY_MAX) {
        throw ValidationError.field('input.quantity', `must be an integer 1..${QUANTITY_MAX}`);
      }
      const { outcome, replayed } = await ctx.useCases.placeOrder.execute(user, key, {
        dropId,
        quantity: args.input.quantity,
      });
      if (!outcome.ok) throw rejectionError(outcome.error, replayed);
      return { order: outcome.order, replayed };
    },
  }),
}));

/** The key as REST parses its header, with the argument's name in the error. */
export function idempotencyKeyArg(raw: string): string {
  try {
    return parseIdempotencyKey(raw);
  } catch (err) {
    if (err instanceof ValidationError)
      throw ValidationError.field('idempotencyKey', err.errors[0]?.message ?? 'is not valid');
    throw err;
  }
}
