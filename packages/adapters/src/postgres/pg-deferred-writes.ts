import { IdempotencyKeyInUseError, type DomainEvent, type IdempotencyRecord, type Order } from '@livedrops/core';
import type pg from 'pg';
import { ORDER_COLUMNS, orderValues } from '../knex/knex-rows.js';

type Part = { cte: string; values: unknown[] };
const params = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

// The three writes that follow a reserve in an order, as data-modifying CTEs of one
// statement: they touch different tables, so their order inside it does not matter, and
// outbox rows keep their array order (row_id follows it).
const orderPart = (o: Order, at: number): Part => ({
  cte: `o AS (INSERT INTO orders (${ORDER_COLUMNS}) VALUES (${params(at, 10)}))`,
  values: orderValues(o),
});
const eventsPart = (events: DomainEvent[], at: number): Part => {
  const [a, b, c, d, e, f, g, h] = Array.from({ length: 8 }, (_, i) => `$${at + i}`);
  const col = <T>(pick: (ev: DomainEvent) => T) => events.map(pick);
  return {
    cte: `e AS (INSERT INTO outbox (id, type, drop_id, creator_id, user_id, data, created_at, fanout)
      SELECT * FROM unnest(${a}::text[], ${b}::text[], ${c}::text[], ${d}::text[], ${e}::text[], ${f}::jsonb[], ${g}::int8[], ${h}::text[]))`,
    values: [
      col((x) => x.id),
      col((x) => x.type),
      col((x) => x.dropId),
      col((x) => x.creatorId),
      col((x) => x.userId),
      col((x) => JSON.stringify(x.data)),
      col((x) => x.createdAt),
      col((x) => x.fanout ?? null),
    ],
  };
};
// DO NOTHING, not a caught 23505: a unique violation would abort the transaction, and the
// count says the same without one. A concurrent insert of the same key waits here for that
// transaction's outcome, so exactly one of them counts 1.
const keyPart = (k: IdempotencyRecord, at: number): Part => ({
  cte: `k AS (INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at)
    VALUES (${params(at, 5)}) ON CONFLICT (user_id, key) DO NOTHING RETURNING 1)`,
  values: [k.userId, k.key, k.fingerprint, JSON.stringify(k.outcome), k.createdAt],
});

/**
 * Order rows, outbox rows and the idempotency record of a unit of work, held back and sent
 * in one round trip, at COMMIT or before any other statement of the unit (so the unit still
 * reads its own writes). On the order path they follow the stock update, which locks the
 * drop's hot row until COMMIT: one round trip instead of three while every other buyer of
 * the drop waits. A duplicate idempotency key or a broken constraint therefore surfaces at
 * that point (in practice, from `uow.run`) and rolls the whole unit back, as before.
 */
export class DeferredWrites {
  private order: Order | undefined;
  private events: DomainEvent[] = [];
  private key: IdempotencyRecord | undefined;

  /** `begin` opens the unit's transaction (once) before a statement that needs one. */
  constructor(
    private readonly client: pg.ClientBase,
    private readonly begin: () => Promise<void>,
  ) {}

  /** Nothing is held. */
  empty(): boolean {
    return !this.order && this.events.length === 0 && !this.key;
  }

  /** Only an idempotency record is held: a refused order's whole unit of work. */
  keyOnly(): boolean {
    return !this.order && this.events.length === 0 && this.key !== undefined;
  }

  async addOrder(o: Order): Promise<void> {
    if (this.order) await this.flush();
    this.order = o;
  }

  addEvents(events: DomainEvent[]): void {
    this.events.push(...events);
  }

  async addKey(record: IdempotencyRecord): Promise<void> {
    if (this.key) await this.flush();
    this.key = record;
  }

  /**
   * `autocommit`: sent on its own, outside any transaction, as its own atomic statement. Only
   * for a unit whose sole write is held here (see PgConnections): one round trip, not three.
   */
  async flush(opts: { autocommit?: boolean } = {}): Promise<void> {
    const { order, events, key } = this;
    if (!order && events.length === 0 && !key) return;
    if (!opts.autocommit) await this.begin();
    this.order = undefined;
    this.events = [];
    this.key = undefined;
    const parts: Part[] = [];
    const next = () => 1 + parts.reduce((n, p) => n + p.values.length, 0);
    if (order) parts.push(orderPart(order, next()));
    if (events.length) parts.push(eventsPart(events, next()));
    if (key) parts.push(keyPart(key, next()));
    // One named (prepared) statement per shape: at most seven of them per connection.
    const res = await this.client.query({
      name: `ld_flush_${order ? 'o' : ''}${events.length ? 'e' : ''}${key ? 'k' : ''}`,
      text: `WITH ${parts.map((p) => p.cte).join(',\n')} SELECT ${key ? '(SELECT count(*) FROM k)' : '1'} AS saved`,
      values: parts.flatMap((p) => p.values),
    });
    if (key && Number(res.rows[0]?.saved) === 0) throw new IdempotencyKeyInUseError();
  }
}
