import { left } from '../lib/format.js';
import type { Drop } from '../lib/types.js';

/** Units left, as a bar and in words; the words are a polite live region, so changes are read out. */
export function StockBar({ drop }: { drop: Drop }) {
  const { total, available } = drop.stock;
  const low = available > 0 && available <= drop.lowStockThreshold;
  return (
    <div class={`stock-bar${low ? ' low' : ''}${available === 0 ? ' empty' : ''}`}>
      <progress class="stock" max={total} value={available} aria-label="Units left" />
      <p class="stock-text" aria-live="polite">
        {available === 0 ? 'None left' : left(available, total)}
        {low && ' · almost gone'}
      </p>
    </div>
  );
}
