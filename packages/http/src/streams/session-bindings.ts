/**
 * Which live connections (SSE streams, GraphQL WebSockets) each session opened, by the
 * session's token hash, so that a revocation (a logout on this instance, or one on another
 * learned by the session cache's poll) ends every one of them.
 */
export class SessionBindings {
  private readonly bySession = new Map<string, Set<() => void>>();

  /** Calls `end` when session `hash` is revoked; returns the unbinding (for a connection that closed first). */
  bind(hash: string, end: () => void): () => void {
    let ends = this.bySession.get(hash);
    if (!ends) this.bySession.set(hash, (ends = new Set()));
    ends.add(end);
    return () => {
      ends.delete(end);
      if (ends.size === 0 && this.bySession.get(hash) === ends) this.bySession.delete(hash);
    };
  }

  /** Ends every connection of the revoked session; returns how many. */
  revoke(hash: string): number {
    const ends = this.bySession.get(hash);
    if (!ends) return 0;
    this.bySession.delete(hash);
    for (const end of ends) end();
    return ends.size;
  }

  get size(): number {
    return this.bySession.size;
  }
}
