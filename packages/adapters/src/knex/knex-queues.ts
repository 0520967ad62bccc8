import { AFTER_START, type QueueEntry, type QueueRepository, type QueueState } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import type { Row } from './knex-rows.js';
import { isPostgres } from './migrations/dialect.js';

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toEntry(r: Row): QueueEntry {
  return {
    dropId: String(r.drop_id),
    userId: String(r.user_id),
    joinedAt: Number(r.joined_at),
    rank: numOrNull(r.rank),
    state: String(r.state) as QueueState,
    pass: r.pass == null ? null : String(r.pass),
    passExpiresAt: numOrNull(r.pass_expires_at),
    admittedAt: numOrNull(r.admitted_at),
    usedKey: r.used_key == null ? null : String(r.used_key),
  };
}

/** Waiting rooms (SQLite and PostgreSQL): the database is the record of every line. */
/** A pre-queue join that lost the race with the start's shuffle is ranked as an arrival. */
export function rankAtJoin(entry: QueueEntry, shuffledAt: unknown): number | null {
  return entry.rank === null && shuffledAt != null ? AFTER_START + entry.joinedAt : entry.rank;
}

export class KnexQueueRepository implements QueueRepository {
  constructor(private readonly db: KnexDb) {}

  /**
   * The drop's row is read FOR SHARE (PostgreSQL; SQLite has one writer), so a pre-queue join
   * and the start's shuffle never overlap: one made after the claim is ranked as an arrival.
   */
  join(entry: QueueEntry): Promise<{ entry: QueueEntry; created: boolean }> {
    return this.db.transaction(async () => {
      const q = this.db.table('drops').where({ id: entry.dropId }).first('shuffled_at');
      const drop = (await (isPostgres(this.db.knex) ? q.forShare() : q)) as Row | undefined;
      const rank = rankAtJoin(entry, drop?.shuffled_at);
      const inserted = (await this.db
        .table('queue_entries')
        .insert({ drop_id: entry.dropId, user_id: entry.userId, joined_at: entry.joinedAt, rank, state: 'waiting' })
        .onConflict(['drop_id', 'user_id'])
        .ignore()
        .returning('user_id')) as Row[];
      if (inserted.length > 0) return { entry: { ...entry, rank }, created: true };
      return { entry: (await this.find(entry.dropId, entry.userId))!, created: false };
    });
  }

  async find(dropId: string, userId: string): Promise<QueueEntry | null> {
    const row = (await this.db.table('queue_entries').where({ drop_id: dropId, user_id: userId }).first()) as
      | Row
      | undefined;
    return row ? toEntry(row) : null;
  }

  /** One range of the partial index `queue_line`. */
  async position(e: QueueEntry): Promise<number | null> {
    if (e.rank === null || e.state !== 'waiting') return null;
    const rank = e.rank;
    const [row] = (await this.db
      .table('queue_entries')
      .where({ drop_id: e.dropId, state: 'waiting' })
      .where((w) => {
        w.where('rank', '<', rank).orWhere((x) => x.where('rank', rank).where('user_id', '<', e.userId));
        // Before the start's shuffle the pre-queue has no ranks yet, but all of it is ahead of an arrival.
        if (rank >= AFTER_START) w.orWhereNull('rank');
      })
      .count({ n: '*' })) as Row[];
    return Number(row?.n ?? 0) + 1;
  }

  async admittedSince(dropId: string, since: number): Promise<number> {
    const [row] = (await this.db
      .table('queue_entries')
      .where({ drop_id: dropId })
      .where('admitted_at', '>=', since)
      .count({ n: '*' })) as Row[];
    return Number(row?.n ?? 0);
  }

  async waitingCount(): Promise<number> {
    const [row] = (await this.db.table('queue_entries').where('state', 'waiting').count({ n: '*' })) as Row[];
    return Number(row?.n ?? 0);
  }

  async active(limit: number): Promise<string[]> {
    const rows = (await this.db
      .table('drops as d')
      .where('d.access', 'queue')
      // Started (shuffled), or cancelled before it started: its line still has to be closed.
      .where((w) => w.whereNotNull('d.shuffled_at').orWhereNotNull('d.cancelled_at'))
      .whereExists((q) =>
        q
          .select(this.db.knex.raw('1'))
          .from('queue_entries as e')
          .whereRaw('e.drop_id = d.id')
          .where('e.state', 'waiting'),
      )
      .orderBy('d.starts_at')
      .limit(limit)
      .select('d.id')) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async bindPass(dropId: string, userId: string, pass: string, key: string, now: number): Promise<boolean> {
    const changed = await this.db
      .table('queue_entries')
      .where({ drop_id: dropId, user_id: userId, pass, state: 'admitted' })
      .where((w) => w.where('used_key', key).orWhere((x) => x.whereNull('used_key').where('pass_expires_at', '>', now)))
      .update({ used_key: key });
    return Number(changed) === 1;
  }

  async releasePass(dropId: string, userId: string, key: string): Promise<void> {
    await this.db
      .table('queue_entries')
      .where({ drop_id: dropId, user_id: userId, used_key: key })
      .whereNull('spent_at')
      .update({ used_key: null });
  }

  async spendPass(dropId: string, userId: string, key: string, at: number): Promise<void> {
    await this.db
      .table('queue_entries')
      .where({ drop_id: dropId, user_id: userId, used_key: key })
      .whereNull('spent_at')
      .update({ spent_at: at });
  }
}
