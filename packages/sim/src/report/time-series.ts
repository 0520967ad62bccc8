import type { Op, OrderInvoke, Receipt, StockReading } from '../history/types.js';
import { ENDPOINT } from '../load/load-context.js';

export type LatencyOverTime = Array<{
  series: string;
  points: Array<{ t: number; n: number; p50: number; p99: number }>;
}>;
export type Marker = { t: number; label: string };

/** The value at a quantile of sorted numbers (nearest rank). */
const at = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

/**
 * p50 and p99 of answered requests per endpoint, second by second (completion time): what
 * the HDR summaries fold away, such as the first second after a drop opens.
 */
export function latencyOverTime(ops: Op[], loadStart: number, loadEnd: number): LatencyOverTime {
  const resolves = new Set(
    ops.filter((o) => o.type === 'invoke' && (o.value as OrderInvoke).resolve).map((o) => o.index),
  );
  const bySeries = new Map<string, number[][]>();
  const seconds = Math.max(1, Math.ceil((loadEnd - loadStart) / 1000));
  for (const op of ops) {
    if ((op.type !== 'ok' && op.type !== 'fail') || resolves.has(op.invoke ?? -1) || op.latencyMs === undefined)
      continue;
    const s = Math.min(seconds - 1, Math.max(0, Math.floor((op.time - loadStart) / 1000)));
    const name = ENDPOINT[op.f];
    const rows =
      bySeries.get(name) ??
      bySeries
        .set(
          name,
          Array.from({ length: seconds }, () => []),
        )
        .get(name)!;
    rows[s]!.push(op.latencyMs);
  }
  return [...bySeries].map(([series, rows]) => ({
    series,
    points: rows.flatMap((xs, s) => {
      if (!xs.length) return [];
      const sorted = xs.sort((a, b) => a - b);
      return [{ t: s + 0.5, n: sorted.length, p50: round(at(sorted, 0.5)), p99: round(at(sorted, 0.99)) }];
    }),
  }));
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * Where the drops started and sold out, in seconds since the load started, for a vertical line
 * on every time chart. Several drops: the first and last start, the first sell-out and, when
 * every drop sold out, the last.
 */
export function markers(
  drops: Array<{ id: string; startsAt: number }>,
  readings: StockReading[],
  loadStartEpoch: number,
  loadStart: number,
): Marker[] {
  const starts = drops.map((d) => (d.startsAt - loadStartEpoch) / 1000).sort((a, b) => a - b);
  const soldOutAt = new Map<string, number>();
  for (const r of [...readings].sort((a, b) => a.t - b.t)) {
    if (r.available === 0 && !soldOutAt.has(r.dropId)) soldOutAt.set(r.dropId, (r.t - loadStart) / 1000);
  }
  const sold = [...soldOutAt.values()].sort((a, b) => a - b);
  if (drops.length === 1)
    return [{ t: starts[0]!, label: 'drop starts' }, ...(sold.length ? [{ t: sold[0]!, label: 'sold out' }] : [])];
  const out: Marker[] = [{ t: starts[0]!, label: 'first drop starts' }];
  if (starts.at(-1)! - starts[0]! > 0.1) out.push({ t: starts.at(-1)!, label: 'last drop starts' });
  if (sold.length) out.push({ t: sold[0]!, label: 'first sold out' });
  if (sold.length === drops.length && sold.length > 1) out.push({ t: sold.at(-1)!, label: 'all sold out' });
  return out;
}

/**
 * Notification arrival as a cumulative distribution, per type and for all: the share of
 * deliveries (first arrival per stream and event) that had arrived x ms after their trigger,
 * the same trigger as the latency table (notify-latency.ts). At most 101 points per line.
 */
export function notificationCdf(
  receipts: Receipt[],
  trigger: (r: Receipt) => number | undefined,
): Record<string, Array<[ms: number, pct: number]>> {
  const byType = new Map<string, number[]>([['all', []]]);
  const seen = new Set<string>();
  for (const r of receipts) {
    const once = `${r.userId}\u0000${r.id}`;
    const from = trigger(r);
    if (seen.has(once) || from === undefined) continue;
    seen.add(once);
    const ms = Math.max(0, r.at - from);
    byType.get('all')!.push(ms);
    (byType.get(r.type) ?? byType.set(r.type, []).get(r.type)!).push(ms);
  }
  const out: Record<string, Array<[number, number]>> = {};
  for (const [type, xs] of byType) {
    if (!xs.length) continue;
    const sorted = xs.sort((a, b) => a - b);
    out[type] = Array.from(
      { length: 101 },
      (_, p) => [round(p === 0 ? sorted[0]! : at(sorted, p / 100)), p] as [number, number],
    );
  }
  return out;
}
