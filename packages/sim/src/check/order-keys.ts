import type { FailValue, Op, OrderInvoke, OrderOk } from '../history/types.js';

/** Refusals the server decided and stored under the key: a replay must answer the same. */
export const STORED_REFUSALS = new Set([
  'sold_out',
  'insufficient_stock',
  'purchase_limit_exceeded',
  'drop_not_live',
  'not_found',
]);

/** Everything the history says about one (user, Idempotency-Key). */
export interface KeyRecord {
  userId: string;
  key: string;
  dropId: string;
  quantity: number;
  /** Completions that answered 201, and ones refused with a stored business error. */
  oks: Array<{ op: Op; value: OrderOk; invoke: Op }>;
  refusals: Array<{ op: Op; code: string }>;
  /** Indeterminate completions (timeouts, resets, abandoned responses, 500s). */
  infos: Op[];
}

/** Groups the order completions of a history by (user, key), pairing each with its invoke. */
export function keyRecords(ops: Op[]): Map<string, KeyRecord> {
  const invokes = new Map<number, Op>();
  const keys = new Map<string, KeyRecord>();
  for (const op of ops) {
    if (op.f !== 'order') continue;
    if (op.type === 'invoke') {
      invokes.set(op.index, op);
      continue;
    }
    const inv = invokes.get(op.invoke ?? -1);
    if (!inv) continue;
    const v = inv.value as OrderInvoke;
    const id = `${v.userId}\u0000${v.key}`;
    let rec = keys.get(id);
    if (!rec)
      keys.set(
        id,
        (rec = {
          userId: v.userId,
          key: v.key,
          dropId: v.dropId,
          quantity: v.quantity,
          oks: [],
          refusals: [],
          infos: [],
        }),
      );
    if (op.type === 'ok') rec.oks.push({ op, value: op.value as OrderOk, invoke: inv });
    else if (op.type === 'info') rec.infos.push(op);
    else if (STORED_REFUSALS.has((op.value as FailValue).code))
      rec.refusals.push({ op, code: (op.value as FailValue).code });
  }
  return keys;
}

/** A key is determinate once any answer settled it: a 201 or a stored refusal. */
export const isDeterminate = (k: KeyRecord): boolean => k.oks.length > 0 || k.refusals.length > 0;

/** Keys whose outcome is still unknown (only timeouts, resets, in-flight conflicts...). */
export function indeterminateKeys(ops: Op[]): KeyRecord[] {
  return [...keyRecords(ops).values()].filter((k) => !isDeterminate(k));
}
