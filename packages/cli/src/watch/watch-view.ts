import { FINAL_STATUSES, heldNote, paintStatus, timing, type DropJson } from '../drop-format.js';
import { formatDuration } from '../duration.js';
import type { Palette } from '../output.js';
import { statsLine, type DropStatsJson } from './creator-stats.js';

export interface NotificationJson {
  id: string;
  type: string;
  createdAt: string;
  data: { dropId?: string; productTitle?: string; available?: number; orderId?: string; [k: string]: unknown };
}

export interface WatchState {
  drop: DropJson;
  perSecond: number;
  now: number;
  /** What the notification stream is doing, for the person to know why nothing arrives. */
  stream: string;
  /** Set while polling fails (server gone, say); the last good reading stays on screen. */
  problem?: string | undefined;
  /** The creator's figures, when the person watching is the drop's creator. */
  stats?: DropStatsJson | undefined;
}

const BAR_WIDTH = 30;

/** `[██████░░░░]`: the filled part is what is still available. */
export function stockBar(c: Palette, d: DropJson): string {
  const { total, available } = d.stock;
  const filled = total > 0 ? Math.round((available / total) * BAR_WIDTH) : 0;
  // A sliver left must not look like none left, nor nearly sold out like full.
  const cells = available > 0 ? Math.min(BAR_WIDTH - (available < total ? 1 : 0), Math.max(1, filled)) : 0;
  const paint = available === 0 ? c.red : available <= d.lowStockThreshold ? c.yellow : c.green;
  return `[${paint('█'.repeat(cells))}${c.dim('░'.repeat(BAR_WIDTH - cells))}]`;
}

/** Units leaving the stock per second (several may leave in one order, so not "orders"). */
export const rate = (perSecond: number): string => `${perSecond.toFixed(1)} units/s`;

/** Every watch line starts with the time of day the same way: `20:26:35` (UTC, as the API's times). */
export const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** The in-place frame on a terminal. */
export function frame(c: Palette, s: WatchState): string[] {
  const d = s.drop;
  const held = d.stock.held ?? 0;
  const sold = d.stock.total - d.stock.available - held;
  return [
    `${c.bold(d.product.title)}  ${paintStatus(c, d.status)}  ${c.dim(d.id)}`,
    `${stockBar(c, d)} ${d.stock.available}/${d.stock.total} left  ${c.dim(`(${sold} sold${held ? `, ${held} held` : ''})`)}`,
    `${rate(s.perSecond)}   ${timing(d, s.now)}   ${c.dim(`notifications: ${s.stream}`)}`,
    ...(s.stats ? [statsLine(c, s.stats)] : []),
    ...(s.problem
      ? [c.yellow(`! ${s.problem}`)]
      : FINAL_STATUSES.has(d.status)
        ? []
        : [c.dim('Ctrl-C to stop watching')]),
  ];
}

/** One plain line per change when stdout is not a terminal (logs, pipes, CI). */
export function plainLine(s: WatchState): string {
  const d = s.drop;
  const held = heldNote(d);
  return `${clock(s.now)} ${d.status} ${d.stock.available}/${d.stock.total} left${held ? ` ${held}` : ''} ${rate(s.perSecond)} ${timing(d, s.now)}`;
}

export function notificationLine(c: Palette, n: NotificationJson, now: number): string {
  const title = n.data.productTitle ?? n.data.dropId ?? '';
  const left = n.data.available !== undefined ? ` (${n.data.available} left)` : '';
  const text: Record<string, string> = {
    'drop.started': `${c.green('drop started')}: ${title}${left}`,
    'stock.low': `${c.yellow('stock low')}: ${title}${left}`,
    'drop.sold_out': `${c.red('sold out')}: ${title}`,
    'order.confirmed': `${c.green('order confirmed')}: ${n.data.orderId ?? ''} (drop ${n.data.dropId ?? '?'})`,
    'order.held': `${c.cyan('order held')}: ${n.data.orderId ?? ''} ${expiry(n, now)}`,
    'order.offered': `${c.cyan('offered to you')}: ${n.data.orderId ?? ''} ${expiry(n, now)}`,
    'order.expired': `${c.yellow('hold expired')}: ${n.data.orderId ?? ''} (its units went back)`,
    'order.cancelled': `${c.dim('hold cancelled')}: ${n.data.orderId ?? ''}`,
    'draw.won': `${c.green('you won the draw')}: ${title}${n.data.orderId ? ` ${n.data.orderId} ${expiry(n, now)}` : ''}`,
    'draw.lost': `${c.dim('not drawn')}: ${title}`,
  };
  return `${c.dim(clock(now))} ${text[n.type] ?? `${n.type}: ${JSON.stringify(n.data)}`}`;
}

/** "pay by 19:59:06 (in 9m54s)": a hold's deadline, as the watch shows it. */
function expiry(n: NotificationJson, now: number): string {
  const at = typeof n.data.expiresAt === 'string' ? Date.parse(n.data.expiresAt) : NaN;
  return Number.isNaN(at) ? '' : `pay by ${clock(at)} (in ${formatDuration(at - now)})`;
}

export function finalLine(d: DropJson, watchedMs: number): string {
  const verdict = d.status === 'sold_out' ? 'sold out' : d.status === 'cancelled' ? 'cancelled' : 'ended';
  return `${verdict}: ${d.stock.total - d.stock.available}/${d.stock.total} sold (watched ${formatDuration(watchedMs)})`;
}
