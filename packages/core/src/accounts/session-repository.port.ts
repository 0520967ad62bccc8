import type { User } from './user.js';

/** Bearer sessions. Only a hash of each token is ever stored. */
export interface SessionRepository {
  create(session: { tokenHash: string; userId: string; createdAt: number }): Promise<void>;
  /** The user behind a live (not revoked) session, or null. */
  findUser(tokenHash: string): Promise<User | null>;
  /** `findUser` for many hashes in one read: the live ones, by hash. */
  findUsers(tokenHashes: readonly string[]): Promise<Map<string, User>>;
  /** Revokes the session; revoking twice or an unknown hash is a no-op. */
  revoke(tokenHash: string, at: number): Promise<void>;
  /** Sessions revoked at or after `at` (by any instance), oldest first, at most `limit`. */
  revokedSince(at: number, limit: number): Promise<Array<{ tokenHash: string; revokedAt: number }>>;
}
