import type { Op, OrderInvoke, StockReading } from '../history/types.js';

export interface Bucket {
  /** Start of the bucket, seconds since the load started. */
  t: number;
  ordersOk: number;
  ordersRefused: number;
  ordersInfo: number;
  reads: number;
  /** Units left across all drops at the end of the bucket: the latest stock reading of each. */
  left: number;
  /** Units left per charted drop (the ones that sold most), read the same way. */
  perDrop: number[];
}

export interface Timeline {
  bucketMs: number;
  /** The drops in `perDrop`, in order. */
  charted: string[];
  buckets: Bucket[];
}

const CHARTED_DROPS = 8;

/**
 * Throughput over time from the history (the checker's replays excluded), and stock over time
 * from the API's own readings (stock-sampler.ts): at each bucket's end, the latest reading of
 * each drop, or its total before the first one; the last bucket ends with the final reading.
 */
export function timeline(
  ops: Op[],
  drops: Array<{ id: string; total: number; available: number }>,
  readings: StockReading[],
  loadStart: number,
  loadEnd: number,
): Timeline {
  const span = Math.max(1, loadEnd - loadStart);
  const bucketMs = Math.max(250, Math.ceil(span / 120 / 250) * 250);
  const n = Math.ceil(span / bucketMs);
  const invokes = new Map<number, Op>();
  const buckets: Bucket[] = Array.from({ length: n }, (_, i) => ({
    t: (i * bucketMs) / 1000,
    ordersOk: 0,
    ordersRefused: 0,
    ordersInfo: 0,
    reads: 0,
    left: 0,
    perDrop: [],
  }));
  for (const op of ops) {
    if (op.type === 'invoke') {
      invokes.set(op.index, op);
      continue;
    }
    if ((invokes.get(op.invoke ?? -1)?.value as OrderInvoke | undefined)?.resolve) continue;
    const b = buckets[Math.min(n - 1, Math.max(0, Math.floor((op.time - loadStart) / bucketMs)))]!;
    if (op.f !== 'order') b.reads++;
    else if (op.type === 'ok') b.ordersOk++;
    else if (op.type === 'fail') b.ordersRefused++;
    else b.ordersInfo++;
  }
  const charted = [...drops]
    .sort((a, b) => b.total - b.available - (a.total - a.available))
    .slice(0, CHARTED_DROPS)
    .map((d) => d.id);
  const sorted = [...readings].sort((a, b) => a.t - b.t);
  const left = new Map(drops.map((d) => [d.id, d.total]));
  let next = 0;
  buckets.forEach((b, i) => {
    // The last bucket takes the reading made just after the load, so the chart ends on its outcome.
    const end = i === n - 1 ? Infinity : Math.min(loadEnd, loadStart + (i + 1) * bucketMs);
    for (; next < sorted.length && sorted[next]!.t <= end; next++) {
      const r = sorted[next]!;
      if (left.has(r.dropId)) left.set(r.dropId, r.available);
    }
    b.left = [...left.values()].reduce((a, x) => a + x, 0);
    b.perDrop = charted.map((id) => left.get(id)!);
  });
  return { bucketMs, charted, buckets };
}
