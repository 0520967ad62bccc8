import type { Observed, ObservedDrop, Op, OpF } from '../../src/index.js';

/** Hand-written histories for the checker's unit tests: ops get consecutive indexes and times. */
export class HistoryBuilder {
  readonly ops: Op[] = [];

  private add(op: Omit<Op, 'index' | 'time'>): Op {
    const full = { ...op, index: this.ops.length + 1, time: this.ops.length * 10 } as Op;
    this.ops.push(full);
    return full;
  }

  invoke(f: OpF, value: unknown, process = 'p'): Op {
    return this.add({ type: 'invoke', f, process, value });
  }

  complete(inv: Op, type: 'ok' | 'fail' | 'info', value: unknown): Op {
    return this.add({ type, f: inv.f, process: inv.process, invoke: inv.index, latencyMs: 1, value });
  }

  /** An order attempt: invoke, then ok (order id), fail (code) or info (error). */
  order(
    userId: string,
    key: string,
    outcome: { ok: string; replayed?: boolean } | { fail: string } | { info: string },
    o: { dropId?: string; quantity?: number; resolve?: boolean } = {},
  ): { inv: Op; done: Op } {
    const dropId = o.dropId ?? 'd1';
    const quantity = o.quantity ?? 1;
    const inv = this.invoke(
      'order',
      { userId, key, dropId, quantity, intent: 0, attempt: 0, tap: 1, ...(o.resolve && { resolve: true }) },
      userId,
    );
    const done =
      'ok' in outcome
        ? this.complete(inv, 'ok', {
            status: 201,
            orderId: outcome.ok,
            quantity,
            dropId,
            replayed: outcome.replayed ?? false,
            createdAt: 0,
          })
        : 'fail' in outcome
          ? this.complete(inv, 'fail', { status: 409, code: outcome.fail })
          : this.complete(inv, 'info', { error: outcome.info });
    return { inv, done };
  }

  readDrop(dropId: string, available: number, total: number): { inv: Op; done: Op } {
    const inv = this.invoke('read-drop', { dropId }, 'reader');
    return { inv, done: this.complete(inv, 'ok', { dropId, available, total, status: 'live' }) };
  }
}

export function drop(o: Partial<ObservedDrop> = {}): ObservedDrop {
  return {
    id: 'd1',
    creatorId: 'c1',
    total: 2,
    available: 0,
    status: 'sold_out',
    startsAt: 1000,
    endsAt: 999_999,
    ...o,
  };
}

/** Observed state with sensible empties; orders given as [userId, orderId, quantity?, dropId?]. */
export function observed(
  o: Partial<Observed> & { orderRows?: Array<[string, string, number?, string?]> } = {},
): Observed {
  const orders: Observed['orders'] = { ...o.orders };
  for (const [userId, id, quantity = 1, dropId = 'd1'] of o.orderRows ?? [])
    (orders[userId] ??= []).push({ id, userId, dropId, quantity, createdAt: 0 });
  const { orderRows: _rows, orders: _orders, ...rest } = o;
  return { epoch0: 0, drops: [drop()], inboxes: {}, follows: {}, streams: [], receipts: [], ...rest, orders };
}
