import { useEffect, useState } from 'preact/hooks';
import { get, messageOf, send } from '../lib/api.js';
import type { Page } from '../lib/types.js';

/**
 * Join / Leave the waitlist of a sold-out pay drop (`/v1/me/waitlist/{dropId}`). When a hold on
 * the drop ends unpaid, its units are offered in join order: the server makes a hold for the
 * next waiting person and tells them (`order.offered`), and the drop page shows it.
 */
export function WaitlistButton({ dropId }: { dropId: string }) {
  const [waiting, setWaiting] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    get<Page<{ dropId: string }>>('/v1/me/waitlist?limit=100').then(
      (p) => setWaiting(p.data.some((e) => e.dropId === dropId)),
      () => setWaiting(false),
    );
  }, [dropId]);
  if (waiting === undefined) return null;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await send(waiting ? 'DELETE' : 'PUT', `/v1/me/waitlist/${encodeURIComponent(dropId)}`);
      setWaiting(!waiting);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="waitlist">
      <button
        type="button"
        class={`${waiting ? 'secondary' : 'primary'} waitlist-button`}
        disabled={busy}
        onClick={toggle}
      >
        {waiting ? 'Leave the waitlist' : 'Join the waitlist'}
      </button>
      <p class="hint" role="status">
        {waiting
          ? 'You are on the waitlist: if a unit comes back, it is held for you and you are told.'
          : 'Sold out. Units come back when holds run out unpaid: join to be offered one.'}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
