export interface Person {
  id: string;
  handle: string;
  token: string;
}

export interface Answer {
  status: number; // 0: no answer (connection refused or reset, timeout)
  json?: any;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FINAL_CODES = new Set([
  'sold_out',
  'insufficient_stock',
  'purchase_limit_exceeded',
  'drop_not_live',
  'not_found',
  'idempotency_key_reused',
]);

/** The instances, asked in turn: each call starts at the next one and retries on the ones after. */
export class Cluster {
  private turn = 0;
  constructor(readonly urls: string[]) {}

  next(): number {
    return this.turn++ % this.urls.length;
  }

  async once(i: number, method: string, path: string, body?: unknown, token?: string, key?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (key) headers['idempotency-key'] = key;
    try {
      const res = await fetch(`${this.urls[i % this.urls.length]}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(8_000),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    } catch {
      return { status: 0 };
    }
  }

  /** Retries (next instance, backoff) while there is no answer or a 5xx; for set-up calls. */
  async call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const start = this.next();
    for (let attempt = 0; attempt < 60; attempt++) {
      const a = await this.once(start + attempt, method, path, body, token);
      if (a.status !== 0 && a.status < 500) return a;
      await sleep(Math.min(100 * 2 ** attempt, 1_000));
    }
    throw new Error(`${method} ${path}: no answer from any instance`);
  }
}

export interface OrderRecord {
  key: string;
  buyer: Person;
  dropId: string;
  quantity: number;
  /** Every order id a 201 carried for this key (more than one would be a duplicate). */
  orderIds: Set<string>;
  /** The answer that ended the attempts; absent while none did (indeterminate). */
  final?: { status: number; code?: string };
  attempts: number;
}

/**
 * One order as a careful client places it: the same Idempotency-Key on every attempt,
 * each retry on another instance, while the answer is no answer, a 5xx (503 unavailable)
 * or 409 idempotency_key_in_use; a business answer or a 201 ends it.
 */
export async function placeOrder(c: Cluster, rec: OrderRecord, deadlineMs: number): Promise<OrderRecord> {
  const start = c.next();
  for (let attempt = 0; Date.now() < deadlineMs; attempt++) {
    rec.attempts++;
    const a = await c.once(
      start + attempt,
      'POST',
      '/v1/orders',
      { dropId: rec.dropId, quantity: rec.quantity },
      rec.buyer.token,
      rec.key,
    );
    if (a.status === 201) {
      rec.orderIds.add(a.json.id);
      rec.final = { status: 201 };
      return rec;
    }
    const code = a.json?.code as string | undefined;
    if (a.status >= 400 && a.status < 500 && code && FINAL_CODES.has(code)) {
      rec.final = { status: a.status, code };
      return rec;
    }
    if (a.status >= 400 && a.status < 500 && code !== 'idempotency_key_in_use') {
      rec.final = { status: a.status, code: code ?? 'unexpected' };
      return rec;
    }
    await sleep(code === 'idempotency_key_in_use' ? 300 : Math.min(50 * 2 ** attempt, 1_000));
  }
  return rec;
}
