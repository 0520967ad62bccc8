export interface ReserveRequest {
  dropId: string;
  userId: string;
  quantity: number;
  /** null: no per-user limit. */
  perUserLimit: number | null;
}

export type ReserveResult =
  /** `sold` is taken now; `returned` (present once units of the drop ever came back) lets a cache floor `sold + returned`. */
  | { ok: true; sold: number; total: number; returned?: number }
  | { ok: false; reason: 'sold_out' | 'insufficient_stock'; available: number }
  | { ok: false; reason: 'purchase_limit_exceeded'; remainingAllowance: number }
  | { ok: false; reason: 'cancelled' | 'not_found' };

/**
 * The stock authority. `reserve` runs inside a unit of work and is one atomic
 * decision: the user's tally stays within `perUserLimit` and `sold + quantity <= total`
 * (a conditional update, never read-then-write), or nothing changes.
 */
export interface Inventory {
  reserve(request: ReserveRequest): Promise<ReserveResult>;
}
