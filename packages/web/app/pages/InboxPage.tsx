import { useEffect, useState } from 'preact/hooks';
import { get, messageOf } from '../lib/api.js';
import { ago } from '../lib/format.js';
import { useTitle } from '../lib/hooks.js';
import { onNotification, onResync, unread$ } from '../lib/live.js';
import type { Notification, Page } from '../lib/types.js';

/** One notification in words. */
export function describe(n: Notification): string {
  const title = n.data.productTitle ?? 'a drop';
  const left = n.data.available !== undefined ? ` (${n.data.available} left)` : '';
  switch (n.type) {
    case 'drop.started':
      return `${title} is live now${left}`;
    case 'stock.low':
      return `${title} is almost gone${left}`;
    case 'drop.sold_out':
      return `${title} sold out`;
    case 'order.confirmed':
      return `Order confirmed: ${n.data.quantity ?? ''}${n.data.quantity ? ' × ' : ''}${title}`;
    case 'order.held':
      return `${title} is held for you: pay before the time runs out`;
    case 'order.offered':
      return `A unit of ${title} came back and is held for you: pay for it now`;
    case 'order.expired':
      return `Your hold on ${title} expired; the units went back`;
    case 'order.cancelled':
      return `You cancelled your hold on ${title}`;
    default:
      return `${n.type}: ${title}`;
  }
}

/** A note about one's own order opens the drop page on that order (its hold, to pay). */
const link = (n: Notification): string =>
  `/drops/${n.data.dropId}${n.data.orderId ? `?order=${encodeURIComponent(n.data.orderId)}` : ''}`;

/** The inbox: what the server kept (GET /v1/me/notifications), and what arrives live on top. */
export function InboxPage() {
  useTitle('Inbox');
  const [items, setItems] = useState<Notification[]>();
  const [error, setError] = useState<string>();
  const load = () =>
    get<Page<Notification>>('/v1/me/notifications?limit=50').then(
      (p) => setItems(p.data),
      (e: unknown) => setError(messageOf(e)),
    );
  useEffect(() => {
    void load();
    unread$.set(0);
    const offLive = onNotification((n) => {
      setItems((list) => (list?.some((x) => x.id === n.id) ? list : [n, ...(list ?? [])]));
      unread$.set(0);
    });
    const offResync = onResync(() => void load());
    return () => (offLive(), offResync());
  }, []);
  return (
    <section>
      <h1>Inbox</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {items === undefined ? (
        <p class="loading">Loading…</p>
      ) : items.length === 0 ? (
        <p class="empty">Nothing yet. Follow creators to hear when their drops start.</p>
      ) : (
        <ul class="rows inbox" aria-live="polite">
          {items.map((n) => (
            <li key={n.id} class={`row note note-${n.type.replace('.', '-')}`} data-type={n.type}>
              {n.data.dropId ? <a href={link(n)}>{describe(n)}</a> : <span>{describe(n)}</span>}
              <time dateTime={n.createdAt}>{ago(n.createdAt)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
