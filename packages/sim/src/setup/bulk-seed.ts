import { loadConfig, openData, RandomTokens, SystemClock, UuidV7, type DataAdapters } from '@livedrops/adapters';

/** Never a valid scrypt hash: seeded users act through sessions, never by logging in. */
const PLACEHOLDER_HASH = '!sim-seeded';
// Users per transaction: amortises the commit, yet a server on the same file never waits long.
const CHUNK = 5000;
// knex writes a multi-row INSERT as a compound SELECT, which SQLite caps at 500 terms.
const ROWS_PER_INSERT = 500;

interface RowInserter {
  transaction<T>(
    work: (trx: (table: string) => { insert(rows: object[]): PromiseLike<unknown> }) => Promise<T>,
  ): Promise<T>;
}

export interface BulkUsers {
  /** Ids and session tokens of the first `withTokens` users (the ones that act); the rest only follow. */
  ids: string[];
  tokens: string[];
  created: number;
}

/**
 * Creates `count` users straight through the adapters (no HTTP, no scrypt), each following
 * the creators `followsOf(i)` names, with sessions for the first `withTokens`: a million
 * followers in well under a minute, where registering over the API would take hours.
 */
export async function bulkSeedUsers(
  databaseUrl: string,
  o: {
    count: number;
    withTokens: number;
    tag: string;
    followsOf: (i: number) => string[];
    progress?: (done: number, total: number) => void;
  },
): Promise<BulkUsers> {
  const data = await openData(loadConfig({ DATABASE_URL: databaseUrl }), new SystemClock());
  const ids = new UuidV7();
  const tokens = new RandomTokens();
  const out: BulkUsers = { ids: [], tokens: [], created: 0 };
  try {
    while (out.created < o.count) {
      const now = Date.now();
      const n = Math.min(CHUNK, o.count - out.created);
      const users = Array.from({ length: n }, (_, k) => ({ i: out.created + k, id: ids.next() }));
      const sessions: Array<{ token_hash: string; user_id: string; created_at: number }> = [];
      for (const u of users) {
        if (u.i >= o.withTokens) continue;
        const t = tokens.issue();
        out.ids.push(u.id);
        out.tokens.push(t.token);
        sessions.push({ token_hash: t.hash, user_id: u.id, created_at: now });
      }
      await insertUsers(
        data,
        users.map((u) => ({ id: u.id, handle: `${o.tag}_${u.i}`, now })),
        sessions,
      );
      const byCreator = new Map<string, string[]>();
      for (const u of users) {
        for (const c of o.followsOf(u.i)) {
          const list = byCreator.get(c);
          if (list) list.push(u.id);
          else byCreator.set(c, [u.id]);
        }
      }
      for (const [creatorId, followerIds] of byCreator) await data.follows.bulkFollow(creatorId, followerIds, now);
      out.created += n;
      o.progress?.(out.created, o.count);
    }
    return out;
  } finally {
    await data.close();
  }
}

/** Multi-row INSERTs on engines that expose knex (about 3× the port's one-user path); else the ports. */
async function insertUsers(
  data: DataAdapters,
  users: Array<{ id: string; handle: string; now: number }>,
  sessions: Array<{ token_hash: string; user_id: string; created_at: number }>,
): Promise<void> {
  const knex = (data as DataAdapters & { knex?: RowInserter }).knex;
  if (!knex) {
    for (const u of users)
      await data.users.create(
        { id: u.id, handle: u.handle, displayName: u.handle, isCreator: false, createdAt: u.now },
        PLACEHOLDER_HASH,
      );
    for (const s of sessions)
      await data.sessions.create({ tokenHash: s.token_hash, userId: s.user_id, createdAt: s.created_at });
    return;
  }
  const rows = users.map((u) => ({
    id: u.id,
    handle: u.handle,
    display_name: u.handle,
    is_creator: false,
    password_hash: PLACEHOLDER_HASH,
    follower_count: 0,
    created_at: u.now,
  }));
  await knex.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await trx('users').insert(rows.slice(i, i + ROWS_PER_INSERT));
    for (let i = 0; i < sessions.length; i += ROWS_PER_INSERT)
      await trx('sessions').insert(sessions.slice(i, i + ROWS_PER_INSERT));
  });
}
