import { SEARCH_QUERY_MAX } from '@livedrops/core';
import { z } from 'zod';
import { pageQuery } from './common.schema.js';
import { DropJson } from './drop.schema.js';
import { ProductJson } from './product.schema.js';

export const SearchQueryParams = z
  .object({
    q: z
      .string()
      .max(SEARCH_QUERY_MAX, { error: `must be 1-${SEARCH_QUERY_MAX} characters` })
      .refine((s) => s.trim().length > 0, { error: `must be 1-${SEARCH_QUERY_MAX} characters` })
      .meta({
        description:
          'Words of the title or description; the last one also matches as a prefix. Accents and case do not count.',
      }),
    type: z.enum(['products', 'drops']).default('products').meta({ description: 'What to find (default products).' }),
    ...pageQuery,
  })
  .strict();

export const SearchPage = z
  .object({
    data: z.array(z.union([ProductJson, DropJson])).meta({ description: '`Product`s, or `Drop`s with `type=drops`.' }),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `after` for the next page; null on the last page.' }),
  })
  .meta({ id: 'SearchPage' });
