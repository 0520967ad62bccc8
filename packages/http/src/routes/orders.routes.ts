import type { PlaceOrderResult, UseCases } from '@livedrops/core';
import { z } from 'zod';
import { encodeNext } from '../cursor.js';
import { isErrorCode } from '../errors/error-map.js';
import type { Metrics } from '../metrics.js';
import type { OrderAttempts } from '../order-attempts.js';
import { problemReply } from '../errors/problem.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams, page, pageQuery } from '../schemas/common.schema.js';
import { OrderJson, orderJson, PlaceOrderBody } from '../schemas/order.schema.js';

const REPLAYED = { 'Idempotent-Replayed': 'true' };
const REPLAYED_DOC = { 'Idempotent-Replayed': 'Present (`true`) on replays.' };

export function orderRoutes(uc: UseCases, metrics: Metrics, attempts: OrderAttempts): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/orders',
      operationId: 'placeOrder',
      tag: 'Orders',
      summary: 'Buy from a live drop, exactly once per Idempotency-Key',
      description:
        'Keys are scoped to the user. A repeat with the same key and body answers the first response (201 or a 409 business error) with `Idempotent-Replayed: true` and creates nothing; the same key with another body → 422; while the first is still in flight → 409 idempotency_key_in_use. 400s are not stored. `"abc"` (structured-field string) and `abc` are the same key.',
      auth: true,
      idempotencyKey: true,
      body: PlaceOrderBody,
      responses: {
        201: {
          description: 'Confirmed; on a pay drop, held until `expiresAt` (or the replay of either).',
          schema: OrderJson,
          headers: REPLAYED_DOC,
        },
      },
      errors: [
        'idempotency_key_required',
        'not_found',
        'drop_not_live',
        'sold_out',
        'insufficient_stock',
        'purchase_limit_exceeded',
        'not_eligible',
        'pass_required',
        'idempotency_key_in_use',
        'idempotency_key_reused',
        'rate_limited',
      ],
      async handle({ body, user, idempotencyKey, ctx }) {
        attempts.take(user.id, body.dropId);
        let result: PlaceOrderResult;
        try {
          result = await uc.placeOrder.execute(user, idempotencyKey!, body);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (code === 'idempotency_key_in_use' || code === 'idempotency_key_reused')
            metrics.orders.inc({ outcome: code });
          throw err;
        }
        const { outcome, replayed } = result;
        metrics.orders.inc({ outcome: replayed ? 'replayed' : outcome.ok ? outcome.order.status : outcome.error.code });
        const headers = replayed ? REPLAYED : {};
        if (outcome.ok) return { status: 201, body: orderJson(outcome.order), headers };
        const { code, message, extensions } = outcome.error;
        // A stored rejection is rendered by the same map as a live one, so a replay is identical.
        if (!isErrorCode(code)) throw new Error(`stored order outcome has unknown code ${String(code)}`);
        return problemReply(code, message, extensions, ctx.path, headers);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/orders/{id}',
      operationId: 'getOrder',
      tag: 'Orders',
      summary: 'One of your orders',
      description: "Someone else's order is 404, exactly like a missing one.",
      auth: true,
      params: IdParams,
      responses: { 200: { description: 'The order.', schema: OrderJson } },
      errors: ['not_found'],
      handle: async ({ params, user }) => ({ status: 200, body: orderJson(await uc.orders.get(user, params.id)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me/orders',
      operationId: 'listMyOrders',
      tag: 'Orders',
      summary: 'Your orders, newest first',
      auth: true,
      query: z.object(pageQuery).strict(),
      responses: { 200: { description: 'A page of orders.', schema: page(OrderJson) } },
      errors: [],
      async handle({ query, user }) {
        const p = await uc.orders.mine(user, query);
        return { status: 200, body: { data: p.items.map(orderJson), nextCursor: encodeNext(p.next) } };
      },
    }),
  ];
}
