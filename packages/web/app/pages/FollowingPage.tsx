import { useEffect, useState } from 'preact/hooks';
import { FollowButton } from '../components/FollowButton.js';
import { get, messageOf } from '../lib/api.js';
import { useTitle } from '../lib/hooks.js';
import type { Page } from '../lib/types.js';

interface Following {
  creator: { id: string; handle: string; displayName: string };
  followedAt: string;
}

/** The creators the user follows, each with its Follow/Following toggle. */
export function FollowingPage() {
  useTitle('Following');
  const [list, setList] = useState<Following[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    get<Page<Following>>('/v1/me/following?limit=100').then(
      (p) => setList(p.data),
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);
  return (
    <section>
      <h1>Following</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list === undefined ? (
        <p class="loading">Loading…</p>
      ) : list.length === 0 ? (
        <p class="empty">You follow nobody yet. Open a drop and follow its creator.</p>
      ) : (
        <ul class="rows">
          {list.map((f) => (
            <li key={f.creator.id} class="row">
              <a href={`/creators/${f.creator.id}`}>
                {f.creator.displayName} <span class="muted">@{f.creator.handle}</span>
              </a>
              <FollowButton creatorId={f.creator.id} handle={f.creator.handle} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
