import type { DropStatsView } from '@livedrops/core';
import { z } from 'zod';
import { Id, iso, Timestamp } from './common.schema.js';

const Delivery = z.object({
  type: z.enum(['drop.started', 'stock.low', 'drop.sold_out']),
  triggeredAt: Timestamp.meta({
    description: "When the event was due: the drop's start for `drop.started`, else its commit.",
  }),
  deliveredAt: Timestamp.nullable().meta({
    description: 'When it was fanned out and handed to the streams; null while pending.',
  }),
  lagMs: z.int().nullable().meta({ description: 'deliveredAt − triggeredAt; null while pending.' }),
});

export const DropStatsJson = z
  .object({
    dropId: Id,
    status: z.enum(['upcoming', 'live', 'sold_out', 'ended', 'cancelled']),
    at: Timestamp.meta({ description: 'When these figures were read.' }),
    units: z.object({ total: z.int(), sold: z.int(), held: z.int(), left: z.int() }).meta({
      description: '`held`: units in unpaid checkout holds (0 on instant drops). `left` is `stock.available`.',
    }),
    orders: z.object({
      count: z.int().meta({ description: 'Confirmed orders.' }),
      buyers: z.int().meta({ description: 'Distinct users with a confirmed order.' }),
      perSecond: z
        .number()
        .meta({ description: 'Orders per second over the last 10 s (or since the start, when sooner).' }),
      averagePerSecond: z
        .number()
        .meta({ description: 'Orders per second from the start until sold out, ended or now.' }),
    }),
    soldOutAt: Timestamp.nullable().meta({ description: 'The order that took the last unit; null until then.' }),
    timeToSellOutMs: z.int().nullable().meta({ description: 'soldOutAt − startsAt; null until sold out.' }),
    notifications: z.object({
      deliveries: z.array(Delivery).meta({ description: "The drop's follower events, in commit order." }),
      maxLagMs: z
        .int()
        .nullable()
        .meta({ description: 'The largest lag; an event still pending counts with its age. Null before any event.' }),
    }),
    conversion: z
      .object({
        notifiedFollowers: z.int().meta({ description: 'Followers who followed by `drop.started` and follow still.' }),
        buyers: z.int().meta({ description: 'Of those, the ones with a confirmed order in this drop.' }),
        rate: z
          .number()
          .nullable()
          .meta({ description: 'buyers / notifiedFollowers (4 decimals); null with no follower.' }),
      })
      .nullable()
      .meta({ description: 'Null until `drop.started` has been written.' }),
  })
  .meta({ id: 'DropStats', description: "A drop's live figures, for its creator." });

export function dropStatsJson(s: DropStatsView): z.infer<typeof DropStatsJson> {
  return {
    dropId: s.drop.id,
    status: s.status,
    at: iso(s.at),
    units: s.units,
    orders: s.orders,
    soldOutAt: s.soldOutAt === null ? null : iso(s.soldOutAt),
    timeToSellOutMs: s.timeToSellOutMs,
    notifications: {
      deliveries: s.deliveries.map((d) => ({
        type: d.type as 'drop.started' | 'stock.low' | 'drop.sold_out',
        triggeredAt: iso(d.triggeredAt),
        deliveredAt: d.publishedAt === null ? null : iso(d.publishedAt),
        lagMs: d.lagMs,
      })),
      maxLagMs: s.maxLagMs,
    },
    conversion: s.conversion && {
      notifiedFollowers: s.conversion.notified,
      buyers: s.conversion.buyers,
      rate: s.conversion.rate,
    },
  };
}
