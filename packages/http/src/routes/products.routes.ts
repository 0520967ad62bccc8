import type { UseCases } from '@livedrops/core';
import { encodeNext } from '../cursor.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams, page } from '../schemas/common.schema.js';
import {
  CreateProductBody,
  ListProductsQuery,
  PatchProductBody,
  ProductJson,
  productJson,
} from '../schemas/product.schema.js';

export function productRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/products',
      operationId: 'createProduct',
      tag: 'Products',
      summary: 'Create a product (creators only)',
      auth: true,
      body: CreateProductBody,
      responses: { 201: { description: 'Created.', schema: ProductJson } },
      errors: ['forbidden'],
      async handle({ body, user }) {
        return { status: 201, body: productJson(await uc.products.create(user, body)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/products',
      operationId: 'listProducts',
      tag: 'Products',
      summary: 'Products, newest first',
      auth: false,
      query: ListProductsQuery,
      responses: { 200: { description: 'A page of products.', schema: page(ProductJson) } },
      errors: [],
      async handle({ query }) {
        const p = await uc.products.list({ creatorId: query.creatorId }, { limit: query.limit, after: query.after });
        return { status: 200, body: { data: p.items.map(productJson), nextCursor: encodeNext(p.next) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/products/{id}',
      operationId: 'getProduct',
      tag: 'Products',
      summary: 'One product',
      auth: false,
      params: IdParams,
      responses: { 200: { description: 'The product.', schema: ProductJson } },
      errors: ['not_found'],
      handle: async ({ params }) => ({ status: 200, body: productJson(await uc.products.get(params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/products/{id}',
      operationId: 'updateProduct',
      tag: 'Products',
      summary: 'Update title, description or price (owner only)',
      description: "Someone else's product is 404. Drops keep the price they were created with.",
      auth: true,
      params: IdParams,
      body: PatchProductBody,
      responses: { 200: { description: 'The updated product.', schema: ProductJson } },
      errors: ['not_found'],
      async handle({ params, body, user }) {
        return { status: 200, body: productJson(await uc.products.update(user, params.id, body)) };
      },
    }),
  ];
}
