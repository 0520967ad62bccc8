// Polls followers' inboxes until each shows a drop's `drop.started` on top: how long after
// the drop's start every sampled follower could see it, and what an inbox query costs.
import { stats } from './measure.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `read(token)` fetches one inbox page (limit 1). Rounds over the followers not yet
 * showing it, `concurrency` at a time, with a pause between rounds: a poll, not a flood,
 * since the streams measured at the same time share the server. Bounded by `timeoutMs`.
 */
export async function sampleInboxes(read, tokens, dropId, startsAt, { concurrency = 5, timeoutMs = 10_000 } = {}) {
  const pending = new Set(tokens.map((_, i) => i));
  const seenAfter = [];
  const queryMs = [];
  const queries = []; // [epoch ms the query started, whether it showed the drop]
  const deadline = startsAt + timeoutMs;
  while (pending.size && Date.now() < deadline) {
    const round = [...pending];
    for (let i = 0; i < round.length; i += concurrency) {
      await Promise.all(round.slice(i, i + concurrency).map(async (k) => {
        const q0 = performance.now();
        const started = Date.now();
        const page = await read(tokens[k]);
        queryMs.push(performance.now() - q0);
        const saw = page.data[0]?.data?.dropId === dropId;
        queries.push([started, saw]);
        if (saw) {
          pending.delete(k);
          seenAfter.push(Date.now() - startsAt);
        }
      }));
    }
    await sleep(100);
  }
  return {
    sampled: tokens.length,
    visible: seenAfter.length,
    allVisibleAfterMs: Math.max(...seenAfter),
    query: stats(queryMs),
    /** Queries that started `graceMs` after `at` (the event's creation) and still missed it. */
    missesAfter: (at, graceMs = 50) => queries.filter(([t, saw]) => t >= at + graceMs && !saw).length,
    queriesAfter: (at, graceMs = 50) => queries.filter(([t]) => t >= at + graceMs).length,
  };
}
