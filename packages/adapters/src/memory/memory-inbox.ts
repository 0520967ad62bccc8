import { toNotification, type FeedItem, type NotificationFeed, type SeqRange } from '@livedrops/core';
import type { MemoryStore, OutboxRow } from './memory-store.js';

const inRange = (seq: number, r: SeqRange): boolean =>
  (r.after === undefined || seq > r.after) && (r.before === undefined || seq < r.before);

/** Sorts and cuts as the SQL adapters' ORDER BY seq … LIMIT do. */
function slice(rows: OutboxRow[], r: SeqRange): FeedItem[] {
  const sorted = rows
    .filter((row) => inRange(row.seq, r))
    .sort((a, b) => (r.order === 'asc' ? a.seq - b.seq : b.seq - a.seq));
  return sorted
    .slice(0, r.limit)
    .map((row) => ({ seq: row.seq, notification: structuredClone(toNotification(row.event)) }));
}

/**
 * The memory engine's feed: the outbox rows are the event log, as in SQL; the inbox
 * (fan-out on write) is kept here, beside the shared store, as user → positions.
 */
export class MemoryNotificationFeed implements NotificationFeed {
  readonly inbox = new Map<string, Set<number>>();

  constructor(private readonly s: MemoryStore) {}

  private row(seq: number): OutboxRow | undefined {
    return this.s.outbox.find((r) => r.seq === seq);
  }

  async deliver(seq: number, userIds: readonly string[]): Promise<number> {
    let added = 0;
    for (const userId of userIds) {
      let seqs = this.inbox.get(userId);
      if (!seqs) this.inbox.set(userId, (seqs = new Set()));
      if (!seqs.has(seq)) added++;
      seqs.add(seq);
    }
    return added;
  }

  async personal(userId: string, range: SeqRange): Promise<FeedItem[]> {
    return slice(
      this.s.outbox.filter((r) => r.event.userId === userId),
      range,
    );
  }

  async fannedOut(userId: string, range: SeqRange): Promise<FeedItem[]> {
    const rows = [...(this.inbox.get(userId) ?? [])]
      .map((seq) => this.row(seq))
      .filter((r): r is OutboxRow => r !== undefined);
    return slice(rows, range);
  }

  async merged(userId: string, range: SeqRange): Promise<FeedItem[]> {
    const following = this.s.following.get(userId) ?? new Map<string, number>();
    const rows = this.s.outbox.filter((r) => {
      const since = following.get(r.event.creatorId);
      return r.event.fanout === 'read' && since !== undefined && r.event.createdAt >= since;
    });
    return slice(rows, range);
  }

  async followersAmong(creatorId: string, userIds: readonly string[], at: number): Promise<string[]> {
    const followers = this.s.followers.get(creatorId);
    return userIds.filter((id) => {
      const since = followers?.get(id);
      return since !== undefined && since <= at;
    });
  }

  async seqOf(eventId: string): Promise<number | null> {
    return this.s.outbox.find((r) => r.event.id === eventId)?.seq ?? null;
  }

  async head(): Promise<number> {
    return this.s.outbox.at(-1)?.seq ?? 0;
  }
}
