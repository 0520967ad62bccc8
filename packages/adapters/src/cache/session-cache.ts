import type { Clock, SessionRepository, User } from '@livedrops/core';
import { KeyedBatcher } from '../runtime/keyed-batcher.js';

export interface SessionCacheOptions {
  /** How long a session found live is trusted without asking again. */
  ttlMs: number;
  /** How often revocations made by any instance are read back (the bound on a logout's reach). */
  pollMs: number;
  /** Sessions kept at most. */
  max: number;
}

export const DEFAULT_SESSION_CACHE: SessionCacheOptions = { ttlMs: 60_000, pollMs: 400, max: 200_000 };
/** Revocations are re-read this far back each poll, so instances whose clocks disagree a little lose none. */
const SKEW_MS = 5_000;

/**
 * Sessions as every request sees them, kept in this process: a hit costs no round trip, and
 * the misses of one event-loop turn share one read. A logout here forgets the session at
 * once; one on another instance is learned by polling the revocations every `pollMs`
 * (within a second). A logout is never undone: a read that began before a revocation was
 * learned may answer its own request, but never puts the session back into the cache.
 */
export class SessionCache implements SessionRepository {
  private readonly live = new Map<string, { user: User; at: number }>();
  private readonly revoked = new Map<string, number>();
  private readonly misses: KeyedBatcher<string, User | null>;
  private polledTo: number;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(tokenHash: string) => void>();

  constructor(
    private readonly inner: SessionRepository,
    private readonly clock: Clock,
    private readonly opts = DEFAULT_SESSION_CACHE,
  ) {
    this.polledTo = clock.now();
    this.misses = new KeyedBatcher(
      async (_, hashes) => {
        const found = await inner.findUsers(hashes);
        return hashes.map((h) => found.get(h) ?? null);
      },
      { max: 500, inFlight: 2, windowMs: 1 },
    );
  }

  /**
   * Calls `listener` once for each revocation this instance learns of, its own at once and
   * other instances' at the next poll (live streams end with their session); returns the removal.
   */
  onRevoked(listener: (tokenHash: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts polling for revocations (stop() ends it). */
  start(): this {
    const tick = () => {
      this.polling = this.poll()
        .catch(() => undefined)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.opts.pollMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.opts.pollMs).unref();
    return this;
  }

  /** Stops polling; resolves once a poll in flight has ended (so the database can be closed after it). */
  stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.polling;
  }

  create(session: { tokenHash: string; userId: string; createdAt: number }): Promise<void> {
    return this.inner.create(session);
  }

  async findUser(tokenHash: string): Promise<User | null> {
    const hit = this.live.get(tokenHash);
    if (hit && this.clock.now() - hit.at < this.opts.ttlMs) return hit.user;
    const asked = this.clock.now();
    const user = await this.misses.add('', tokenHash);
    if (user && !this.revoked.has(tokenHash)) {
      if (this.live.size >= this.opts.max) this.live.delete(this.live.keys().next().value!);
      this.live.set(tokenHash, { user, at: asked });
    }
    return user;
  }

  findUsers(tokenHashes: readonly string[]): Promise<Map<string, User>> {
    return this.inner.findUsers(tokenHashes);
  }

  async revoke(tokenHash: string, at: number): Promise<void> {
    this.forget(tokenHash);
    await this.inner.revoke(tokenHash, at);
  }

  revokedSince(at: number, limit: number): Promise<Array<{ tokenHash: string; revokedAt: number }>> {
    return this.inner.revokedSince(at, limit);
  }

  /** Reads the revocations since the last poll (less the clock skew allowance) and forgets them. */
  async poll(): Promise<void> {
    const now = this.clock.now();
    for (const r of await this.inner.revokedSince(this.polledTo - SKEW_MS, 10_000)) this.forget(r.tokenHash);
    this.polledTo = now;
    // A revocation is remembered as long as a read begun before it could still be answered.
    for (const [hash, at] of this.revoked) if (now - at > this.opts.ttlMs) this.revoked.delete(hash);
  }

  private forget(tokenHash: string): void {
    this.live.delete(tokenHash);
    const known = this.revoked.has(tokenHash);
    this.revoked.set(tokenHash, this.clock.now());
    if (!known) for (const listener of this.listeners) listener(tokenHash);
  }
}
