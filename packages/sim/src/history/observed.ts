import type { Receipt, StreamRecord } from './types.js';

/** A drop as GET /v1/drops/{id} showed it after the run. Times are epoch ms. */
export interface ObservedDrop {
  id: string;
  creatorId: string;
  total: number;
  available: number;
  status: string;
  startsAt: number;
  endsAt: number;
}

export interface ObservedOrder {
  id: string;
  userId: string;
  dropId: string;
  quantity: number;
  createdAt: number;
}

export interface ObservedNotification {
  id: string;
  type: string;
  dropId: string | undefined;
  orderId: string | undefined;
  createdAt: number;
}

/**
 * The state the checker compares the history against, read through the public API after
 * quiescence (and after indeterminate keys were resolved). Only the simulator's own users
 * and drops appear in it.
 */
export interface Observed {
  /** Epoch ms at the history's time 0 (op times are ms after it; receipts are epoch ms). */
  epoch0: number;
  drops: ObservedDrop[];
  /** userId → every order of that user in the simulator's drops (GET /v1/me/orders, all pages). */
  orders: Record<string, ObservedOrder[]>;
  /** userId → inbox (GET /v1/me/notifications), for buyers and sampled followers. */
  inboxes: Record<string, ObservedNotification[]>;
  /** userId → creators followed, for every stream holder and inbox sample. */
  follows: Record<string, string[]>;
  streams: StreamRecord[];
  receipts: Receipt[];
}

export type ViolationKind =
  | 'oversold'
  | 'stock-mismatch'
  | 'duplicate-order'
  | 'inconsistent-replay'
  | 'lost-order'
  | 'stale-read'
  | 'missing-notification'
  | 'duplicate-notification'
  // checkout (check/checkout-check.ts)
  | 'hold-overcommit'
  | 'limit-exceeded'
  | 'hold-not-ended'
  | 'hold-ended-twice'
  | 'confirmed-without-capture'
  | 'capture-without-confirmation'
  | 'unvoided-authorization'
  | 'confirmed-expired-hold'
  | 'double-offer'
  | 'answer-mismatch'
  // fair access (check/fair-access-check.ts)
  | 'admission-overcommit'
  | 'admitted-twice'
  | 'order-without-pass'
  | 'pass-used-twice'
  | 'waiting-not-closed'
  | 'too-many-winners'
  | 'unverifiable-shuffle'
  | 'followers-first-broken'
  | 'early-join-advantage';

export interface Violation {
  kind: ViolationKind;
  message: string;
  /** The operations involved: their `index`, which is also their line in history.jsonl. */
  ops: number[];
}

export interface CheckStats {
  keys: number;
  ackedOrders: number;
  oversoldUnits: number;
  duplicateOrders: number;
  lostOrders: number;
  /** Keys whose outcome stayed unknown even after replay. */
  indeterminateKeys: number;
  /** Indeterminate attempts whose key's outcome a replay revealed. */
  infoResolved: number;
  staleReads: number;
  missingNotifications: number;
  duplicateNotifications: number;
}

export interface CheckResult {
  valid: boolean;
  violations: Violation[];
  stats: CheckStats;
}
