import type { EventLog, EventLogEntry } from '@livedrops/core';
import type { Knex } from 'knex';
import { toEvent, type Row } from './knex-rows.js';

/**
 * The outbox read as an event log, on SQLite and Postgres alike. Only positioned rows:
 * on Postgres `seq` is NULL until the sequencer has placed a committed row, and a range
 * read by position never sees a smaller position appear later (pg-outbox-sequencer.ts).
 * Reads outside any transaction, straight on the engine's knex.
 */
export class KnexEventLog implements EventLog {
  constructor(private readonly knex: Knex) {}

  async after(seq: number, limit: number): Promise<EventLogEntry[]> {
    const rows = (await this.knex('outbox').where('seq', '>', seq).orderBy('seq').limit(limit)) as Row[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      event: toEvent(r),
      published: r.published_at !== null && r.published_at !== undefined,
    }));
  }

  async firstUnpublished(): Promise<number | null> {
    const row = (await this.knex('outbox')
      .whereNull('published_at')
      .whereNotNull('seq')
      .min({ first: 'seq' })
      .first()) as Row | undefined;
    const first = row?.first;
    return first === null || first === undefined ? null : Number(first);
  }
}
