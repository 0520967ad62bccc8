import type { UseCases } from '@livedrops/core';
import { isErrorCode } from '../errors/error-map.js';
import { problemReply } from '../errors/problem.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { IdParams } from '../schemas/common.schema.js';
import { OrderJson, orderJson, PayOrderBody } from '../schemas/order.schema.js';

const REPLAYED = { 'Idempotent-Replayed': 'true' };

/** Paying for and cancelling holds (api.md 1.1, Checkout). */
export function checkoutRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/orders/{id}/payment',
      operationId: 'payOrder',
      tag: 'Orders',
      summary: 'Pay for a held order, exactly once per Idempotency-Key',
      description:
        'Authorizes the amount with the gateway, confirms the hold only if it is still held and unexpired, then captures. ' +
        '402 payment_declined: the order stays held and another method may be tried (with another key). 409 hold_expired: ' +
        'past `expiresAt` (any authorization is voided). 409 order_not_payable: confirmed, cancelled, or an instant order. ' +
        '409 drop_not_live: the drop was cancelled (its holds expire as usual). ' +
        "503 payment_unavailable: the gateway did not answer after the server's own retries with the same gateway key; the order " +
        'stays held and a retry with the same Idempotency-Key resumes the same payment. Replays answer the first 200, 402 or 409 ' +
        "with `Idempotent-Replayed: true`; 503s are not stored. Someone else's order → 404.",
      auth: true,
      idempotencyKey: true,
      params: IdParams,
      body: PayOrderBody,
      responses: {
        200: {
          description: 'Confirmed, with its payment.',
          schema: OrderJson,
          headers: { 'Idempotent-Replayed': 'Present (`true`) on replays.' },
        },
      },
      errors: [
        'idempotency_key_required',
        'not_found',
        'payment_declined',
        'hold_expired',
        'order_not_payable',
        'drop_not_live',
        'idempotency_key_in_use',
        'idempotency_key_reused',
        'payment_unavailable',
      ],
      async handle({ params, body, user, idempotencyKey, ctx }) {
        const { outcome, replayed } = await uc.payOrder.execute(user, idempotencyKey!, params.id, body);
        const headers = replayed ? REPLAYED : {};
        if (outcome.ok) return { status: 200, body: orderJson(outcome.order), headers };
        const { code, message, extensions } = outcome.error;
        if (!isErrorCode(code)) throw new Error(`stored payment outcome has unknown code ${String(code)}`);
        return problemReply(code, message, extensions, ctx.path, headers);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/orders/{id}/cancel',
      operationId: 'cancelOrder',
      tag: 'Orders',
      summary: 'Let a held order go; its units return at once',
      description:
        'Only from `held`: otherwise 409 order_not_held, and after `expiresAt` 409 hold_expired. The units go to the ' +
        "drop's waitlist first, else back to `available`. Someone else's order → 404.",
      auth: true,
      params: IdParams,
      responses: { 200: { description: 'The cancelled order.', schema: OrderJson } },
      errors: ['not_found', 'order_not_held', 'hold_expired'],
      handle: async ({ params, user }) => ({
        status: 200,
        body: orderJson(await uc.cancelHold.execute(user, params.id)),
      }),
    }),
  ];
}
