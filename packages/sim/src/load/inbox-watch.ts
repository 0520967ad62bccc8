import type { HttpClient } from '../client/http-client.js';
import type { LatencyBook } from '../report/latency.js';

export const INBOX_SERIES = 'inbox shows drop.started (sampled followers, from startsAt)';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * How long after a drop's start its `drop.started` is in followers' inboxes, for followers
 * who hold no stream: for a celebrity that is every follower at once (fan-out on read), so
 * the slowest sampled follower is the time to notify all of them. Polls each sampled inbox
 * (a poll, not a flood: `concurrency` at a time, each inbox once a round) until it shows the event; bounded.
 */
export async function watchInboxes(
  http: HttpClient,
  tokens: string[],
  dropId: string,
  startsAt: number,
  book: LatencyBook,
  o: { concurrency?: number; timeoutMs?: number } = {},
): Promise<{ sampled: number; reached: number; allByMs: number | null }> {
  const pending = new Set(tokens.map((_, i) => i));
  const deadline = startsAt + (o.timeoutMs ?? 10_000);
  let slowest = 0;
  while (pending.size > 0 && Date.now() < deadline) {
    const round = [...pending];
    for (let i = 0; i < round.length; i += o.concurrency ?? 10) {
      await Promise.all(
        round.slice(i, i + (o.concurrency ?? 10)).map(async (k) => {
          // The query that first shows it was sent after the commit (or during it): its send time is the measure.
          const sentAt = Date.now();
          const r = await http.request('GET', '/v1/me/notifications?limit=10', { token: tokens[k], timeoutMs: 5000 });
          if (r.kind !== 'response' || r.status !== 200) return;
          const seen = (r.body.data as Array<{ type: string; data: { dropId?: string } }>).some(
            (n) => n.type === 'drop.started' && n.data.dropId === dropId,
          );
          if (!seen) return;
          pending.delete(k);
          const after = Math.max(0, sentAt - startsAt);
          slowest = Math.max(slowest, after);
          book.record(INBOX_SERIES, after);
        }),
      );
    }
    await sleep(50);
  }
  return {
    sampled: tokens.length,
    reached: tokens.length - pending.size,
    allByMs: pending.size === 0 ? slowest : null,
  };
}
