import type { AccessFields } from '../fairness/access.js';
import type { ProductImage } from '../media/product-image.js';

export type DropStatus = 'upcoming' | 'live' | 'sold_out' | 'ended' | 'cancelled';
/** `instant`: an order is confirmed at once (1.0); `pay`: an order is a timed hold until paid. */
export type Checkout = 'instant' | 'pay';
export const CHECKOUTS: readonly Checkout[] = ['instant', 'pay'];
export const HOLD_SECONDS = { min: 30, max: 3600, default: 600 } as const;
/**
 * The statuses a list can be filtered by. api.md's three are wide: `live` includes sold-out
 * drops whose window is open, `ended` includes cancelled ones. `sold_out` and `cancelled`
 * (additive) are exactly the drops with that status.
 */
export type DropListStatus = 'upcoming' | 'live' | 'ended' | 'sold_out' | 'cancelled';
export const DROP_LIST_STATUSES: readonly DropListStatus[] = ['upcoming', 'live', 'ended', 'sold_out', 'cancelled'];

export interface Drop extends AccessFields {
  id: string;
  creatorId: string;
  productId: string;
  /** The product's current title (joined on read). */
  productTitle: string;
  /** The product's current picture (joined on read), null when it has none. */
  productImage: ProductImage | null;
  /** Fixed when the drop is created: later product price changes do not touch it. */
  priceCents: number;
  currency: string;
  startsAt: number;
  endsAt: number;
  total: number;
  /** Units taken right now: confirmed orders and open holds (`total - sold` are available). */
  sold: number;
  /**
   * Units that came back from holds that expired or were cancelled, ever (pay drops; 0
   * otherwise). `sold` falls when units come back, but `sold + returned` (`drawn`) and
   * `returned` only grow, which is what a cache keeps floors of (cached-ports.ts).
   */
  returned?: number;
  /** Units of holds confirmed by payment, ever (pay drops; 0 otherwise). Only grows. */
  paid?: number;
  /** Fixed at creation; absent on rows written before checkout existed, which are `instant`. */
  checkout?: Checkout;
  /** How long a hold lasts (pay drops); null on instant drops. */
  holdSeconds?: number | null;
  /** null means no per-user limit. */
  perUserLimit: number | null;
  lowStockThreshold: number;
  cancelledAt: number | null;
  /** When `drop.started` was recorded in the outbox; null until the scheduler fires it. */
  startedAt: number | null;
  createdAt: number;
}

export const STOCK_MAX = 10_000_000;

export function available(drop: Pick<Drop, 'total' | 'sold'>): number {
  return drop.total - drop.sold;
}

/** Units ever taken (`sold + returned`): grows with every order and hold, never falls. */
export function drawn(drop: Pick<Drop, 'sold' | 'returned'>): number {
  return drop.sold + (drop.returned ?? 0);
}

/** Units in open holds (never negative, even on counters read a moment apart). */
export function heldUnits(drop: Pick<Drop, 'sold' | 'paid' | 'checkout'>): number {
  return drop.checkout === 'pay' ? Math.max(0, drop.sold - (drop.paid ?? 0)) : 0;
}

export const checkoutOf = (drop: Pick<Drop, 'checkout'>): Checkout => drop.checkout ?? 'instant';

/** Status is never stored: it follows from the clock, the stock and cancellation. */
export function dropStatus(drop: Drop, now: number): DropStatus {
  if (drop.cancelledAt !== null) return 'cancelled';
  if (now < drop.startsAt) return 'upcoming';
  if (now >= drop.endsAt) return 'ended';
  if (drop.sold >= drop.total) return 'sold_out';
  return 'live';
}

/** Which of the wide lists (api.md's `upcoming`, `live`, `ended`) a drop belongs to right now. */
export function listStatusOf(drop: Drop, now: number): 'upcoming' | 'live' | 'ended' {
  const s = dropStatus(drop, now);
  if (s === 'sold_out') return 'live';
  if (s === 'cancelled') return 'ended';
  return s;
}

/** Whether a drop is in the `?status=` list right now. */
export function inStatusList(drop: Drop, status: DropListStatus, now: number): boolean {
  if (status === 'sold_out' || status === 'cancelled') return dropStatus(drop, now) === status;
  return listStatusOf(drop, now) === status;
}

/**
 * The key each list is ordered by: upcoming by startsAt ascending; live and sold_out by
 * startsAt descending; ended and cancelled by endsAt descending; no status by createdAt descending.
 */
export function dropSortKey(drop: Drop, status: DropListStatus | undefined): number {
  if (status === 'upcoming' || status === 'live' || status === 'sold_out') return drop.startsAt;
  if (status === 'ended' || status === 'cancelled') return drop.endsAt;
  return drop.createdAt;
}
