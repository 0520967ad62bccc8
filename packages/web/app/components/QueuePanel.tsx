import { countdown } from '../lib/format.js';
import type { Drop, Order } from '../lib/types.js';
import { useQueue } from '../lib/use-queue.js';
import { BuyPanel } from './BuyPanel.js';
import { Countdown } from './Countdown.js';

const eta = (s: number | null): string =>
  s === null ? 'working out the wait…' : s < 60 ? 'less than a minute' : `about ${countdown(s * 1000)}`;

interface Props {
  drop: Drop;
  onPlaced: (order: Order) => void;
}

/**
 * A waiting-room drop's stand-in for Buy (api.md, Fair access): Join the waiting room (before
 * or after the start), then one's place and the estimated wait, live from the stream; once
 * admitted, the pass's time left and the Buy panel, which sends the pass with the order. The
 * server paces admissions against the stock, so waiting is fair; `queue.closed` means sold out.
 */
export function QueuePanel({ drop, onPlaced }: Props) {
  const { place, join, busy, error, setError } = useQueue(drop.id, true, drop.status);
  if (place === undefined) return null;
  const ended = drop.status === 'ended' || drop.status === 'cancelled';
  if (place === 'out') {
    return (
      <section class="queue" aria-labelledby="queue-title">
        <h2 id="queue-title">Waiting room</h2>
        <p class="hint">
          {drop.status === 'upcoming'
            ? 'Everyone who joins before the start gets a place drawn at random when it opens: no need to rush.'
            : 'Buyers are let in a few at a time, as stock allows.'}
        </p>
        <button type="button" class="primary join-queue" disabled={busy || ended} aria-busy={busy} onClick={join}>
          {busy ? 'Joining…' : 'Join the waiting room'}
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }
  if (place.state === 'closed') {
    return (
      <section class="queue queue-closed" role="status">
        <p class="error">Sold out: the waiting room has closed.</p>
      </section>
    );
  }
  if (place.state === 'admitted' && place.pass) {
    return (
      <section class="queue queue-admitted" aria-labelledby="queue-title">
        <h2 id="queue-title">You're in</h2>
        {place.passExpiresAt && (
          <Countdown
            to={place.passExpiresAt}
            label="Your turn to buy ends in"
            onDone={() => setError('Your turn to buy has passed.')}
          />
        )}
        <BuyPanel drop={drop} pass={place.pass} onPlaced={onPlaced} />
        {error && <p class="error">{error}</p>}
      </section>
    );
  }
  if (place.state === 'admitted') {
    // Let in, but the server no longer shows a pass: it was used for an order, or ran out.
    return (
      <section class="queue queue-done" role="status">
        <p>Your turn to buy has been used or has passed.</p>
      </section>
    );
  }
  return (
    <section class="queue queue-waiting" aria-labelledby="queue-title">
      <h2 id="queue-title">In the waiting room</h2>
      <p class="queue-position" role="status">
        {place.position === null
          ? 'Your place is drawn when the drop opens. Keep this page open.'
          : `Your place in line: ${place.position}. Estimated wait: ${eta(place.etaSeconds)}`}
      </p>
    </section>
  );
}
