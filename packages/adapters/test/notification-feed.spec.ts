import type { NotificationFeed } from '@livedrops/core';
import { KnexNotificationFeed } from '../src/knex/knex-notification-feed.js';
import { selectedAdapters } from './harness.js';
import { notificationFeedContract } from '../src/testing/contracts/notification-feed.contract.js';

/**
 * SQLite serves feed reads with prepared statements; the portable knex queries underneath
 * (what Postgres will run) are the base class's. This view runs those on the same engine.
 */
function knexQueriesOf(feed: NotificationFeed): NotificationFeed {
  const base = KnexNotificationFeed.prototype;
  const methods = ['deliver', 'personal', 'fannedOut', 'merged', 'followersAmong', 'seqOf', 'head'] as const;
  return Object.fromEntries(
    methods.map((m) => [m, (base[m] as (...a: unknown[]) => unknown).bind(feed)]),
  ) as unknown as NotificationFeed;
}

for (const a of selectedAdapters()) {
  describe(a.name, () => notificationFeedContract(a.make, a));
  if (a.family === 'sqlite') {
    const make = async () => {
      const h = await a.make();
      h.ports.feed = knexQueriesOf(h.ports.feed);
      return h;
    };
    describe(`${a.name}, portable knex queries`, () => notificationFeedContract(make, a));
  }
}
