import { ApiError, call, get } from './api.js';
import { RETRY_DELAYS_MS, sleep, worthRetrying } from './purchase.js';
import type { Order, Page } from './types.js';

/** The sandbox gateway's test methods (api.md, Checkout), offered as test-mode cards. */
export const TEST_METHODS = [
  { id: 'pm_card_visa', label: 'Visa ending 4242', note: 'pays' },
  { id: 'pm_card_chargeDeclined', label: 'Visa ending 0002', note: 'declined' },
  { id: 'pm_card_insufficientFunds', label: 'Visa ending 9995', note: 'insufficient funds' },
  { id: 'pm_card_slow', label: 'Visa ending 3220', note: 'answers after 3 s' },
  { id: 'pm_card_flaky', label: 'Visa ending 0341', note: 'the processor fails half the time' },
] as const;

/** One payment a person means to make for a hold, with one card: one Idempotency-Key for all its attempts. */
export interface PaymentIntent {
  key: string;
  orderId: string;
  method: string;
}

export type PayOutcome =
  | { kind: 'paid'; order: Order }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'unavailable' }
  | { kind: 'unknown' };

const storageKey = (orderId: string): string => `ld-pay:${orderId}`;

/**
 * The unfinished payment for this hold with this card (a double click, a retry, a reload), else
 * a new key. Another card is another payment: the server stored the first card's answer under
 * its key, so reusing that key would only replay it.
 */
export function paymentFor(orderId: string, method: string): PaymentIntent {
  const raw = sessionStorage.getItem(storageKey(orderId));
  const saved = raw ? (JSON.parse(raw) as PaymentIntent) : undefined;
  if (saved && saved.method === method) return saved;
  const intent = { key: crypto.randomUUID(), orderId, method };
  sessionStorage.setItem(storageKey(orderId), JSON.stringify(intent));
  return intent;
}

const settle = (orderId: string): void => sessionStorage.removeItem(storageKey(orderId));

/**
 * Pays the hold, repeating with the same key while there is no answer, so the server makes one
 * payment and replays it. A decline or a refusal (expired, not payable) is an answer and ends
 * this payment. `payment_unavailable` (the processor never answered, nothing stored) keeps the
 * key: paying again resumes the same payment at the processor instead of starting a second one.
 */
export async function pay(intent: PaymentIntent, onRetry: (attempt: number) => void): Promise<PayOutcome> {
  const path = `/v1/orders/${encodeURIComponent(intent.orderId)}/payment`;
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await call<Order>('POST', path, {
        body: { paymentMethodId: intent.method },
        headers: { 'Idempotency-Key': intent.key },
      });
      settle(intent.orderId);
      return { kind: 'paid', order: data };
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'payment_unavailable') return { kind: 'unavailable' };
      if (worthRetrying(e) && attempt < RETRY_DELAYS_MS.length) {
        onRetry(attempt + 1);
        await sleep(RETRY_DELAYS_MS[attempt]!);
        continue;
      }
      if (e instanceof ApiError && !worthRetrying(e)) {
        settle(intent.orderId);
        return { kind: 'refused', error: e };
      }
      return { kind: 'unknown' };
    }
  }
}

/**
 * The signed-in user's order to show on a pay drop's page: the one `?order=` names (the Pay
 * link of "My orders", an offer in the inbox), else an open hold of theirs on the drop.
 */
export async function findHold(dropId: string): Promise<Order | undefined> {
  const named = new URLSearchParams(window.location.search).get('order');
  if (named) {
    const order = await get<Order>(`/v1/orders/${encodeURIComponent(named)}`).catch(() => undefined);
    if (order?.dropId === dropId) return order;
  }
  const mine = await get<Page<Order>>('/v1/me/orders?limit=50').catch(() => undefined);
  return mine?.data.find((o) => o.dropId === dropId && o.status === 'held');
}
