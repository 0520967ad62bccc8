import type { Notification } from './notification.js';

/** A notification with its outbox position: the order of inboxes, cursors and stream resumes. */
export interface FeedItem {
  seq: number;
  notification: Notification;
}

/** A slice of one user's feed by outbox position; both bounds exclusive. */
export interface SeqRange {
  after?: number | undefined;
  before?: number | undefined;
  limit: number;
  /** `desc` for the inbox (newest first), `asc` for a stream catching up. */
  order: 'asc' | 'desc';
}

/**
 * The durable inbox. The outbox table doubles as the event log, so a user's feed is the
 * union of three disjoint sources, each a simple indexed range scan:
 * personal events addressed to them, follower events fanned out to them on write
 * (inbox rows), and fan-out-on-read events of creators they follow, created at or after
 * they followed. The core merges the three (see notifications.query.ts).
 */
export interface NotificationFeed {
  /** Fan-out on write: inbox rows for `userIds` of the event at `seq`. Idempotent per (user, event); returns rows added. */
  deliver(seq: number, userIds: readonly string[]): Promise<number>;
  /** Events addressed to the user (`userId` set on the event). */
  personal(userId: string, range: SeqRange): Promise<FeedItem[]>;
  /** Follower events written to the user's inbox by `deliver`. */
  fannedOut(userId: string, range: SeqRange): Promise<FeedItem[]>;
  /** `read`-mode events of creators the user follows now, created at or after their followedAt. */
  merged(userId: string, range: SeqRange): Promise<FeedItem[]>;
  /**
   * Of `userIds` (the users connected to this instance), those following `creatorId`
   * since `at` or earlier: the same rule as `merged`, looked up by key, never by
   * scanning the creator's followers.
   */
  followersAmong(creatorId: string, userIds: readonly string[], at: number): Promise<string[]>;
  /** The outbox position of an event id, or null when there is no such event. */
  seqOf(eventId: string): Promise<number | null>;
  /** The highest outbox position written so far (0 when empty). */
  head(): Promise<number>;
}
