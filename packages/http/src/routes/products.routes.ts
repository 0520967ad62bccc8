import { NotFoundError, type Product, type UseCases } from '@livedrops/core';
import type { MediaUrls } from '../media-urls.js';
import { readImageBody } from '../middleware/image-body.js';
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

export function productRoutes(uc: UseCases, media: MediaUrls): AnyRoute[] {
  const json = (p: Product) => productJson(p, media);
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
        return { status: 201, body: json(await uc.products.create(user, body)) };
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
        return { status: 200, body: { data: p.items.map(json), nextCursor: encodeNext(p.next) } };
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
      handle: async ({ params }) => ({ status: 200, body: json(await uc.products.get(params.id)) }),
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
        return { status: 200, body: json(await uc.products.update(user, params.id, body)) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v1/products/{id}/image',
      operationId: 'setProductImage',
      tag: 'Products',
      summary: "Upload the product's image (owner only)",
      description:
        'Raw body, at most 5 MiB: JPEG, PNG or WebP, decided by the bytes (the Content-Type header is not trusted). ' +
        'Up to 8000 x 8000 pixels. Decoded and re-encoded without metadata (EXIF, GPS), plus 320/640/1280 px wide ' +
        "WebP variants. Someone else's product is 404; a damaged file 400.",
      auth: true,
      params: IdParams,
      rawBody: ['image/jpeg', 'image/png', 'image/webp'],
      responses: { 200: { description: 'The product with its new image.', schema: ProductJson } },
      errors: ['not_found', 'payload_too_large', 'unsupported_media_type'],
      async handle({ params, user, ctx }) {
        // Ownership first: a stranger's upload is not read at all.
        const product = await uc.products.get(params.id);
        if (product.creatorId !== user.id) throw new NotFoundError('Product');
        const bytes = await readImageBody(ctx);
        return { status: 200, body: json(await uc.productImages.set(user, params.id, bytes)) };
      },
    }),
  ];
}
