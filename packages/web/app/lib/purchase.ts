import { ApiError, call, messageOf, NetworkError } from './api.js';
import type { Order } from './types.js';

/** One purchase a person means to make: its key is sent with every attempt, so it happens once. */
export interface Intent {
  key: string;
  dropId: string;
  quantity: number;
}

export type Outcome =
  | { kind: 'placed'; order: Order; replayed: boolean }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'unknown'; message: string };

const storageKey = (dropId: string): string => `ld-intent:${dropId}`;

/**
 * The intent for buying `quantity` of a drop: the unfinished one when there is one for the
 * same quantity (a double click, a retry, a reload mid-purchase), else a new key. Kept in
 * sessionStorage (this tab only, gone with it); it holds no credential.
 */
export function intentFor(dropId: string, quantity: number): Intent {
  const saved = unfinished(dropId);
  if (saved && saved.quantity === quantity) return saved;
  const intent = { key: crypto.randomUUID(), dropId, quantity };
  sessionStorage.setItem(storageKey(dropId), JSON.stringify(intent));
  return intent;
}

export function unfinished(dropId: string): Intent | undefined {
  const raw = sessionStorage.getItem(storageKey(dropId));
  return raw ? (JSON.parse(raw) as Intent) : undefined;
}

/** The purchase has its answer (placed or refused): the next one is a new intent. */
export const settle = (dropId: string): void => sessionStorage.removeItem(storageKey(dropId));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** The pauses before each repeat of a keyed request (payments use them too, lib/payment.ts). */
export const RETRY_DELAYS_MS = [300, 600, 1200, 2400, 4800];

/** Whether another attempt with the same key can only help: no answer, a busy key, a server hiccup. */
export const worthRetrying = (e: unknown): boolean =>
  e instanceof NetworkError ||
  (e instanceof ApiError && (e.problem.code === 'idempotency_key_in_use' || e.problem.status >= 500));

/**
 * Places the intended order, retrying with the same Idempotency-Key until the server gives an
 * answer: the first attempt's order is then replayed, never a second one made. A refusal
 * (sold out, over the limit) is an answer too. Only when every retry went unanswered is the
 * outcome unknown, and the intent is kept so that the next click asks again with the same key.
 * On a waiting-room drop `pass` goes in the body of every attempt (a replay is not a second use).
 */
export async function place(
  intent: Intent,
  onRetry: (attempt: number) => void = () => undefined,
  pass?: string,
): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { data, headers } = await call<Order>('POST', '/v1/orders', {
        // A waiting room's pass rides along but is never stored with the intent: it lives in memory only.
        body: { dropId: intent.dropId, quantity: intent.quantity, ...(pass && { pass }) },
        headers: { 'Idempotency-Key': intent.key },
      });
      settle(intent.dropId);
      return { kind: 'placed', order: data, replayed: headers.get('Idempotent-Replayed') === 'true' };
    } catch (e) {
      if (worthRetrying(e) && attempt < RETRY_DELAYS_MS.length) {
        onRetry(attempt + 1);
        await sleep(RETRY_DELAYS_MS[attempt]!);
        continue;
      }
      if (e instanceof ApiError && !worthRetrying(e)) {
        settle(intent.dropId);
        return { kind: 'refused', error: e };
      }
      return { kind: 'unknown', message: 'No answer from the server. Your purchase is kept: try again to finish it.' };
    }
  }
}

/** What the order path's refusals mean to a fan (the API's codes, api.md). */
const REFUSALS: Record<string, string> = {
  sold_out: 'Sold out: every unit has gone.',
  insufficient_stock: 'Not that many left.',
  purchase_limit_exceeded: 'That would pass the limit per person for this drop.',
  drop_not_live: 'The drop is not open for orders.',
  pass_required: 'This drop has a waiting room: join it, and buy once you are let in.',
};

/** A refusal in words; `not_eligible` says which rule keeps the person out (api.md, Fair access). */
export function refusalText(e: unknown): string {
  if (!(e instanceof ApiError)) return messageOf(e);
  const { code, reason } = e.problem;
  if (code === 'not_eligible') {
    return reason === 'not_a_winner'
      ? 'Only the winners of the draw can buy this drop.'
      : 'Not yet: only fans who followed the creator before this drop was announced can take part for now.';
  }
  return REFUSALS[code] ?? e.message;
}

