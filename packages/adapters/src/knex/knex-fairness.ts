import type { FairnessRepository, Shuffle } from '@livedrops/core';
import type { KnexDb } from './knex-db.js';

/** Seeds and published shuffles (SQLite and PostgreSQL). */
export class KnexFairnessRepository implements FairnessRepository {
  constructor(private readonly db: KnexDb) {}

  async seedOf(dropId: string): Promise<string | null> {
    const row = (await this.db.table('fair_seeds').where({ drop_id: dropId }).first('seed')) as
      | { seed: string }
      | undefined;
    return row?.seed ?? null;
  }

  async shuffleOf(dropId: string): Promise<Shuffle | null> {
    const row = (await this.db.table('fair_shuffles').where({ drop_id: dropId }).first()) as
      | Record<string, unknown>
      | undefined;
    if (!row) return null;
    return {
      dropId,
      seed: String(row.seed),
      order: JSON.parse(String(row.order_ids)) as string[],
      shuffledAt: Number(row.shuffled_at),
    };
  }

  /** Unclaimed shuffles of uncancelled drops, earliest due first: the partial index `drops_shuffle_due`. */
  private pending() {
    return this.db
      .table('drops')
      .whereNull('shuffled_at')
      .whereNotNull('shuffle_at')
      .whereNull('cancelled_at')
      .whereIn('access', ['draw', 'queue'])
      .orderBy([{ column: 'shuffle_at' }, { column: 'id' }]);
  }

  async dueShuffles(now: number, limit: number): Promise<string[]> {
    const rows = (await this.pending().where('shuffle_at', '<=', now).limit(limit).select('id')) as Array<{
      id: string;
    }>;
    return rows.map((r) => r.id);
  }

  async nextShuffleAt(): Promise<number | null> {
    const row = (await this.pending().first('shuffle_at')) as { shuffle_at: number | string } | undefined;
    return row ? Number(row.shuffle_at) : null;
  }
}
