import type { EventLog, EventLogEntry } from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

/** The memory engine's outbox read as an event log. */
export class MemoryEventLog implements EventLog {
  constructor(private readonly s: MemoryStore) {}

  async after(seq: number, limit: number): Promise<EventLogEntry[]> {
    const out: EventLogEntry[] = [];
    for (const row of this.s.outbox) {
      if (row.seq <= seq) continue;
      if (out.length >= limit) break;
      out.push({ seq: row.seq, event: structuredClone(row.event), published: row.publishedAt !== null });
    }
    return out;
  }

  async firstUnpublished(): Promise<number | null> {
    return this.s.outbox.find((r) => r.publishedAt === null)?.seq ?? null;
  }
}
