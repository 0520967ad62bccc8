import type { FollowRepository } from '../follows/follow-repository.port.js';
import type { LiveAudience } from './live-hub.port.js';
import type { StoredEvent } from './notification.js';
import type { NotificationFeed } from './notification-feed.port.js';

export interface FanOutDeps {
  feed: NotificationFeed;
  follows: FollowRepository;
  /** Followers per inbox write (and per keyset read of the follow graph). */
  batchSize: number;
  /** Observes each write batch's size (metrics). */
  onBatch?: ((size: number) => void) | undefined;
}

/** How many connected user ids go into one follow lookup (well under engines' bind limits). */
const LOOKUP_CHUNK = 500;

/** Everyone counts as connected: `writeToInboxes` then returns every follower it wrote to. */
const EVERYONE: LiveAudience = { isConnected: () => true, connectedUserIds: () => [] };

/**
 * The consumer side of one relayed event: does its durable fan-out, then says which users
 * connected here must get it live. Personal events need no fan-out (the feed reads them
 * from the event log). `write`-mode events get an inbox row per follower, in keyset
 * batches, idempotently, so a redelivered event changes nothing; their live recipients
 * are the connected users among those batches. `read`-mode events are written nowhere:
 * the connected users are looked up against the follow graph, never the other way round.
 */
export class FanOut {
  constructor(private readonly d: FanOutDeps) {}

  /** Returns the connected users to push the event to. */
  async execute(event: StoredEvent, audience: LiveAudience): Promise<string[]> {
    if (event.userId !== null) return audience.isConnected(event.userId) ? [event.userId] : [];
    if (event.fanout === 'read') return this.connectedFollowers(event, audience, event.createdAt);
    return this.writeToInboxes(event, audience);
  }

  /**
   * The durable half alone (a relay fanning out before it publishes to a broker): inbox
   * rows for a `write`-mode event, nothing for the others. Returns whose inboxes got it
   * (`write` mode only), so instances can pick their recipients without asking again.
   */
  async deliver(event: StoredEvent): Promise<string[] | undefined> {
    if (event.userId !== null || event.fanout === 'read') return undefined;
    return this.writeToInboxes(event, EVERYONE);
  }

  /**
   * The live half alone, on an instance that did not fan the event out itself: whom of
   * `audience` to push it to. A `write`-mode event goes to the connected among `inboxes`
   * (what `deliver` returned) when known, else to whoever follows now, as its inbox rows
   * did; followers are looked up among the connected users, never the other way round.
   */
  async recipients(event: StoredEvent, audience: LiveAudience, inboxes?: readonly string[]): Promise<string[]> {
    if (event.userId !== null) return audience.isConnected(event.userId) ? [event.userId] : [];
    if (event.fanout !== 'read' && inboxes) return inboxes.filter((id) => audience.isConnected(id));
    return this.connectedFollowers(
      event,
      audience,
      event.fanout === 'read' ? event.createdAt : Number.MAX_SAFE_INTEGER,
    );
  }

  private async writeToInboxes(event: StoredEvent, audience: LiveAudience): Promise<string[]> {
    const live: string[] = [];
    let after: string | null = null;
    for (;;) {
      const batch = await this.d.follows.followerIds(event.creatorId, after, this.d.batchSize);
      if (batch.length === 0) break;
      await this.d.feed.deliver(event.seq, batch);
      this.d.onBatch?.(batch.length);
      for (const id of batch) if (audience.isConnected(id)) live.push(id);
      if (batch.length < this.d.batchSize) break;
      after = batch[batch.length - 1]!;
    }
    return live;
  }

  private async connectedFollowers(event: StoredEvent, audience: LiveAudience, since: number): Promise<string[]> {
    const connected = audience.connectedUserIds();
    const live: string[] = [];
    for (let i = 0; i < connected.length; i += LOOKUP_CHUNK) {
      live.push(...(await this.d.feed.followersAmong(event.creatorId, connected.slice(i, i + LOOKUP_CHUNK), since)));
    }
    return live;
  }
}
