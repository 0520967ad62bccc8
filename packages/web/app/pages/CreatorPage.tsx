import { useEffect, useState } from 'preact/hooks';
import { DropCard } from '../components/DropCard.js';
import { FollowButton } from '../components/FollowButton.js';
import { get, messageOf } from '../lib/api.js';
import { useTitle } from '../lib/hooks.js';
import type { Creator, Drop, Page } from '../lib/types.js';

/** A creator's profile: who, how many follow, the Follow button, and their drops. */
export function CreatorPage({ id }: { id: string }) {
  const [creator, setCreator] = useState<Creator>();
  const [drops, setDrops] = useState<Drop[]>();
  const [error, setError] = useState<string>();
  useTitle(creator ? `@${creator.handle}` : undefined);
  useEffect(() => {
    get<Creator>(`/v1/creators/${encodeURIComponent(id)}`).then(setCreator, (e: unknown) => setError(messageOf(e)));
    get<Page<Drop>>(`/v1/drops?creatorId=${encodeURIComponent(id)}&limit=24`).then(
      (p) => setDrops(p.data),
      () => setDrops([]),
    );
  }, [id]);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!creator) return <p class="loading">Loading…</p>;
  return (
    <section>
      <h1>
        {creator.displayName} <span class="muted">@{creator.handle}</span>
      </h1>
      <p>
        {creator.followerCount} {creator.followerCount === 1 ? 'follower' : 'followers'}
      </p>
      <FollowButton creatorId={creator.id} handle={creator.handle} />
      <h2>Drops</h2>
      {drops === undefined ? (
        <p class="loading">Loading…</p>
      ) : drops.length === 0 ? (
        <p class="empty">No drops yet.</p>
      ) : (
        <ul class="drop-grid">
          {drops.map((d) => (
            <DropCard key={d.id} drop={d} />
          ))}
        </ul>
      )}
    </section>
  );
}
