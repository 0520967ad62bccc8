import { useEffect, useState } from 'preact/hooks';
import { onNotification } from '../lib/live.js';
import { location$ } from '../lib/router.js';
import { useStore } from '../lib/store.js';
import type { Notification } from '../lib/types.js';

/**
 * A waitlist offer (`order.offered`: the server holds a returned unit for this person, for a
 * few minutes) is shown on every page, as a link to that hold, so it is not missed while the
 * person is elsewhere in the app. The drop's own page shows the hold itself instead.
 */
export function OfferNote() {
  const path = useStore(location$);
  const [offer, setOffer] = useState<Notification>();
  useEffect(() => onNotification((n) => void (n.type === 'order.offered' && setOffer(n))), []);
  const { dropId, orderId, productTitle } = offer?.data ?? {};
  if (!offer || !dropId || !orderId || path === `/drops/${dropId}`) return null;
  return (
    <p class="offer-note" role="status">
      <a href={`/drops/${dropId}?order=${encodeURIComponent(orderId)}`} onClick={() => setOffer(undefined)}>
        A unit of {productTitle ?? 'a drop'} came back and is held for you: pay for it now
      </a>{' '}
      <button type="button" class="link" onClick={() => setOffer(undefined)}>
        Dismiss
      </button>
    </p>
  );
}
