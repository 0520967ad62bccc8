import {
  failure,
  rejection,
  UnavailableError,
  type AttemptResult,
  type IdempotencyRecord,
  type OrderAttempt,
  type OrderBook,
  type OrderOutcome,
  type ReserveResult,
} from '@livedrops/core';
import type { Instrumentation } from '../instrumentation.js';
import type pg from 'pg';
import { KeyedBatcher, type BatcherOptions } from '../runtime/keyed-batcher.js';
import { isRetryable, retrying } from './pg-errors.js';
import { writeRecords } from './pg-record-batch.js';

/** SQLSTATE of `livedrops_decline()` (migration 0006): the statement undid itself. */
const DECLINED = 'LD001';
const SENTINEL = 987654321;
/** A batch that declined (undid itself) or met a deadlock or serialization failure runs again. */
const again = (e: unknown) => (e as { code?: unknown }).code === DECLINED || isRetryable(e);
// The stored answers of refusals, rendered by the core; the batch function puts in the number.
const REFUSALS = JSON.stringify({
  sold_out: failure(rejection({ ok: false, reason: 'sold_out', available: 0 })),
  insufficient_stock: failure(rejection({ ok: false, reason: 'insufficient_stock', available: SENTINEL })),
  purchase_limit_exceeded: failure(
    rejection({ ok: false, reason: 'purchase_limit_exceeded', remainingAllowance: SENTINEL }),
  ),
  cancelled: failure(rejection({ ok: false, reason: 'cancelled' })),
  not_found: failure(rejection({ ok: false, reason: 'not_found' })),
});
const ORDER_BATCH = {
  name: 'ld_order_batch_v2',
  text: `SELECT * FROM livedrops_order_batch_v2($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
    $20, $21, $22)`,
};

interface BatchRow {
  verdict: string;
  amount: number | null;
  total: number | null;
  fingerprint: string | null;
  outcome: string | null;
  created_at: number | null;
  returned: number | null;
}

export interface PgOrderBookOptions {
  /** Fan-out policy (core's `fanoutModeFor`): follower events of creators this big are read-mode. */
  celebrityFollowers: number;
  /**
   * The shared read cache (Redis): a batch is refused, with nothing done, while it is not
   * connected, and the committed `sold + returned` becomes the cached drop's floor before
   * anyone is answered.
   */
  cache?: SoldFloors | undefined;
  instrumentation?: Instrumentation | undefined;
  batching?: BatcherOptions | undefined;
}

/** What the book needs of the read cache. */
export interface SoldFloors {
  ready(): boolean;
  /** `drawn`: units ever taken (`sold + returned`), the counter that never falls. */
  floor(dropId: string, drawn: number): Promise<void>;
}

export const DEFAULT_ORDER_BATCHING: BatcherOptions = { max: 512, inFlight: 2, windowMs: 2 };

/**
 * The PostgreSQL OrderBook: the attempts on one drop that arrive together are decided by
 * ONE autocommit statement (livedrops_order_batch_v2, migration 0011; on a pay drop each
 * grant is a hold, written by the same statement), the drop's row locked
 * once per batch; answers without stock (`record`) are written in bulk the same way. A
 * batch is all or nothing: a caller whose batch failed has nothing recorded, or (if the
 * connection died at COMMIT) everything, and replaying its key tells which.
 */
export class PgOrderBook implements OrderBook {
  private readonly orders: KeyedBatcher<OrderAttempt, AttemptResult>;
  private readonly records: KeyedBatcher<IdempotencyRecord, AttemptResult>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: PgOrderBookOptions,
  ) {
    const batching = opts.batching ?? DEFAULT_ORDER_BATCHING;
    this.orders = new KeyedBatcher((dropId, batch) => retrying(() => this.decide(dropId, batch), again), batching);
    this.records = new KeyedBatcher((_, batch) => retrying(() => writeRecords(pool, batch), again), batching);
  }

  place(attempt: OrderAttempt): Promise<AttemptResult> {
    return this.orders.add(attempt.drop.id, attempt);
  }

  record(record: IdempotencyRecord): Promise<AttemptResult> {
    return this.records.add('', record);
  }

  private async decide(dropId: string, batch: OrderAttempt[]): Promise<AttemptResult[]> {
    const head = batch[0]!;
    const cache = this.opts.cache;
    if (cache && !cache.ready()) throw new UnavailableError('redis');
    const started = performance.now();
    const col = <T>(pick: (a: OrderAttempt) => T) => batch.map(pick);
    const { rows } = await this.pool.query<BatchRow>({
      ...ORDER_BATCH,
      values: [
        dropId,
        col((a) => a.userId),
        col((a) => a.key),
        col((a) => a.fingerprint),
        col((a) => a.quantity),
        col((a) => a.createdAt),
        col((a) => a.order.id),
        head.order.unitPriceCents,
        head.order.currency,
        col((a) => JSON.stringify({ ok: true, order: a.order })),
        col((a) => a.confirmed.id),
        col((a) => JSON.stringify(a.confirmed.data)),
        head.lines.low.id,
        JSON.stringify(head.lines.low.data),
        head.lines.soldOut.id,
        JSON.stringify(head.lines.soldOut.data),
        REFUSALS,
        String(SENTINEL),
        this.opts.celebrityFollowers,
        head.order.status,
        head.confirmed.type,
        col((a) => a.order.expiresAt ?? null),
      ],
    });
    this.opts.instrumentation?.stockDecrement((performance.now() - started) / 1000);
    const results = rows.map((row, i) => resultOf(row, batch[i]!));
    const drawn = Math.max(
      -1,
      ...results.map((r) => (!r.replayed && r.reserve?.ok ? r.reserve.sold + (r.reserve.returned ?? 0) : -1)),
    );
    if (cache && drawn >= 0) await cache.floor(dropId, drawn);
    return results;
  }
}

function resultOf(row: BatchRow, a: OrderAttempt): AttemptResult {
  if (row.verdict === 'replay') {
    const outcome = JSON.parse(row.outcome!) as OrderOutcome;
    return {
      replayed: true,
      record: {
        userId: a.userId,
        key: a.key,
        fingerprint: row.fingerprint!,
        outcome,
        createdAt: Number(row.created_at),
      },
    };
  }
  const amount = row.amount ?? 0;
  const total = row.total ?? 0;
  let reserve: ReserveResult;
  switch (row.verdict) {
    case 'ok': {
      const returned = row.returned ?? 0;
      return {
        replayed: false,
        outcome: { ok: true, order: a.order },
        reserve: { ok: true, sold: total - amount, total, ...(returned > 0 ? { returned } : {}) },
      };
    }
    case 'sold_out':
    case 'insufficient_stock':
      reserve = { ok: false, reason: row.verdict, available: amount };
      break;
    case 'purchase_limit_exceeded':
      reserve = { ok: false, reason: row.verdict, remainingAllowance: amount };
      break;
    case 'cancelled':
    case 'not_found':
      reserve = { ok: false, reason: row.verdict };
      break;
    default:
      throw new Error(`livedrops_order_batch answered an unknown verdict ${row.verdict}`);
  }
  return { replayed: false, outcome: failure(rejection(reserve)), reserve };
}
