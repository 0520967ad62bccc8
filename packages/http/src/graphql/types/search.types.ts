import type { Drop, Product } from '@livedrops/core';
import { pageCost, pageRequest } from '../args.js';
import { builder } from '../builder.js';
import { connectionOf, keyedConnection } from '../connection.js';
import { DropType, ProductType } from './catalog.types.js';

const SearchType = builder.enumType('SearchType', {
  values: { PRODUCTS: { value: 'products' }, DROPS: { value: 'drops' } } as const,
});

/** A product, or a drop found by its product's words (`type: DROPS`). */
const SearchResult = builder.unionType('SearchResult', {
  types: [ProductType, DropType],
  resolveType: (item: Product | Drop) => ('startsAt' in item ? DropType : ProductType),
});

// The cast: connectionOf takes object types; a union is a node type the same way.
const SearchConnection = connectionOf<Product | Drop>('SearchResult', SearchResult as never);

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    nullable: true,
    description:
      'GET /v1/search: every word must match (the last as a prefix), accents and case folded; title matches ' +
      'first, then newest, then id. Each edge has its own cursor; cursors stay valid while products are added.',
    args: {
      q: t.arg.string({ required: true, description: '1..200 characters.' }),
      type: t.arg({ type: SearchType, defaultValue: 'products' }),
      first: t.arg.int({ description: '1..100, default 20.' }),
      after: t.arg.string(),
    },
    complexity: pageCost,
    resolve: async (_root, args, ctx) => {
      const page = pageRequest(args);
      if (args.type === 'drops') return keyedConnection<Product | Drop>(await ctx.useCases.search.drops(args.q, page));
      return keyedConnection<Product | Drop>(await ctx.useCases.search.products(args.q, page));
    },
  }),
}));
