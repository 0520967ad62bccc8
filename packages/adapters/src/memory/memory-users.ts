import {
  HandleTakenError,
  matchesCreatorPrefix,
  pageOf,
  type CreatorProfile,
  type Page,
  type PageRequest,
  type SessionRepository,
  type User,
  type UserRepository,
} from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

export class MemoryUserRepository implements UserRepository {
  constructor(private readonly s: MemoryStore) {}

  async create(user: User, passwordHash: string): Promise<void> {
    if (this.s.userIdByHandle.has(user.handle)) throw new HandleTakenError(user.handle);
    this.s.userIdByHandle.set(user.handle, user.id);
    this.s.users.set(user.id, { user: { ...user }, passwordHash, followerCount: 0 });
  }

  async findById(id: string): Promise<User | null> {
    const row = this.s.users.get(id);
    return row ? { ...row.user } : null;
  }

  async findByHandle(handle: string): Promise<{ user: User; passwordHash: string } | null> {
    const id = this.s.userIdByHandle.get(handle);
    const row = id === undefined ? undefined : this.s.users.get(id);
    return row ? { user: { ...row.user }, passwordHash: row.passwordHash } : null;
  }

  async findCreator(id: string): Promise<CreatorProfile | null> {
    const row = this.s.users.get(id);
    if (!row?.user.isCreator) return null;
    const { id: uid, handle, displayName, createdAt } = row.user;
    return { id: uid, handle, displayName, createdAt, followerCount: row.followerCount };
  }

  async findCreators(ids: readonly string[]): Promise<CreatorProfile[]> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.findCreator(id)));
    return found.filter((c): c is CreatorProfile => c !== null);
  }

  async findCreatorByHandle(handle: string): Promise<CreatorProfile | null> {
    const id = this.s.userIdByHandle.get(handle);
    return id === undefined ? null : this.findCreator(id);
  }

  async searchCreators(prefix: string, page: PageRequest): Promise<Page<CreatorProfile>> {
    const after = page.after === undefined ? undefined : String(page.after.key);
    const rows = [...this.s.users.values()]
      .filter((r) => r.user.isCreator && matchesCreatorPrefix(r.user, prefix))
      .filter((r) => after === undefined || r.user.handle > after)
      .sort((a, b) => (a.user.handle < b.user.handle ? -1 : 1))
      .slice(0, page.limit + 1);
    const creators = await Promise.all(rows.map((r) => this.findCreator(r.user.id)));
    return pageOf(creators as CreatorProfile[], page.limit, (c) => ({ key: c.handle, id: c.id }));
  }
}

export class MemorySessionRepository implements SessionRepository {
  constructor(private readonly s: MemoryStore) {}

  async create(session: { tokenHash: string; userId: string; createdAt: number }): Promise<void> {
    this.s.sessions.set(session.tokenHash, { userId: session.userId, createdAt: session.createdAt, revokedAt: null });
  }

  async findUser(tokenHash: string): Promise<User | null> {
    const session = this.s.sessions.get(tokenHash);
    if (!session || session.revokedAt !== null) return null;
    const row = this.s.users.get(session.userId);
    return row ? { ...row.user } : null;
  }

  async findUsers(tokenHashes: readonly string[]): Promise<Map<string, User>> {
    const found = new Map<string, User>();
    for (const hash of tokenHashes) {
      const user = await this.findUser(hash);
      if (user) found.set(hash, user);
    }
    return found;
  }

  async revoke(tokenHash: string, at: number): Promise<void> {
    const session = this.s.sessions.get(tokenHash);
    if (session && session.revokedAt === null) session.revokedAt = at;
  }

  async revokedSince(at: number, limit: number): Promise<Array<{ tokenHash: string; revokedAt: number }>> {
    return [...this.s.sessions]
      .filter(([, s]) => s.revokedAt !== null && s.revokedAt >= at)
      .map(([tokenHash, s]) => ({ tokenHash, revokedAt: s.revokedAt! }))
      .sort((a, b) => a.revokedAt - b.revokedAt)
      .slice(0, limit);
  }
}
