import type { UseCases } from '@livedrops/core';
import { encodeNext } from '../cursor.js';
import type { MediaUrls } from '../media-urls.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { dropJson } from '../schemas/drop.schema.js';
import { productJson } from '../schemas/product.schema.js';
import { SearchPage, SearchQueryParams } from '../schemas/search.schema.js';

export function searchRoutes(uc: UseCases, media: MediaUrls): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/search',
      operationId: 'search',
      tag: 'Search',
      summary: 'Full-text search of products, or of drops by their product',
      description:
        'Every word must match (the last as a prefix), accents and case folded. Ordered by relevance ' +
        '(all words in the title first), then newest, then id; keyset cursors stay valid while products are added.',
      auth: false,
      query: SearchQueryParams,
      responses: { 200: { description: 'A page of matches.', schema: SearchPage } },
      errors: [],
      async handle({ query }) {
        const page = { limit: query.limit, after: query.after };
        if (query.type === 'products') {
          const p = await uc.search.products(query.q, page);
          return {
            status: 200,
            body: { data: p.items.map((x) => productJson(x, media)), nextCursor: encodeNext(p.next) },
          };
        }
        const p = await uc.search.drops(query.q, page);
        const [now, creators] = [uc.drops.now(), await uc.drops.creatorsOf(p.items)];
        return {
          status: 200,
          body: { data: p.items.map((d) => dropJson(d, now, creators, media)), nextCursor: encodeNext(p.next) },
        };
      },
    }),
  ];
}
