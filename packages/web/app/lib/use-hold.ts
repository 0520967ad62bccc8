import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from './api.js';
import { serverNow } from './format.js';
import { onNotification } from './live.js';
import { findHold } from './payment.js';
import type { Order } from './types.js';

/** A hold whose deadline has passed is over, whatever the last read said (the expiry loop may lag). */
const asOfNow = (o: Order): Order =>
  o.status === 'held' && o.expiresAt && Date.parse(o.expiresAt) <= serverNow() ? { ...o, status: 'expired' } : o;

/**
 * The signed-in user's order on a pay drop's page: found on arrival (an open hold, or the one
 * `?order=` names), set when Buy places a hold, and kept current by the notification stream:
 * `order.expired` / `order.cancelled` end it, `order.confirmed` is read again, and a hold the
 * server made for this person (`order.offered` from the waitlist, `draw.won` from a draw) is shown
 * as it arrives.
 */
export function useHold(dropId: string, pay: boolean, signedIn: boolean, refreshDrop: () => Promise<void>) {
  const [hold, setHold] = useState<Order>();
  const latest = useRef(hold);
  latest.current = hold;
  const show = (o: Order | undefined): void => setHold(o && asOfNow(o));
  const reload = async (orderId: string): Promise<void> => {
    const o = await get<Order>(`/v1/orders/${encodeURIComponent(orderId)}`).catch(() => undefined);
    if (o) show(o);
  };
  useEffect(() => {
    if (!pay || !signedIn) return;
    void findHold(dropId).then((o) => o && !latest.current && show(o));
    return onNotification((n) => {
      const id = n.data.orderId;
      if (!id || n.data.dropId !== dropId) return;
      const current = latest.current;
      // A hold the server made for this person: offered from the waitlist, or won in a draw.
      const made = n.type === 'order.offered' || n.type === 'draw.won';
      if (made || (n.type === 'order.held' && current?.id !== id)) void reload(id);
      else if (id !== current?.id) return;
      else if (n.type === 'order.expired' || n.type === 'order.cancelled') {
        show({ ...current, status: n.type === 'order.expired' ? 'expired' : 'cancelled' });
      } else if (n.type === 'order.confirmed') void reload(id);
    });
  }, [dropId, pay, signedIn]);
  const change = (o: Order): void => {
    show(o);
    void refreshDrop();
    // At the deadline the server's expiry loop returns the units within a moment: read again then.
    if (o.status === 'expired') setTimeout(() => void refreshDrop(), 1_500);
  };
  const stale = (): void => void (latest.current && reload(latest.current.id));
  return { hold, change, stale };
}
