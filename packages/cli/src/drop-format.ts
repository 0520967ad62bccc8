import { formatDuration } from './duration.js';
import { formatMoney } from './money.js';
import type { Palette } from './output.js';

export interface DropJson {
  id: string;
  creatorId: string;
  creator: { id: string; handle: string; displayName: string };
  product: { id: string; title: string; priceCents: number; currency: string };
  startsAt: string;
  endsAt: string;
  status: 'upcoming' | 'live' | 'sold_out' | 'ended' | 'cancelled';
  /** `held`: pay drops only (units in holds not yet paid). */
  stock: { total: number; available: number; held?: number };
  perUserLimit: number | null;
  lowStockThreshold: number;
  /** Present on pay drops only. */
  checkout?: 'pay';
  holdSeconds?: number;
  createdAt: string;
}

/** `3 held` on a pay drop with holds open, else nothing. */
export const heldNote = (d: DropJson): string => (d.stock.held ? `${d.stock.held} held` : '');

export const FINAL_STATUSES: ReadonlySet<DropJson['status']> = new Set(['sold_out', 'ended', 'cancelled']);

export function paintStatus(c: Palette, status: DropJson['status']): string {
  const label = status.replace('_', ' ');
  if (status === 'live') return c.green(label);
  if (status === 'upcoming') return c.cyan(label);
  if (status === 'sold_out') return c.red(label);
  return c.dim(label);
}

/** "starts in 1m05s" / "ends in 54s" / "ended 10s ago" — what a person wants to know about time. */
export function timing(d: DropJson, now: number): string {
  const starts = Date.parse(d.startsAt);
  const ends = Date.parse(d.endsAt);
  if (d.status === 'cancelled') return 'cancelled';
  if (now < starts) return `starts in ${formatDuration(starts - now)}`;
  if (now < ends) return `ends in ${formatDuration(ends - now)}`;
  return `ended ${formatDuration(now - ends)} ago`;
}

/** `@ada`: how people name a creator (a server before handles in drops shows the id). */
export const creatorLabel = (d: DropJson): string => (d.creator?.handle ? `@${d.creator.handle}` : d.creatorId);

export function dropRow(c: Palette, d: DropJson, now: number): string[] {
  const left = `${d.stock.available}/${d.stock.total}`;
  const price = formatMoney(d.product.priceCents, d.product.currency);
  return [d.id, d.product.title, creatorLabel(d), paintStatus(c, d.status), left, price, timing(d, now)];
}

export const DROP_HEADERS = ['ID', 'PRODUCT', 'CREATOR', 'STATUS', 'LEFT', 'PRICE', 'WHEN'];

/** The key/value block of `drop show` and the schedule/cancel confirmations. */
export function dropDetails(c: Palette, d: DropJson, now: number): string[] {
  const kv = (k: string, v: string): string => `${c.dim(k.padEnd(10))}${v}`;
  return [
    `${c.bold(d.product.title)}  ${paintStatus(c, d.status)}`,
    kv('id', d.id),
    kv('creator', d.creator?.handle ? `@${d.creator.handle} (${d.creator.displayName})` : d.creatorId),
    kv('price', formatMoney(d.product.priceCents, d.product.currency)),
    kv(
      'stock',
      `${d.stock.available} of ${d.stock.total} left${d.stock.held ? `, ${d.stock.held} held` : ''} (low at ${d.lowStockThreshold})`,
    ),
    ...(d.checkout === 'pay'
      ? [kv('checkout', `pay within ${formatDuration((d.holdSeconds ?? 0) * 1000)} of ordering (unpaid holds return)`)]
      : []),
    kv('limit', d.perUserLimit === null ? 'none per buyer' : `${d.perUserLimit} per buyer`),
    kv('starts', d.startsAt),
    kv('ends', d.endsAt),
    kv('when', timing(d, now)),
  ];
}
