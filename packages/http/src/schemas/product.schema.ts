import { CURRENCY_PATTERN, DESCRIPTION_MAX, PRICE_MAX_CENTS, TITLE_MAX, type Product } from '@livedrops/core';
import { z } from 'zod';
import type { MediaUrls } from '../media-urls.js';
import { Id, intIn, iso, pageQuery, Timestamp } from './common.schema.js';

export const ImageJson = z
  .object({
    url: z.string().meta({ description: 'The image at its own size, re-encoded without metadata.' }),
    width: z.int(),
    height: z.int(),
    variants: z
      .record(z.string(), z.string())
      .meta({ description: 'WebP renditions by width ("320", "640", "1280"); never wider than the original.' }),
  })
  .meta({
    id: 'ProductImage',
    description: 'URLs are immutable (content-addressed): a new upload gives new URLs, old ones keep serving.',
  });

export const ProductJson = z
  .object({
    id: Id,
    creatorId: Id,
    title: z.string(),
    description: z.string().nullable(),
    priceCents: z.int(),
    currency: z.string(),
    createdAt: Timestamp,
    image: ImageJson.nullable().meta({
      description: 'null until the owner uploads one (PUT /v1/products/{id}/image).',
    }),
  })
  .meta({ id: 'Product' });

export function productJson(p: Product, media: MediaUrls): z.infer<typeof ProductJson> {
  return {
    id: p.id,
    creatorId: p.creatorId,
    title: p.title,
    description: p.description,
    priceCents: p.priceCents,
    currency: p.currency,
    createdAt: iso(p.createdAt),
    image: media.image(p.image),
  };
}

const Title = z
  .string()
  .min(1, { error: `must be 1-${TITLE_MAX} characters` })
  .max(TITLE_MAX, { error: `must be 1-${TITLE_MAX} characters` })
  .refine((s) => s.trim().length > 0, { error: `must be 1-${TITLE_MAX} characters` });
const Description = z
  .string()
  .max(DESCRIPTION_MAX, { error: `must be at most ${DESCRIPTION_MAX} characters` })
  .nullable();
const PriceCents = intIn(1, PRICE_MAX_CENTS);

export const CreateProductBody = z
  .object({
    title: Title,
    description: Description.optional(),
    priceCents: PriceCents,
    currency: z
      .string()
      .regex(CURRENCY_PATTERN, { error: 'must be an upper-case ISO 4217 code' })
      .optional()
      .meta({ description: 'ISO 4217, upper case; default USD.' }),
  })
  .strict();

export const PatchProductBody = z
  .object({ title: Title.optional(), description: Description.optional(), priceCents: PriceCents.optional() })
  .strict()
  .meta({
    description: 'Only these fields can change; `description: null` clears it. Existing drops keep their price.',
  });

export const ListProductsQuery = z
  .object({ creatorId: Id.optional().meta({ description: "Only this creator's products." }), ...pageQuery })
  .strict();
