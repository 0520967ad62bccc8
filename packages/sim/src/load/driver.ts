import { runRead } from './browse.js';
import type { LoadContext } from './load-context.js';
import { runIntent } from './order-intent.js';
import { arrivals, type Workload } from './schedule.js';

export interface LoadProgress {
  /** ms since the load started, and its planned length. */
  elapsedMs: number;
  durationMs: number;
  sent: number;
  inFlight: number;
}

export interface LoadResult {
  intents: { ok: number; fail: number; unknown: number };
  reads: number;
  /** History clock (ms) when the load started and when its last request completed. */
  startedAt: number;
  endedAt: number;
}

/**
 * Drives the workload. Open model (default): intents and reads arrive at fixed rates, each
 * at its own due time whatever happened to the ones before, and latency counts from that
 * due time, so a stalled server is charged for the queue it causes (no coordinated
 * omission). Closed model (`closed` > 0): that many buyers order back to back.
 */
export async function runLoad(
  ctx: LoadContext,
  workload: Workload,
  onProgress: (p: LoadProgress) => void,
): Promise<LoadResult> {
  const { o, history } = ctx;
  const startedAt = history.now();
  const intents = { ok: 0, fail: 0, unknown: 0 };
  const pending = new Set<Promise<void>>();
  let sent = 0;
  const track = (p: Promise<void>): void => {
    sent++;
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const intent = (i: number, dueMs: number): Promise<void> =>
    runIntent(ctx, workload.intent(i, dueMs), startedAt + dueMs).then((r) => void intents[r]++);

  const orderTimes = o.closed > 0 ? [] : arrivals(o.seed, 'orders', o.rate, o.durationMs, o.arrivals);
  const readTimes = arrivals(o.seed, 'reads', o.readRate, o.durationMs, o.arrivals);
  let nextOrder = 0;
  let nextRead = 0;
  const report = (): void =>
    onProgress({ elapsedMs: history.now() - startedAt, durationMs: o.durationMs, sent, inFlight: pending.size });
  const progress = setInterval(report, 250);
  let next = 0;
  const closedLoop = Promise.all(
    Array.from({ length: o.closed }, async () => {
      for (let el = history.now() - startedAt; el < o.durationMs; el = history.now() - startedAt) {
        const p = intent(next++, el);
        track(p);
        await p;
      }
    }),
  );
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      // Everything already due: a timer per request would cost more than the ≤ 1 ms this tick
      // can be late, and that lateness is charged to the latency anyway (counted from due time).
      const horizon = history.now() - startedAt;
      while (nextOrder < orderTimes.length && orderTimes[nextOrder]! <= horizon)
        track(intent(nextOrder, orderTimes[nextOrder++]!));
      while (nextRead < readTimes.length && readTimes[nextRead]! <= horizon) {
        const i = nextRead;
        track(runRead(ctx, workload.read(i), startedAt + readTimes[nextRead++]!));
      }
      if (nextOrder >= orderTimes.length && nextRead >= readTimes.length) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  await closedLoop;
  while (pending.size > 0) await Promise.all([...pending]);
  clearInterval(progress);
  report();
  return { intents, reads: readTimes.length, startedAt, endedAt: history.now() };
}
