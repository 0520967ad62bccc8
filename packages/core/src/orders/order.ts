import type { ErrorCode } from '../shared/domain-error.js';

export interface Order {
  id: string;
  userId: string;
  dropId: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  currency: string;
  status: 'confirmed';
  createdAt: number;
}

export const QUANTITY_MAX = 100;

/**
 * The result of one order attempt as the idempotency store keeps it: a confirmed
 * order or the business error it got. Replays return it unchanged.
 */
export type OrderOutcome =
  | { ok: true; order: Order }
  | { ok: false; error: { code: ErrorCode; message: string; extensions: Record<string, unknown> } };
