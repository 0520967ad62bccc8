import { EntriesClosedError, type DrawEntry, type DrawRepository } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import type { Row } from './knex-rows.js';
import { isPostgres } from './migrations/dialect.js';
import { toDrawEntry } from './sql-fairness-tx.js';

/** Draw entries (SQLite and PostgreSQL). */
export class KnexDrawRepository implements DrawRepository {
  constructor(private readonly db: KnexDb) {}

  /**
   * One transaction: the drop's row is read FOR SHARE (PostgreSQL; SQLite has one writer),
   * so an entry and the shuffle's claim never overlap: the entry commits before the claim,
   * and the shuffle sees it, or it finds the draw claimed and is refused.
   */
  enter(entry: DrawEntry): Promise<{ entry: DrawEntry; created: boolean }> {
    return this.db.transaction(async () => {
      const q = this.db.table('drops').where({ id: entry.dropId }).first('shuffled_at');
      const drop = (await (isPostgres(this.db.knex) ? q.forShare() : q)) as Row | undefined;
      const existing = await this.find(entry.dropId, entry.userId);
      if (existing) return { entry: existing, created: false };
      if (!drop || drop.shuffled_at !== null) throw new EntriesClosedError();
      const inserted = (await this.db
        .table('draw_entries')
        .insert({ drop_id: entry.dropId, user_id: entry.userId, id: entry.id, entered_at: entry.enteredAt })
        .onConflict(['drop_id', 'user_id'])
        .ignore()
        .returning('id')) as Row[];
      if (inserted.length > 0) return { entry, created: true };
      return { entry: (await this.find(entry.dropId, entry.userId))!, created: false };
    });
  }

  async find(dropId: string, userId: string): Promise<DrawEntry | null> {
    const row = (await this.db.table('draw_entries').where({ drop_id: dropId, user_id: userId }).first()) as
      | Row
      | undefined;
    return row ? toDrawEntry(row) : null;
  }
}
