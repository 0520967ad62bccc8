import type { KnexDb } from '../knex/knex-db.js';
import { KnexNotificationFeed } from '../knex/knex-notification-feed.js';
import type { Row } from '../knex/knex-rows.js';
import type { PgOutboxSequencer } from './pg-outbox-sequencer.js';

/**
 * The portable feed queries, plus what positions given after commit need: an event that
 * committed but has no position yet gets one before `seqOf` answers, so a caller holding
 * an event id (a stream's Last-Event-ID, a test) always learns where it stands.
 */
export class PgNotificationFeed extends KnexNotificationFeed {
  constructor(
    private readonly knexDb: KnexDb,
    private readonly sequencer: PgOutboxSequencer,
  ) {
    super(knexDb);
  }

  override async seqOf(eventId: string): Promise<number | null> {
    const read = async () => (await this.knexDb.table('outbox').where('id', eventId).first('seq')) as Row | undefined;
    let row = await read();
    if (!row) return null;
    if (row.seq === null) {
      await this.sequencer.catchUp();
      row = await read();
    }
    return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
  }
}
