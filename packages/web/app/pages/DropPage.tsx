import { useCallback, useEffect, useState } from 'preact/hooks';
import { BuyPanel } from '../components/BuyPanel.js';
import { Countdown } from '../components/Countdown.js';
import { DrawPanel } from '../components/DrawPanel.js';
import { statusText } from '../components/DropCard.js';
import { FairnessRecord } from '../components/FairnessRecord.js';
import { FollowButton } from '../components/FollowButton.js';
import { HoldPanel } from '../components/HoldPanel.js';
import { Picture } from '../components/Picture.js';
import { QueuePanel } from '../components/QueuePanel.js';
import { StockBar } from '../components/StockBar.js';
import { WaitlistButton } from '../components/WaitlistButton.js';
import { ApiError, get } from '../lib/api.js';
import { money, serverNow } from '../lib/format.js';
import { usePoll, useTitle } from '../lib/hooks.js';
import { onNotification } from '../lib/live.js';
import { takeData } from '../lib/page-data.js';
import { me$ } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import type { Drop, Order } from '../lib/types.js';
import { useHold } from '../lib/use-hold.js';

/** `19:30`, in the reader's zone. */
const hhmm = (iso: string): string => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(iso));

/** Buy, or what stands in front of it on a fair-access drop: the waiting room or the draw. */
function Access({ drop, onPlaced }: { drop: Drop; onPlaced: (o: Order) => void }) {
  const me = useStore(me$);
  if (!drop.access || !me) return <BuyPanel drop={drop} onPlaced={onPlaced} />;
  if (drop.access === 'queue') return <QueuePanel drop={drop} onPlaced={onPlaced} />;
  return <DrawPanel drop={drop} onPlaced={onPlaced} />;
}

/** How often the drop is read: every second while it sells, twice a second as it opens, else not. */
function pollEvery(d: Drop | undefined): number | null {
  if (!d) return null;
  if (d.status === 'live') return 1_000;
  if (d.status === 'upcoming' && serverNow() >= Date.parse(d.startsAt) - 1_000) return 500;
  return null;
}

/**
 * One drop: countdown to the start, the stock falling live, and the Buy panel. The stock is
 * read from the API (fresh after every order, api.md) each second while the drop sells, and at
 * once when the notification stream tells of this drop (its start, stock low, sold out, one's
 * own order). On a pay drop an order is a hold: the hold panel takes the Buy panel's place
 * until it is paid, cancelled or expired; a sold-out pay drop offers its waitlist instead. A
 * fair-access drop puts its waiting room or draw in front of Buy, and shows its fairness record.
 */
export function DropPage({ id }: { id: string }) {
  const me = useStore(me$);
  const [drop, setDrop] = useState<Drop | undefined>(() => {
    const first = takeData('drop');
    return first?.drop.id === id ? first.drop : undefined;
  });
  const [missing, setMissing] = useState(false);
  const refresh = useCallback(async () => {
    try {
      setDrop(await get<Drop>(`/v1/drops/${encodeURIComponent(id)}`));
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 404) setMissing(true);
    }
  }, [id]);
  useEffect(() => {
    if (drop?.id !== id) void refresh();
    return onNotification((n) => void (n.data.dropId === id && refresh()));
  }, [id]);
  const [, setTick] = useState(0);
  usePoll(refresh, pollEvery(drop));
  const { hold, change, stale } = useHold(id, drop?.checkout === 'pay', !!me, refresh);
  useTitle(drop?.product.title ?? (missing ? 'No such drop' : undefined));
  if (missing) return <h1>No such drop</h1>;
  if (!drop) return <p class="loading">Loading…</p>;
  const mine = me?.id === drop.creatorId;
  return (
    <article class={`drop-page status-${drop.status}`}>
      <Picture drop={drop} sizes="(min-width: 700px) 480px, 100vw" eager />
      <div class="drop-info">
        <h1>{drop.product.title}</h1>
        <p class="drop-meta">
          by <a href={`/creators/${drop.creatorId}`}>@{drop.creator.handle}</a> ·{' '}
          <span class="price">{money(drop.product.priceCents, drop.product.currency)}</span>
          {drop.perUserLimit !== null && <> · at most {drop.perUserLimit} per person</>}
        </p>
        <p class="drop-status">{statusText(drop)}</p>
        {drop.status === 'upcoming' && (
          // At zero the poll speeds up (pollEvery) until the server says the drop is open.
          <Countdown to={drop.startsAt} label="Opens in" onDone={() => (setTick((t) => t + 1), void refresh())} />
        )}
        {drop.status === 'live' && <Countdown to={drop.endsAt} label="Closes in" />}
        {drop.status !== 'upcoming' && <StockBar drop={drop} />}
        {drop.followersFirstUntil && serverNow() < Date.parse(drop.followersFirstUntil) && (
          <p class="followers-first">
            Followers first until <time dateTime={drop.followersFirstUntil}>{hhmm(drop.followersFirstUntil)}</time>:
            only fans who followed @{drop.creator.handle} before this drop was announced can take part until then.
          </p>
        )}
        {mine ? (
          <p>
            <a class="button primary" href={`/studio/drops/${drop.id}`}>
              Open the live dashboard
            </a>
          </p>
        ) : (
          <>
            {hold && <HoldPanel order={hold} title={drop.product.title} onChange={change} onStale={stale} />}
            {hold?.status === 'held' ? null : drop.checkout === 'pay' && drop.status === 'sold_out' && me ? (
              <WaitlistButton dropId={drop.id} />
            ) : (
              <Access drop={drop} onPlaced={(o) => (o.status === 'held' ? change(o) : void refresh())} />
            )}
          </>
        )}
        {drop.access && <FairnessRecord drop={drop} />}
        <FollowButton creatorId={drop.creatorId} handle={drop.creator.handle} />
      </div>
    </article>
  );
}
