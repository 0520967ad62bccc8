import { PAYMENT_METHOD, QUANTITY_MAX, type Order } from '@livedrops/core';
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
    status: z.enum(['held', 'confirmed', 'cancelled', 'expired']).meta({
      description:
        'Instant drops: `confirmed`. Pay drops: `held` until paid (`confirmed`), let go (`cancelled`) or past `expiresAt` (`expired`).',
    }),
    createdAt: Timestamp,
    expiresAt: Timestamp.optional().meta({
      description: "Orders of pay drops: the hold's deadline (kept after it passes). Absent on instant orders.",
    }),
    payment: z
      .object({
        id: Id,
        status: z.enum(['authorized', 'captured', 'failed']).meta({
          description:
            '`captured` once the gateway took the money; `authorized` while its capture is still being retried.',
        }),
        amountCents: z.int(),
        currency: z.string(),
      })
      .nullable()
      .optional()
      .meta({
        description:
          'Orders of pay drops: the payment that confirmed the hold, null until paid. Absent on instant orders.',
      }),
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
    // Checkout's members only on holds: an instant order's document is exactly what it was in 1.0.
    ...(o.expiresAt != null ? { expiresAt: iso(o.expiresAt), payment: o.payment ?? null } : {}),
  };
}

export const PlaceOrderBody = z
  .object({
    dropId: Id,
    quantity: intIn(1, QUANTITY_MAX),
    pass: z.string().min(1).max(80).optional().meta({
      description:
        'Waiting-room drops (`access: "queue"`): your admission pass; without a valid one → 403 pass_required.',
    }),
  })
  .strict();

export const PayOrderBody = z
  .object({
    paymentMethodId: z
      .string()
      .regex(PAYMENT_METHOD, { error: 'must be a payment method id (pm_…)' })
      .meta({
        description:
          'The sandbox gateway knows pm_card_visa, pm_card_mastercard, pm_card_chargeDeclined, pm_card_insufficientFunds, pm_card_slow and pm_card_flaky.',
        examples: ['pm_card_visa'],
      }),
  })
  .strict();
