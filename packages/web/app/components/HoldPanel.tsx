import { useState } from 'preact/hooks';
import { ApiError, messageOf, send } from '../lib/api.js';
import { clockTime, money } from '../lib/format.js';
import type { Order } from '../lib/types.js';
import { Countdown } from './Countdown.js';
import { PaymentForm } from './PaymentForm.js';

const units = (q: number): string => (q === 1 ? 'unit' : 'units');

interface Props {
  order: Order;
  title: string;
  /** The order as it is now (paid, cancelled, expired): the drop page keeps it and reads the drop again. */
  onChange: (order: Order) => void;
  /** The server says the hold is no longer what this page thinks: read the order again. */
  onStale: () => void;
}

/**
 * A pay drop's hold: its status, the time left to pay (by the server's clock, like every
 * countdown here), the payment form and Cancel; then how it ended. At zero the page says the
 * hold expired without waiting for the server's expiry loop: from then on the server refuses
 * to take a payment for it anyway (api.md, Checkout).
 */
export function HoldPanel({ order, title, onChange, onStale }: Props) {
  const [paying, setPaying] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string>();
  const what = `${order.quantity} × ${title}`;
  if (order.status === 'confirmed') {
    return (
      <section class="hold hold-confirmed" role="status">
        <p class="ok">
          Paid: order confirmed, {what} for {money(order.totalCents, order.currency)}. <a href="/orders">Your orders</a>
        </p>
      </section>
    );
  }
  if (order.status !== 'held') {
    const how = order.status === 'expired' ? 'Your hold expired' : 'You cancelled your hold';
    return (
      <section class={`hold hold-${order.status}`} role="status">
        <p class="error">
          {how}: the {order.quantity} {units(order.quantity)} went back on sale.
        </p>
      </section>
    );
  }
  const expire = () => onChange({ ...order, status: 'expired' });
  // 409 hold_expired is the server's word that the deadline passed (this page's clock may lag);
  // other refusals (not payable, not held) mean the order changed elsewhere: read it again.
  const ended = (code: string) => (code === 'hold_expired' ? expire() : onStale());
  const cancel = async () => {
    setCancelling(true);
    setError(undefined);
    try {
      onChange(await send<Order>('POST', `/v1/orders/${encodeURIComponent(order.id)}/cancel`));
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'hold_expired') return expire();
      setError(messageOf(e));
      onStale();
    } finally {
      setCancelling(false);
    }
  };
  return (
    <section class="hold hold-held" aria-labelledby="hold-title">
      <h2 id="hold-title">Held for you</h2>
      <p>
        <span class="tag tag-held">held</span> {what}, {money(order.totalCents, order.currency)}. Pay before the time
        runs out, or {order.quantity === 1 ? 'the unit goes' : 'the units go'} back on sale.
      </p>
      {order.expiresAt && (
        <>
          <Countdown to={order.expiresAt} label="Time left to pay" onDone={expire} />
          {/* The deadline in words too: the ticking figure is hidden from screen readers. */}
          <p class="hint">
            Pay by <time dateTime={order.expiresAt}>{clockTime(order.expiresAt)}</time>
          </p>
        </>
      )}
      <PaymentForm order={order} onBusy={setPaying} onPaid={onChange} onEnded={ended} />
      <button type="button" class="secondary cancel-hold" disabled={paying || cancelling} onClick={cancel}>
        {cancelling ? 'Cancelling…' : 'Cancel the hold'}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
