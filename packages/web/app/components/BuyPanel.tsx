import { useRef, useState } from 'preact/hooks';
import { money } from '../lib/format.js';
import { intentFor, type Outcome, place, refusalText, unfinished } from '../lib/purchase.js';
import { me$ } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import type { Drop, Order } from '../lib/types.js';

/**
 * Quantity and the Buy button. One purchase is one Idempotency-Key (lib/purchase.ts): a double
 * click, a retry after the network dropped, or a reload mid-purchase send the same key, so the
 * server makes one order and replays it. An instant drop's order is confirmed here; a pay drop's
 * is a hold, which `onPlaced` hands to the drop page's hold panel for payment. On a waiting-room
 * drop `pass` (the admission, held in memory by the queue panel) goes with the order.
 */
export function BuyPanel({ drop, onPlaced, pass }: { drop: Drop; onPlaced: (order: Order) => void; pass?: string }) {
  const me = useStore(me$);
  const [quantity, setQuantity] = useState(() => unfinished(drop.id)?.quantity ?? 1);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const inFlight = useRef(false);
  // Until the session is known, nothing: neither a Buy button nor a "Log in" that may be wrong.
  if (me === undefined) return null;
  if (!me) {
    return (
      <p class="buy">
        <a class="button primary" href={`/login?next=/drops/${drop.id}`}>
          Log in to buy
        </a>
      </p>
    );
  }
  const open = drop.status === 'live';
  const max = Math.max(1, Math.min(10, drop.perUserLimit ?? 10, drop.stock.available || 1));
  const buy = async () => {
    // A second click while the first is on its way changes nothing (and would reuse its key anyway).
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setOutcome(undefined);
    setNote(undefined);
    const result = await place(intentFor(drop.id, quantity), (n) => setNote(`No answer yet; asking again (${n})…`), pass);
    inFlight.current = false;
    setBusy(false);
    setNote(undefined);
    setOutcome(result);
    if (result.kind === 'placed') onPlaced(result.order);
  };
  return (
    <div class="buy">
      <label class="quantity">
        Quantity
        <select
          value={quantity}
          disabled={busy || !open}
          onChange={(e) => setQuantity(Number((e.target as HTMLSelectElement).value))}
        >
          {Array.from({ length: max }, (_, i) => (
            <option value={i + 1}>{i + 1}</option>
          ))}
        </select>
      </label>
      <button type="button" class="primary buy-button" disabled={!open || busy} aria-busy={busy} onClick={buy}>
        {busy
          ? 'Buying…'
          : open
            ? `Buy for ${money(drop.product.priceCents * quantity, drop.product.currency)}`
            : 'Not on sale'}
      </button>
      <div class="buy-status" role="status">
        {note}
        {outcome?.kind === 'placed' && outcome.order.status === 'confirmed' && (
          <p class="ok">
            Order confirmed: {outcome.order.quantity} × {drop.product.title}. <a href="/orders">Your orders</a>
          </p>
        )}
        {outcome?.kind === 'refused' && (
          <p class="error">{refusalText(outcome.error)}</p>
        )}
        {outcome?.kind === 'unknown' && <p class="error">{outcome.message}</p>}
      </div>
    </div>
  );
}
