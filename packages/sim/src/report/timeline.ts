import type { Op, OrderInvoke, OrderOk } from '../history/types.js';

export interface Bucket {
  /** Start of the bucket, seconds since the load started. */
  t: number;
  ordersOk: number;
  ordersRefused: number;
  ordersInfo: number;
  reads: number;
  /** Units left across all drops at the end of the bucket (total − acknowledged). */
  left: number;
  /** Units left per charted drop (the ones that sold most). */
  perDrop: number[];
}

export interface Timeline {
  bucketMs: number;
  /** The drops in `perDrop`, in order. */
  charted: string[];
  buckets: Bucket[];
}

const CHARTED_DROPS = 8;

/** Throughput and stock over time, from the history alone (the checker's replays excluded). */
export function timeline(ops: Op[], drops: Array<{ id: string; total: number }>, loadStart: number, loadEnd: number): Timeline {
  const span = Math.max(1, loadEnd - loadStart);
  const bucketMs = Math.max(250, Math.ceil(span / 120 / 250) * 250);
  const n = Math.ceil(span / bucketMs);
  const invokes = new Map<number, Op>();
  const soldBy = new Map<string, number[]>(drops.map((d) => [d.id, new Array<number>(n).fill(0)]));
  const seen = new Set<string>();
  const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({ t: (i * bucketMs) / 1000, ordersOk: 0, ordersRefused: 0, ordersInfo: 0, reads: 0, left: 0, perDrop: [] }));
  for (const op of ops) {
    if (op.type === 'invoke') {
      invokes.set(op.index, op);
      continue;
    }
    if ((invokes.get(op.invoke ?? -1)?.value as OrderInvoke | undefined)?.resolve) continue;
    const i = Math.min(n - 1, Math.max(0, Math.floor((op.time - loadStart) / bucketMs)));
    const b = buckets[i]!;
    if (op.f !== 'order') {
      b.reads++;
      continue;
    }
    if (op.type === 'ok') {
      b.ordersOk++;
      const o = op.value as OrderOk;
      if (!seen.has(o.orderId)) {
        seen.add(o.orderId);
        const row = soldBy.get(o.dropId);
        if (row) row[i]! += o.quantity;
      }
    } else if (op.type === 'fail') b.ordersRefused++;
    else b.ordersInfo++;
  }
  const charted = [...soldBy.entries()].sort((a, b) => sum(b[1]) - sum(a[1])).slice(0, CHARTED_DROPS).map(([id]) => id);
  const left = new Map(drops.map((d) => [d.id, d.total]));
  buckets.forEach((b, i) => {
    for (const [id, row] of soldBy) left.set(id, left.get(id)! - row[i]!);
    b.left = sum([...left.values()]);
    b.perDrop = charted.map((id) => left.get(id)!);
  });
  return { bucketMs, charted, buckets };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
