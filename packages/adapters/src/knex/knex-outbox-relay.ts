import type { OutboxEntry, OutboxRelayStore } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { toEvent, type Row } from './knex-rows.js';

// markPublished binds one parameter per seq; the relay's batches are far smaller, but
// chunking keeps a caller with a huge list under every engine's parameter limit.
const MARK_CHUNK = 500;

/** The relay's side of the outbox; the backlog is read through a partial index. */
export class KnexOutboxRelayStore implements OutboxRelayStore {
  constructor(private readonly db: KnexDb) {}

  async pending(limit: number): Promise<OutboxEntry[]> {
    const rows = (await this.db.table('outbox').whereNull('published_at').orderBy('seq', 'asc').limit(limit)) as Row[];
    return rows.map((r) => ({ seq: Number(r.seq), event: toEvent(r) }));
  }

  async markPublished(seqs: number[], at: number): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.transaction(async () => {
      for (let i = 0; i < seqs.length; i += MARK_CHUNK) {
        // The first publication's time stands when a retry publishes a row again.
        await this.db
          .table('outbox')
          .whereIn('seq', seqs.slice(i, i + MARK_CHUNK))
          .whereNull('published_at')
          .update({ published_at: at });
      }
    });
  }

  async lag(now: number): Promise<number> {
    const row = (await this.db.table('outbox').whereNull('published_at').min({ oldest: 'created_at' }).first()) as
      | Row
      | undefined;
    const oldest = row?.oldest;
    return oldest === null || oldest === undefined ? 0 : Math.max(0, now - Number(oldest));
  }
}
