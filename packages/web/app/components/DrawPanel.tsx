import { useEffect, useState } from 'preact/hooks';
import { send } from '../lib/api.js';
import { clockTime, serverNow } from '../lib/format.js';
import { onNotification } from '../lib/live.js';
import { refusalText } from '../lib/purchase.js';
import type { Drop, Order } from '../lib/types.js';
import { BuyPanel } from './BuyPanel.js';

type Result = 'won' | 'lost' | undefined;

/**
 * A draw drop's stand-in for Buy (api.md, Fair access): Enter the draw while entries are open,
 * "You're in" after, then the result from the stream (`draw.won` / `draw.lost`). On a pay drop a
 * win comes with a hold, which the drop page's hold panel shows (lib/use-hold.ts); on an instant
 * drop it opens Buy. A page opened after the draw does not know the result: it offers Buy, and
 * the server refuses anyone who did not win (403 not_eligible, said in words).
 */
export function DrawPanel({ drop, onPlaced }: { drop: Drop; onPlaced: (order: Order) => void }) {
  const [entered, setEntered] = useState(false);
  const [result, setResult] = useState<Result>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(
    () =>
      onNotification((n) => {
        if (n.data.dropId !== drop.id) return;
        if (n.type === 'draw.won' || n.type === 'draw.lost') setResult(n.type === 'draw.won' ? 'won' : 'lost');
      }),
    [drop.id],
  );
  const opens = Date.parse(drop.entriesOpenAt ?? '');
  const closes = drop.entriesCloseAt ?? drop.startsAt;
  const now = serverNow();
  const enter = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await send('POST', `/v1/drops/${encodeURIComponent(drop.id)}/entries`);
      setEntered(true);
    } catch (e) {
      setError(refusalText(e));
    } finally {
      setBusy(false);
    }
  };
  if (result === 'lost') {
    return (
      <section class="draw draw-lost" role="status">
        <p>Not this time: you were not drawn. If a winner does not buy, their unit may still come to you.</p>
      </section>
    );
  }
  if (result === 'won') {
    return (
      <section class="draw draw-won" aria-labelledby="draw-title">
        <h2 id="draw-title">You won the draw</h2>
        {drop.checkout === 'pay' ? (
          <p>A unit was held for you to pay for.</p>
        ) : (
          <BuyPanel drop={drop} onPlaced={onPlaced} />
        )}
      </section>
    );
  }
  const open = now >= opens && now < Date.parse(closes);
  return (
    <section class="draw" aria-labelledby="draw-title">
      <h2 id="draw-title">Draw</h2>
      {entered ? (
        <p class="draw-entered" role="status">
          You're in the draw. Winners are drawn at <time dateTime={closes}>{clockTime(closes)}</time>.
        </p>
      ) : open ? (
        <>
          <button type="button" class="primary enter-draw" disabled={busy} aria-busy={busy} onClick={enter}>
            {busy ? 'Entering…' : 'Enter the draw'}
          </button>
          <p class="hint">
            Entries close at <time dateTime={closes}>{clockTime(closes)}</time>; one entry each.
          </p>
        </>
      ) : now < opens ? (
        <p class="hint">Entries open at {clockTime(drop.entriesOpenAt!)}.</p>
      ) : drop.checkout === 'pay' ? (
        <p class="hint">Entries have closed and the winners have been drawn.</p>
      ) : (
        <BuyPanel drop={drop} onPlaced={onPlaced} />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
