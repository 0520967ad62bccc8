import type { Order } from '@livedrops/core';
import { idArg } from '../args.js';
import { builder } from '../builder.js';
import { viewer } from '../context.js';
import { rejectionError } from '../errors.js';
import { idempotencyKeyArg } from './mutation.types.js';
import { OrderType } from './account.types.js';

const PayOrderPayload = builder.objectRef<{ order: Order; replayed: boolean }>('PayOrderPayload').implement({
  fields: (t) => ({
    order: t.field({ type: OrderType, resolve: (p) => p.order }),
    replayed: t.exposeBoolean('replayed', {
      description: 'True when this is the stored answer to an earlier request with the same key.',
    }),
  }),
});

const CancelOrderPayload = builder.objectRef<{ order: Order }>('CancelOrderPayload').implement({
  fields: (t) => ({ order: t.field({ type: OrderType, resolve: (p) => p.order }) }),
});

builder.mutationFields((t) => ({
  payOrder: t.field({
    type: PayOrderPayload,
    nullable: true,
    description: [
      'Pay for a held order (the same rules and keys as `POST /v1/orders/{id}/payment`): `payment_declined` (the order stays held),',
      '`hold_expired`, `order_not_payable`, `payment_unavailable`; a repeat of the key answers the first outcome with `replayed: true`.',
    ].join(' '),
    args: {
      orderId: t.arg.id({ required: true }),
      paymentMethodId: t.arg.string({
        required: true,
        description: 'pm_card_visa, pm_card_chargeDeclined, … (the sandbox test methods).',
      }),
      idempotencyKey: t.arg.string({ required: true, description: '1-255 printable ASCII characters.' }),
    },
    resolve: async (_root, args, ctx) => {
      const key = idempotencyKeyArg(args.idempotencyKey);
      const orderId = idArg(String(args.orderId), 'orderId');
      const { outcome, replayed } = await ctx.useCases.payOrder.execute(viewer(ctx), key, orderId, {
        paymentMethodId: args.paymentMethodId,
      });
      if (!outcome.ok) throw rejectionError(outcome.error, replayed);
      return { order: outcome.order, replayed };
    },
  }),
  cancelOrder: t.field({
    type: CancelOrderPayload,
    nullable: true,
    description:
      'Let a held order go before its deadline; its units return at once. Not held: `order_not_held`; past the deadline: `hold_expired`.',
    args: { orderId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ({
      order: await ctx.useCases.cancelHold.execute(viewer(ctx), idArg(String(args.orderId), 'orderId')),
    }),
  }),
}));
