import { useEffect, useState } from 'preact/hooks';
import { get, messageOf } from '../lib/api.js';
import { clockTime, money, serverNow, when } from '../lib/format.js';
import { useTitle } from '../lib/hooks.js';
import type { Drop, Order, Page } from '../lib/types.js';

/** An open hold: its deadline, and the way to its payment on the drop page. */
function PayBy({ order }: { order: Order }) {
  if (order.status !== 'held' || !order.expiresAt || Date.parse(order.expiresAt) <= serverNow()) return null;
  return (
    <span class="pay-by">
      Pay by <time dateTime={order.expiresAt}>{clockTime(order.expiresAt)}</time>{' '}
      <a class="button primary" href={`/drops/${order.dropId}?order=${encodeURIComponent(order.id)}`}>
        Pay
      </a>
    </span>
  );
}

/**
 * The signed-in user's orders, newest first, a page at a time, with each drop's title; a
 * pay drop's open hold shows its deadline and a Pay link.
 */
export function OrdersPage() {
  useTitle('Your orders');
  const [orders, setOrders] = useState<Order[]>();
  const [next, setNext] = useState<string | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const load = async (after: string | null) => {
    try {
      const page = await get<Page<Order>>(
        `/v1/me/orders?limit=20${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      setOrders((prev) => [...(after ? (prev ?? []) : []), ...page.data]);
      setNext(page.nextCursor);
      const unknown = [...new Set(page.data.map((o) => o.dropId))].filter((id) => !(id in titles));
      const drops = await Promise.all(unknown.map((id) => get<Drop>(`/v1/drops/${id}`).catch(() => undefined)));
      setTitles((t) => ({
        ...t,
        ...Object.fromEntries(drops.filter((d): d is Drop => !!d).map((d) => [d.id, d.product.title])),
      }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => void load(null), []);
  return (
    <section>
      <h1>Your orders</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {orders === undefined ? (
        <p class="loading">Loading…</p>
      ) : orders.length === 0 ? (
        <p class="empty">
          No orders yet. <a href="/">See what is live</a>
        </p>
      ) : (
        <ul class="rows">
          {orders.map((o) => (
            <li key={o.id} class="row order">
              <a href={`/drops/${o.dropId}`}>{titles[o.dropId] ?? 'Drop'}</a>
              <span>
                {o.quantity} × {money(o.unitPriceCents, o.currency)} ={' '}
                <strong>{money(o.totalCents, o.currency)}</strong>
              </span>
              <span class={`tag tag-${o.status}`}>{o.status}</span>
              <time dateTime={o.createdAt}>{when(o.createdAt)}</time>
              <PayBy order={o} />
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          More orders
        </button>
      )}
    </section>
  );
}
