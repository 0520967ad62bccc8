import type { HttpClient, Reply } from '../client/http-client.js';
import type { History } from '../history/history.js';
import type { CheckoutInvoke, CheckoutValue, OpF, OrderInvoke } from '../history/types.js';
import { classify } from '../load/order-intent.js';
import { ENDPOINT } from '../load/load-context.js';
import type { RetryPolicy } from '../options.js';
import { Prng } from '../prng.js';
import type { LatencyBook } from '../report/latency.js';

/** One simulated user with a session. */
export interface Actor {
  index: number;
  userId: string;
  token: string;
}

export interface OrderJson {
  id: string;
  dropId: string;
  userId: string;
  quantity: number;
  status: string;
  createdAt: string;
  expiresAt?: string;
  payment?: { id: string; status: string } | null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Answers a client retries with the same key: in flight elsewhere, the gateway or a dependency down. */
const RETRY_CODES = new Set(['idempotency_key_in_use', 'payment_unavailable', 'unavailable', 'rate_limited']);

/**
 * The checkout calls a buyer's app makes, each attempt an operation in the history: holds
 * (orders on the pay drop), payments, cancels, waitlist joins. Unknown outcomes (timeouts,
 * resets, 503s) are retried with the same key, as a careful app does.
 */
export class CheckoutClient {
  constructor(
    private readonly d: { http: HttpClient; history: History; latency: LatencyBook; retry: RetryPolicy; seed: number },
  ) {}

  async hold(
    a: Actor,
    dropId: string,
    quantity: number,
    key: string,
    intent: number,
  ): Promise<{ order?: OrderJson; code?: string }> {
    const rng = Prng.derive(this.d.seed, `hold-retry:${key}`);
    for (let attempt = 0; attempt <= this.d.retry.retries; attempt++) {
      const inv = this.d.history.invoke('order', String(a.index), {
        userId: a.userId,
        key,
        dropId,
        quantity,
        intent,
        attempt,
        tap: 1,
      } satisfies OrderInvoke);
      const reply = await this.d.http.request('POST', '/v1/orders', {
        token: a.token,
        body: { dropId, quantity },
        headers: { 'idempotency-key': key },
        timeoutMs: this.d.retry.timeoutMs,
      });
      const c = classify(reply, dropId);
      const done = this.d.history.complete(inv, c.type, c.value);
      if (c.type !== 'info') this.d.latency.record(ENDPOINT.order, done.latencyMs!);
      if (c.type === 'ok' && reply.kind === 'response') return { order: reply.body as OrderJson };
      if (c.verdict.final) return { code: (c.value as { code?: string }).code ?? 'refused' };
      await sleep(Math.max(rng.backoff(attempt, this.d.retry.baseMs, this.d.retry.capMs), c.verdict.retryAfterMs));
    }
    return { code: 'unknown' };
  }

  /** Pays with `method` under `key`; a 200, a stored refusal (402, 409, 404), or after every retry the last unknown outcome. */
  async pay(a: Actor, o: OrderJson, method: string, key: string): Promise<CheckoutValue> {
    const path = `/v1/orders/${o.id}/payment`;
    const v = await this.call('pay', a, { userId: a.userId, orderId: o.id, dropId: o.dropId, key, method }, (t) =>
      this.d.http.request('POST', path, {
        token: a.token,
        body: { paymentMethodId: method },
        headers: { 'idempotency-key': key },
        timeoutMs: t,
      }),
    );
    return v;
  }

  cancel(a: Actor, o: OrderJson): Promise<CheckoutValue> {
    return this.call('cancel', a, { userId: a.userId, orderId: o.id, dropId: o.dropId }, (t) =>
      this.d.http.request('POST', `/v1/orders/${o.id}/cancel`, { token: a.token, timeoutMs: t }),
    );
  }

  join(a: Actor, dropId: string): Promise<CheckoutValue> {
    return this.call('waitlist', a, { userId: a.userId, dropId }, (t) =>
      this.d.http.request('PUT', `/v1/me/waitlist/${dropId}`, { token: a.token, timeoutMs: t }),
    );
  }

  /** The user's orders on `dropId` (newest first), outside the history: what the app shows them. */
  async orders(a: Actor, dropId: string): Promise<OrderJson[]> {
    const r = await this.d.http.request('GET', '/v1/me/orders?limit=100', { token: a.token, timeoutMs: 10_000 });
    return r.kind === 'response' && r.status === 200
      ? (r.body.data as OrderJson[]).filter((o) => o.dropId === dropId)
      : [];
  }

  private async call(
    f: OpF,
    a: Actor,
    value: CheckoutInvoke,
    send: (timeoutMs: number) => Promise<Reply>,
  ): Promise<CheckoutValue> {
    const rng = Prng.derive(this.d.seed, `${f}-retry:${value.key ?? value.orderId ?? value.dropId}:${a.index}`);
    let last: CheckoutValue = { status: 0, code: 'unknown' };
    for (let attempt = 0; attempt <= this.d.retry.retries; attempt++) {
      const inv = this.d.history.invoke(f, String(a.index), value);
      const reply = await send(Math.max(this.d.retry.timeoutMs, 10_000));
      if (reply.kind === 'error') {
        this.d.history.complete(inv, 'info', { error: reply.error });
      } else {
        const code = typeof reply.body?.code === 'string' ? reply.body.code : undefined;
        last = {
          status: reply.status,
          ...(code ? { code } : {}),
          ...(reply.body?.status && !code ? { orderStatus: reply.body.status } : {}),
        };
        const done = this.d.history.complete(
          inv,
          reply.status < 300 ? 'ok' : reply.status >= 500 && reply.status !== 503 ? 'info' : 'fail',
          last,
        );
        this.d.latency.record(ENDPOINT[f], done.latencyMs!);
        if (f === 'pay' && value.method) this.d.latency.record(`pay ${value.method}`, done.latencyMs!);
        if (!code || !RETRY_CODES.has(code)) return last;
      }
      await sleep(rng.backoff(attempt, this.d.retry.baseMs, this.d.retry.capMs));
    }
    return last;
  }
}
