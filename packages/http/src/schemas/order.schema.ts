import { QUANTITY_MAX, type Order } from '@livedrops/core';
import { z } from 'zod';
import { Id, intIn, iso, Timestamp } from './common.schema.js';

export const OrderJson = z
  .object({
    id: Id,
    userId: Id,
    dropId: Id,
    quantity: z.int(),
    unitPriceCents: z.int(),
    totalCents: z.int(),
    currency: z.string(),
    status: z.literal('confirmed'),
    createdAt: Timestamp,
  })
  .meta({ id: 'Order' });

export function orderJson(o: Order): z.infer<typeof OrderJson> {
  return {
    id: o.id,
    userId: o.userId,
    dropId: o.dropId,
    quantity: o.quantity,
    unitPriceCents: o.unitPriceCents,
    totalCents: o.totalCents,
    currency: o.currency,
    status: o.status,
    createdAt: iso(o.createdAt),
  };
}

export const PlaceOrderBody = z.object({ dropId: Id, quantity: intIn(1, QUANTITY_MAX) }).strict();
