import type { FeedItem, SeqRange } from './notification-feed.port.js';

/**
 * Merges the feed's sources (each already sorted in `order` and cut at `limit`) into one
 * list in `order`, at most `limit` long. The sources are disjoint by construction; the
 * dedupe by position is a guard, so a bug upstream can never show an item twice.
 */
export function mergeFeeds(lists: FeedItem[][], order: SeqRange['order'], limit: number): FeedItem[] {
  const seen = new Set<number>();
  const all: FeedItem[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (seen.has(item.seq)) continue;
      seen.add(item.seq);
      all.push(item);
    }
  }
  all.sort(order === 'asc' ? (a, b) => a.seq - b.seq : (a, b) => b.seq - a.seq);
  return all.slice(0, limit);
}
