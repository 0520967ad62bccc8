import { accessOf, type AccessFields } from '@livedrops/core';

/**
 * A new drop's fair-access columns. `shuffle_at` is when its shuffle falls due (a draw's
 * entry close, a queue's start), so the loop that runs shuffles scans one partial index.
 */
export function accessColumns(drop: AccessFields & { startsAt: number }): Record<string, unknown> {
  const access = accessOf(drop);
  return {
    access,
    followers_first_until: drop.followersFirstUntil ?? null,
    entries_open_at: drop.entriesOpenAt ?? null,
    entries_close_at: drop.entriesCloseAt ?? null,
    fairness_commitment: drop.commitment ?? null,
    shuffle_at: access === 'draw' ? (drop.entriesCloseAt ?? null) : access === 'queue' ? drop.startsAt : null,
    shuffled_at: null,
  };
}
