import { useEffect, useState } from 'preact/hooks';
import { get, messageOf, send } from '../lib/api.js';
import { me$ } from '../lib/session.js';
import { useStore } from '../lib/store.js';

/** Follow / Following for one creator; nothing for the creator themself or when signed out. */
export function FollowButton({ creatorId, handle }: { creatorId: string; handle: string }) {
  const me = useStore(me$);
  const [following, setFollowing] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!me || me.id === creatorId) return;
    get<{ following: boolean }>(`/v1/me/following/${creatorId}`).then(
      (r) => setFollowing(r.following),
      () => undefined,
    );
  }, [me?.id, creatorId]);
  if (!me || me.id === creatorId || following === undefined) return null;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await send(following ? 'DELETE' : 'PUT', `/v1/me/following/${creatorId}`);
      setFollowing(!following);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="follow">
      <button type="button" class="secondary" aria-pressed={following} disabled={busy} onClick={toggle}>
        {following ? `Following @${handle}` : `Follow @${handle}`}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
