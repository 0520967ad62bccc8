import type { OutboxEntry, OutboxRelayStore } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

export class MemoryOutboxRelayStore implements OutboxRelayStore {
  constructor(private readonly s: MemoryStore) {}

  async pending(limit: number): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for (const row of this.s.outbox) {
      if (out.length >= limit) break;
      if (row.publishedAt === null) out.push({ seq: row.seq, event: structuredClone(row.event) });
    }
    return out;
  }

  async markPublished(seqs: number[], at: number): Promise<void> {
    const wanted = new Set(seqs);
    for (const row of this.s.outbox) if (wanted.has(row.seq) && row.publishedAt === null) row.publishedAt = at;
  }

  async lag(now: number): Promise<number> {
    const oldest = this.s.outbox.find((r) => r.publishedAt === null);
    return oldest ? Math.max(0, now - oldest.event.createdAt) : 0;
  }
}
