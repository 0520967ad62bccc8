/**
 * The simulator's history, after Jepsen's: every operation is an `invoke` followed by exactly
 * one completion. `ok` and `fail` are definite (the server answered); `info` is indeterminate
 * (timeout, connection reset, response abandoned): the operation may or may not have taken
 * effect, so it is never counted as failed. `index` is the op's line in history.jsonl (1-based).
 */
export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

/** What an operation does; each maps to one endpoint in the latency report. */
export type OpF =
  | 'order'
  | 'read-drop'
  | 'list-drops'
  | 'read-product'
  | 'read-creator'
  | 'pay'
  | 'cancel'
  | 'waitlist';

/** checkout: a payment, cancel or waitlist join, and what it was about. */
export interface CheckoutInvoke {
  userId: string;
  orderId?: string;
  dropId: string;
  key?: string;
  method?: string;
}

/** checkout: the answer to a payment, cancel or waitlist join (status, and the problem code or the order's status). */
export interface CheckoutValue {
  status: number;
  code?: string;
  orderStatus?: string;
}

export interface OrderInvoke {
  userId: string;
  key: string;
  dropId: string;
  quantity: number;
  /** Which intent (one buyer's decision to buy) this attempt belongs to. */
  intent: number;
  attempt: number;
  /** 2 for the second request of a double tap. */
  tap: number;
  /** Sent after the run by the checker to learn an indeterminate key's stored outcome. */
  resolve?: boolean;
}

export interface OrderOk {
  status: number;
  orderId: string;
  quantity: number;
  dropId: string;
  replayed: boolean;
  /** The order's createdAt (server clock, epoch ms). */
  createdAt: number;
}

export interface FailValue {
  status: number;
  code: string;
}

export interface InfoValue {
  error: string;
}

export interface ReadDropOk {
  dropId: string;
  available: number;
  total: number;
  status: string;
}

export interface Op {
  index: number;
  type: OpType;
  f: OpF;
  /** The actor: a user index for orders, `reader-N` for anonymous browsing. */
  process: string;
  /** ms since the run's clock started (performance.now based). */
  time: number;
  /** On completions: the index of the matching invoke. */
  invoke?: number;
  /** On completions: ms from when the request was due (open model: its arrival) to completion. */
  latencyMs?: number;
  value: unknown;
}

/** One event a notification stream delivered (not an operation: streams only receive). */
export interface Receipt {
  /** The stream holder. */
  userId: string;
  id: string;
  type: string;
  dropId?: string | undefined;
  orderId?: string | undefined;
  /** The notification's createdAt (server clock, epoch ms). */
  createdAt?: number | undefined;
  /** Epoch ms on arrival. */
  at: number;
}

/** A notification stream as the swarm kept it. */
export interface StreamRecord {
  userId: string;
  /** Epoch ms the first connection answered 200; null if it never did. */
  connectedAt: number | null;
  /** Epoch ms from which it stayed disconnected (gave up reconnecting); null if it held. */
  lostAt: number | null;
  reconnects: number;
}

/** A drop's `available` as the API showed it, `t` ms on the history's clock (stock-sampler.ts). */
export interface StockReading {
  t: number;
  dropId: string;
  available: number;
}
