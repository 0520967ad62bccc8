import type { Notification } from '@livedrops/core';
import { z } from 'zod';
import { Id, iso, Timestamp } from './common.schema.js';

export const NotificationJson = z
  .object({
    id: Id.meta({ description: 'The event id; also the SSE `id:`, so it is what `Last-Event-ID` resumes after.' }),
    type: z.enum([
      'drop.started',
      'stock.low',
      'drop.sold_out',
      'order.confirmed',
      'order.held',
      'order.expired',
      'order.cancelled',
      'order.offered',
      'draw.won',
      'draw.lost',
      'queue.position',
      'queue.admitted',
      'queue.closed',
    ]),
    createdAt: Timestamp,
    data: z.object({ dropId: Id }).catchall(z.unknown()).meta({
      description:
        "`drop.started`, `stock.low`, `drop.sold_out`: `creatorId`, `productTitle`, `available`. `order.confirmed`: `orderId`, `quantity`, `productTitle` (and `paymentId` on pay drops). `order.held`, `order.offered`, `order.expired`, `order.cancelled`: `orderId`, `quantity`, `productTitle`, `expiresAt`. `draw.won`: `productTitle`, and on pay drops the winner's hold (`orderId`, `expiresAt`). `draw.lost`: `productTitle`.",
    }),
  })
  .meta({ id: 'Notification' });

export type NotificationBody = z.infer<typeof NotificationJson>;

export function notificationJson(n: Notification): NotificationBody {
  return { id: n.id, type: n.type, createdAt: iso(n.createdAt), data: n.data as NotificationBody['data'] };
}

export const TicketJson = z
  .object({
    ticket: z.string().meta({ description: 'Opaque, single use: pass as `?ticket=` to the stream.' }),
    expiresAt: Timestamp,
  })
  .meta({ id: 'StreamTicket' });

// A ticket is one of our random tokens; anything else is refused before any lookup.
export const StreamQuery = z
  .object({
    ticket: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: 'is not a stream ticket' })
      .optional()
      .meta({ description: 'A ticket from POST /v1/me/notifications/ticket, instead of the Authorization header.' }),
  })
  .strict();
