import type { User } from '../accounts/user.js';
import { ValidationError } from '../shared/domain-error.js';
import { pageOf, type Page, type PageRequest } from '../shared/page.js';
import { mergeFeeds } from './feed-merge.js';
import type { Notification } from './notification.js';
import type { FeedItem, NotificationFeed, SeqRange } from './notification-feed.port.js';

/**
 * Reading a user's notifications: the inbox page (newest first) and a stream's catch-up
 * (oldest first). Both merge the feed's three sources, so fan-out on write and on read
 * look the same from outside. Ordered by outbox position, which is commit order: a
 * stream resumed after an id gets exactly what came after it, not what merely has a
 * later timestamp.
 */
export class Notifications {
  constructor(private readonly d: { feed: NotificationFeed }) {}

  async inbox(user: User, page: PageRequest): Promise<Page<Notification>> {
    const p = await this.inboxItems(user, page);
    return { items: p.items.map((i) => i.notification), next: p.next };
  }

  /** The inbox page with each item's position (a connection's per-edge cursor is `(seq, id)`). */
  async inboxItems(user: User, page: PageRequest): Promise<Page<FeedItem>> {
    const before = page.after === undefined ? undefined : Number(page.after.key);
    if (before !== undefined && !(Number.isSafeInteger(before) && before > 0)) {
      throw ValidationError.field('after', 'is not a cursor this API issued');
    }
    const items = await this.read(user.id, { before, limit: page.limit + 1, order: 'desc' });
    return pageOf(items, page.limit, (i) => ({ key: i.seq, id: i.notification.id }));
  }

  /** Where a stream resumes: the position of the last event the client saw, or null if unknown. */
  resumePoint(lastEventId: string): Promise<number | null> {
    return this.d.feed.seqOf(lastEventId);
  }

  /** The user's notifications after position `after` up to and including `upTo`, oldest first. */
  since(userId: string, after: number, upTo: number, limit: number): Promise<FeedItem[]> {
    if (after >= upTo) return Promise.resolve([]);
    return this.read(userId, { after, before: upTo + 1, limit, order: 'asc' });
  }

  private async read(userId: string, range: SeqRange): Promise<FeedItem[]> {
    const { feed } = this.d;
    const lists = await Promise.all([
      feed.personal(userId, range),
      feed.fannedOut(userId, range),
      feed.merged(userId, range),
    ]);
    return mergeFeeds(lists, range.order, range.limit);
  }
}
