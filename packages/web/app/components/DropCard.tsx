import { left, money, when } from '../lib/format.js';
import type { Drop } from '../lib/types.js';
import { Picture } from './Picture.js';

/** What a card says about the drop's state (the server's page says the same). */
export function statusText(d: Drop) {
  switch (d.status) {
    case 'upcoming':
      return (
        <>
          Starts <time dateTime={d.startsAt}>{when(d.startsAt)}</time>
        </>
      );
    case 'live':
      return `Live · ${left(d.stock.available, d.stock.total)}`;
    case 'sold_out':
      return 'Sold out';
    case 'cancelled':
      return 'Cancelled';
    default:
      return `Ended · ${left(d.stock.available, d.stock.total)}`;
  }
}

export function DropCard({ drop: d, eager = false }: { drop: Drop; eager?: boolean }) {
  return (
    <li class={`drop-card status-${d.status}`}>
      <a class="drop-link" href={`/drops/${d.id}`}>
        <Picture drop={d} sizes="(min-width: 700px) 320px, 100vw" eager={eager} />
        <span class="drop-title">{d.product.title}</span>
      </a>
      <span class="drop-meta">
        @{d.creator.handle} · {money(d.product.priceCents, d.product.currency)}
      </span>
      <span class="drop-status">{statusText(d)}</span>
      {d.status === 'live' && (
        <progress class="stock" max={d.stock.total} value={d.stock.available} aria-label="Units left">
          {d.stock.available} of {d.stock.total}
        </progress>
      )}
    </li>
  );
}
