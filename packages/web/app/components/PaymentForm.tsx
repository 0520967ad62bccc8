import { useRef, useState } from 'preact/hooks';
import { money } from '../lib/format.js';
import { pay, paymentFor, TEST_METHODS } from '../lib/payment.js';
import type { Order } from '../lib/types.js';

/** A refusal's words; `hold_expired` and the like end the hold and are the panel's to say. */
const REFUSALS: Record<string, string> = {
  drop_not_live: 'The drop was called off: this hold can no longer be paid.',
  order_not_payable: 'This order can no longer be paid.',
};

interface Props {
  order: Order;
  /** A payment is on its way: the panel's Cancel waits for it. */
  onBusy: (busy: boolean) => void;
  onPaid: (order: Order) => void;
  /** The server said the hold is over (expired, or no longer held): the panel reads it again. */
  onEnded: (code: string) => void;
}

/**
 * Chooses a sandbox test card and pays the hold. One payment is one Idempotency-Key
 * (lib/payment.ts): a double click sends one request, and its retries the same key.
 */
export function PaymentForm({ order, onBusy, onPaid, onEnded }: Props) {
  const [method, setMethod] = useState<string>(TEST_METHODS[0].id);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const inFlight = useRef(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    // A second click while the first is on its way sends nothing (it would reuse the key anyway).
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    onBusy(true);
    setError(undefined);
    setNote('Paying…');
    const result = await pay(paymentFor(order.id, method), (n) => setNote(`No answer yet; asking again (${n})…`));
    inFlight.current = false;
    setBusy(false);
    onBusy(false);
    setNote(undefined);
    if (result.kind === 'paid') return onPaid(result.order);
    if (result.kind === 'unavailable') {
      return setError('The payment service did not answer. Your hold stays: press Pay to finish this same payment.');
    }
    if (result.kind === 'unknown') return setError('No answer from the server. Press Pay to finish this same payment.');
    const { code, declineCode } = result.error.problem;
    if (code === 'payment_declined') {
      return setError(`Card declined (${declineCode ?? 'declined'}). Your hold stays: try another card.`);
    }
    if (code === 'hold_expired' || code === 'order_not_payable' || code === 'order_not_held') onEnded(code);
    setError(REFUSALS[code] ?? result.error.message);
  };
  return (
    <form class="pay-form" onSubmit={submit}>
      <fieldset disabled={busy}>
        <legend>
          Card <span class="tag tag-test">test mode</span>
        </legend>
        <p class="hint">Sandbox cards: no money moves.</p>
        {TEST_METHODS.map((m) => (
          <label key={m.id} class="choice">
            <input
              type="radio"
              name="payment-method"
              value={m.id}
              checked={method === m.id}
              onChange={() => setMethod(m.id)}
            />
            <span>
              {m.label} <span class="hint">({m.note})</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary pay-button" disabled={busy} aria-busy={busy}>
        {busy ? 'Paying…' : `Pay ${money(order.totalCents, order.currency)}`}
      </button>
      <div class="pay-status" role="status">
        {note}
        {error && <p class="error">{error}</p>}
      </div>
    </form>
  );
}
