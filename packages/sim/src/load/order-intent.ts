import type { Reply } from '../client/http-client.js';
import type { FailValue, InfoValue, Op, OrderInvoke, OrderOk } from '../history/types.js';
import { Prng } from '../prng.js';
import type { Intent } from './schedule.js';
import { INTENT_SERIES } from '../report/targets.js';
import { ENDPOINT, sleep, until, type LoadContext } from './load-context.js';

/** Answers that settle an intent: the server decided and stored it (or refused it outright). */
const FINAL_CODES = new Set([
  'sold_out',
  'insufficient_stock',
  'purchase_limit_exceeded',
  'drop_not_live',
  'not_found',
  'idempotency_key_reused',
  'validation_failed',
]);

type Verdict = { final: boolean; retryAfterMs: number };

/** How a reply goes into the history: definite (ok/fail) or indeterminate (info), and whether to retry. */
export function classify(
  reply: Reply,
  dropId: string,
): { type: 'ok' | 'fail' | 'info'; value: OrderOk | FailValue | InfoValue; verdict: Verdict } {
  if (reply.kind === 'error') {
    // A refused connection never carried the request; anything later might have.
    const type = reply.error === 'refused' ? 'fail' : 'info';
    return {
      type,
      value: type === 'fail' ? { status: 0, code: reply.error } : { error: reply.error },
      verdict: { final: false, retryAfterMs: 0 },
    };
  }
  const { status, body } = reply;
  if (status === 201) {
    const value: OrderOk = {
      status,
      orderId: body.id,
      quantity: body.quantity,
      dropId: body.dropId ?? dropId,
      replayed: reply.headers['idempotent-replayed'] === 'true',
      createdAt: Date.parse(body.createdAt),
    };
    return { type: 'ok', value, verdict: { final: true, retryAfterMs: 0 } };
  }
  const code = typeof body === 'object' && body && typeof body.code === 'string' ? body.code : `http_${status}`;
  // A 500 may have committed before failing; a 503 promises nothing was half-done (api.md).
  if (status >= 500 && status !== 503)
    return { type: 'info', value: { error: `http_${status}` }, verdict: { final: false, retryAfterMs: 0 } };
  const retryAfterMs = status === 429 ? Number(reply.headers['retry-after'] ?? 1) * 1000 : 0;
  return {
    type: 'fail',
    value: { status, code },
    verdict: {
      final: FINAL_CODES.has(code) || (status >= 400 && status < 500 && status !== 409 && status !== 429),
      retryAfterMs,
    },
  };
}

/**
 * One buyer's intent: the first attempt (two requests with the same key if it is a double
 * tap), then retries with the same key and body, after full-jitter backoff, until an answer
 * settles it or the retries run out. Each request is its own operation in the history.
 */
export async function runIntent(ctx: LoadContext, it: Intent, dueAt: number): Promise<'ok' | 'fail' | 'unknown'> {
  const { o, world, history } = ctx;
  const rng = Prng.derive(o.seed, `retry:${it.index}`);
  const dropId = ctx.drops[it.drop]!.id;
  const base = {
    userId: world.userIds[it.user]!,
    key: `${world.tag}-${it.index}`,
    dropId,
    quantity: it.quantity,
    intent: it.index,
  };
  let due = dueAt;
  for (let attempt = 0; attempt <= o.retry.retries; attempt++) {
    const taps = attempt === 0 ? it.taps : 1;
    // Drawn before anything is sent, so concurrent taps cannot swap their numbers.
    const abandon = Array.from({ length: taps }, () => (rng.chance(o.abandon) ? rng.int(0, 5) : undefined));
    const results = await Promise.all(
      Array.from({ length: taps }, (_, t) =>
        attemptOnce(ctx, { ...base, attempt, tap: t + 1 }, it.user, due + (t > 0 ? it.tapGapMs : 0), abandon[t]),
      ),
    );
    const settled = results.find((r) => r.verdict.final);
    if (settled) {
      ctx.latency.record(INTENT_SERIES, history.now() - dueAt);
      return settled.type === 'ok' ? 'ok' : 'fail';
    }
    if (attempt === o.retry.retries) break;
    const wait = Math.max(
      rng.backoff(attempt, o.retry.baseMs, o.retry.capMs),
      ...results.map((r) => r.verdict.retryAfterMs),
    );
    await sleep(wait);
    due = history.now();
  }
  return 'unknown';
}

async function attemptOnce(
  ctx: LoadContext,
  value: OrderInvoke,
  user: number,
  due: number,
  abandonAfterMs: number | undefined,
): Promise<{ type: string; verdict: Verdict }> {
  await until(ctx, due);
  const inv: Op = ctx.history.invoke('order', String(user), value);
  const reply = await ctx.http.request('POST', '/v1/orders', {
    token: ctx.world.tokens[user],
    body: { dropId: value.dropId, quantity: value.quantity },
    headers: { 'idempotency-key': value.key },
    timeoutMs: ctx.o.retry.timeoutMs,
    abandonAfterMs,
  });
  const c = classify(reply, value.dropId);
  const done = ctx.history.complete(inv, c.type, c.value, due);
  if (c.type !== 'info') ctx.latency.record(ENDPOINT.order, done.latencyMs!);
  return { type: c.type, verdict: c.verdict };
}
