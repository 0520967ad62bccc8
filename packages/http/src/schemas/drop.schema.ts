import {
  available,
  CHECKOUTS,
  checkoutOf,
  DROP_LIST_STATUSES,
  dropStatus,
  heldUnits,
  HOLD_SECONDS,
  STOCK_MAX,
  type Drop,
  type UserSummary,
} from '@livedrops/core';
import { z } from 'zod';
import { Id, intIn, iso, pageQuery, TimeInput, Timestamp } from './common.schema.js';
import { summary, UserSummaryJson } from './creator.schema.js';
import { ImageJson } from './product.schema.js';
import type { MediaUrls } from '../media-urls.js';
import { AccessInputFields, AccessJsonFields, accessJson } from './access.schema.js';

export const DropJson = z
  .object({
    id: Id,
    creatorId: Id,
    creator: UserSummaryJson.meta({ description: 'Who runs the drop (the same id as `creatorId`).' }),
    product: z.object({
      id: Id,
      title: z.string(),
      priceCents: z.int(),
      currency: z.string(),
      imageUrl: z
        .string()
        .nullable()
        .meta({ description: "The product's image (`image.url`), null when it has none." }),
      image: ImageJson.nullable().meta({ description: "The product's image with its smaller renditions, for lists." }),
    }),
    startsAt: Timestamp,
    endsAt: Timestamp,
    status: z.enum(['upcoming', 'live', 'sold_out', 'ended', 'cancelled']),
    stock: z.object({
      total: z.int(),
      available: z.int(),
      held: z
        .int()
        .optional()
        .meta({ description: 'Pay drops only: units in holds not yet paid (they are not available).' }),
    }),
    perUserLimit: z.int().nullable().meta({ description: 'null: no per-user limit.' }),
    lowStockThreshold: z.int(),
    checkout: z.enum(['instant', 'pay']).optional().meta({
      description:
        '`pay`: an order is a hold until paid. Absent on instant drops (orders confirmed at once), whose document is exactly as in 1.0.',
    }),
    holdSeconds: z.int().optional().meta({ description: 'Pay drops: how long a hold lasts.' }),
    ...AccessJsonFields,
    createdAt: Timestamp,
  })
  .meta({
    id: 'Drop',
    description:
      '`product.priceCents` is the price fixed when the drop was created. `status` is derived from the clock and stock.',
  });

/** `creators`: the drop's creator by id (Drops.creatorsOf); every drop has one. */
export function dropJson(
  d: Drop,
  now: number,
  creators: ReadonlyMap<string, UserSummary>,
  media: MediaUrls,
): z.infer<typeof DropJson> {
  const creator = creators.get(d.creatorId) ?? { id: d.creatorId, handle: '', displayName: '' };
  // Checkout's members only where they apply: an instant drop's document is exactly what it was in 1.0.
  const pay = checkoutOf(d) === 'pay';
  return {
    id: d.id,
    creatorId: d.creatorId,
    creator: summary(creator),
    product: {
      id: d.productId,
      title: d.productTitle,
      priceCents: d.priceCents,
      currency: d.currency,
      imageUrl: d.productImage ? media.url(d.productImage.key) : null,
      image: media.image(d.productImage),
    },
    startsAt: iso(d.startsAt),
    endsAt: iso(d.endsAt),
    status: dropStatus(d, now),
    stock: pay
      ? { total: d.total, available: available(d), held: heldUnits(d) }
      : { total: d.total, available: available(d) },
    perUserLimit: d.perUserLimit,
    lowStockThreshold: d.lowStockThreshold,
    ...(pay ? { checkout: 'pay' as const, holdSeconds: d.holdSeconds ?? 0 } : {}),
    ...accessJson(d),
    createdAt: iso(d.createdAt),
  };
}

export const CreateDropBody = z
  .object({
    productId: Id,
    startsAt: TimeInput,
    endsAt: TimeInput.meta({ description: 'After startsAt and in the future.' }),
    stock: intIn(1, STOCK_MAX),
    perUserLimit: intIn(1, STOCK_MAX).nullable().optional().meta({ description: 'Absent or null: no limit.' }),
    lowStockThreshold: intIn(0, STOCK_MAX).optional().meta({ description: '0..stock; default ceil(stock / 10).' }),
    checkout: z
      .enum(['instant', 'pay'], { error: `must be one of ${CHECKOUTS.join(', ')}` })
      .optional()
      .meta({
        description: '`instant` (default): an order is confirmed at once; `pay`: an order is a timed hold until paid.',
      }),
    holdSeconds: intIn(HOLD_SECONDS.min, HOLD_SECONDS.max)
      .optional()
      .meta({
        description: `Pay drops only: ${HOLD_SECONDS.min}..${HOLD_SECONDS.max}, default ${HOLD_SECONDS.default}.`,
      }),
    ...AccessInputFields,
  })
  .strict();

export const ListDropsQuery = z
  .object({
    status: z
      .enum(DROP_LIST_STATUSES as [string, ...string[]], { error: `must be one of ${DROP_LIST_STATUSES.join(', ')}` })
      .optional()
      .meta({
        description:
          'upcoming: by startsAt ascending; live (includes sold out while the window is open): by startsAt descending; ended (includes cancelled): by endsAt descending; sold_out and cancelled: exactly the drops with that status, ordered as live and ended; ties by id. Without status: every drop, newest created first.',
      }),
    creatorId: Id.optional(),
    ...pageQuery,
  })
  .strict();
