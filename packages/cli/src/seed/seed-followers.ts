import { randomBytes } from 'node:crypto';
import { SystemClock, UuidV7, type DataAdapters } from '@livedrops/adapters';
import type { User } from '@livedrops/core';
import { CliError } from '../errors.js';

/** Never a valid scrypt hash, so seeded followers exist, follow and receive, but cannot log in. */
export const PLACEHOLDER_HASH = '!seeded';
// Users and follow edges written per transaction: big enough to amortise the commit, small
// enough that a server using the same SQLite file never waits long for the write lock.
const CHUNK = 5000;
// Rows per multi-row INSERT: knex writes it as a compound SELECT, which SQLite caps at 500 terms.
const ROWS_PER_INSERT = 500;

export type SeedProgress = (done: number, total: number) => void;

/**
 * Users in bulk. The UserRepository port inserts one user per call (~20k/s through knex); the
 * SQL engines (SQLite, PostgreSQL) expose their knex handle, and one multi-row INSERT per 500 users of exactly the
 * columns KnexUserRepository.create writes is ~3x faster. Other engines take the port's path.
 */
/** The slice of knex this needs; the CLI does not depend on knex itself. */
interface RowInserter {
  transaction<T>(
    work: (trx: (table: string) => { insert(rows: object[]): PromiseLike<unknown> }) => Promise<T>,
  ): Promise<T>;
}

async function insertUsers(data: DataAdapters, users: User[]): Promise<void> {
  const knex = (data as DataAdapters & { knex?: RowInserter }).knex;
  if (!knex) {
    await data.uow.run(async () => {
      for (const u of users) await data.users.create(u, PLACEHOLDER_HASH);
    });
    return;
  }
  const rows = users.map((u) => ({
    id: u.id,
    handle: u.handle,
    display_name: u.displayName,
    is_creator: false,
    password_hash: PLACEHOLDER_HASH,
    follower_count: 0,
    created_at: u.createdAt,
  }));
  await knex.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await trx('users').insert(rows.slice(i, i + ROWS_PER_INSERT));
  });
}

/**
 * Creates `count` follower accounts for the creator and follows them, straight through the
 * adapters (no HTTP, no password hashing): the simulator's million-follower scenario needs a
 * creator with that audience in seconds, not hours.
 */
export async function seedFollowers(
  data: DataAdapters,
  creatorHandle: string,
  count: number,
  progress: SeedProgress = () => {},
): Promise<{ creatorId: string; created: number; followerCount: number }> {
  const found = await data.users.findByHandle(creatorHandle);
  if (!found) throw new CliError(`no user with handle "${creatorHandle}"`);
  if (!found.user.isCreator) throw new CliError(`"${creatorHandle}" is not a creator account`);
  const creatorId = found.user.id;
  const ids = new UuidV7();
  const clock = new SystemClock();
  // A fresh tag per run keeps handles unique when the same creator is seeded twice.
  const tag = randomBytes(4).toString('hex').slice(0, 6);
  let created = 0;
  while (created < count) {
    const n = Math.min(CHUNK, count - created);
    const now = clock.now();
    const users: User[] = [];
    for (let i = 0; i < n; i++) {
      const k = created + i + 1;
      users.push({
        id: ids.next(),
        handle: `fan_${tag}_${k}`,
        displayName: `Fan ${k}`,
        isCreator: false,
        createdAt: now,
      });
    }
    await insertUsers(data, users);
    await data.follows.bulkFollow(
      creatorId,
      users.map((u) => u.id),
      now,
    );
    created += n;
    progress(created, count);
  }
  const profile = await data.users.findCreator(creatorId);
  return { creatorId, created, followerCount: profile?.followerCount ?? 0 };
}
