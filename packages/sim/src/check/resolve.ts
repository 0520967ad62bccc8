import type { HttpClient } from '../client/http-client.js';
import type { History } from '../history/history.js';
import type { OrderInvoke } from '../history/types.js';
import { classify } from '../load/order-intent.js';
import { isDeterminate, keyRecords } from './order-keys.js';

const ATTEMPTS = 8;

/**
 * Jepsen resolves indeterminate operations from the final state; here the API offers a
 * sharper tool: replaying an Idempotency-Key with the same body returns the stored outcome
 * (or, if the first request never arrived, settles it now). Each replay is an operation in
 * the history, marked `resolve`, so the checker sees every key with a known outcome.
 */
export async function resolveIndeterminate(
  http: HttpClient,
  history: History,
  tokenOf: (userId: string) => string | undefined,
): Promise<{ replayed: number; stillUnknown: number }> {
  const pending = [...keyRecords(history.ops).values()].filter((k) => !isDeterminate(k));
  let stillUnknown = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(16, pending.length) }, async () => {
      while (next < pending.length) {
        const k = pending[next++]!;
        const token = tokenOf(k.userId);
        let settled = false;
        for (let attempt = 0; attempt < ATTEMPTS && token && !settled; attempt++) {
          const value: OrderInvoke = {
            userId: k.userId,
            key: k.key,
            dropId: k.dropId,
            quantity: k.quantity,
            intent: -1,
            attempt,
            tap: 1,
            resolve: true,
          };
          const inv = history.invoke('order', 'checker', value);
          const reply = await http.request('POST', '/v1/orders', {
            token,
            body: { dropId: k.dropId, quantity: k.quantity },
            headers: { 'idempotency-key': k.key },
            timeoutMs: 10_000,
          });
          const c = classify(reply, k.dropId);
          history.complete(inv, c.type, c.value);
          settled = c.verdict.final;
          // 409 idempotency_key_in_use: the original is still being processed; let it finish.
          if (!settled) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
        if (!settled) stillUnknown++;
      }
    }),
  );
  return { replayed: pending.length, stillUnknown };
}
