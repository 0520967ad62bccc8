import type { z } from 'zod';
import type { DropJson } from '../schemas/drop.schema.js';

// The markup here is the web app's own (packages/web/app: DropCard, Picture, StockBar, DropPage),
// element for element and attribute for attribute, with no whitespace between elements: the app
// hydrates it in place (keeping what is already painted) instead of drawing the page again.

type Drop = z.infer<typeof DropJson>;

/** Text for HTML content and attribute values. */
export const esc = (s: unknown): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** JSON inside `<script type="application/json">`: nothing in it can close the element. */
export const jsonData = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

export const money = (cents: number, currency: string): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);
const price = (d: Drop): string => esc(money(d.product.priceCents, d.product.currency));
const left = (d: Drop): string => `${d.stock.available} of ${d.stock.total} left`;

/** `21 Nov 2026, 19:00 UTC`: without scripts there is no local time zone to show. */
const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const when = (iso: string): string => `${utc.format(new Date(iso))} UTC`;

/** `01:02:03` left until `iso` (the app's countdown ticks on from here). */
function countdown(iso: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  const [d, h, m, sec] = [Math.floor(s / 86_400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
  const p = (n: number): string => String(n).padStart(2, '0');
  const clock = h || d ? `${p(h)}:${p(m)}:${p(sec)}` : `${p(m)}:${p(sec)}`;
  return d ? `${d}d ${clock}` : clock;
}

/** What a card says about the drop's state (the app's `statusText`). */
function statusText(d: Drop): string {
  switch (d.status) {
    case 'upcoming':
      return `Starts <time datetime="${esc(d.startsAt)}">${esc(when(d.startsAt))}</time>`;
    case 'live':
      return `Live · ${left(d)}`;
    case 'sold_out':
      return 'Sold out';
    case 'cancelled':
      return 'Cancelled';
    default:
      return `Ended · ${left(d)}`;
  }
}

/** The product's picture at list size (320/640 px renditions), or a placeholder of the same size. */
function picture(d: Drop, sizes: string, eager: boolean): string {
  const img = d.product.image;
  if (!img) return '<div class="drop-img drop-img-none" aria-hidden="true"></div>';
  const srcset = Object.entries(img.variants)
    .map(([w, url]) => `${esc(url)} ${w}w`)
    .join(', ');
  const src = img.variants['640'] ?? img.variants['320'] ?? img.url;
  const size = `width="${img.width}" height="${img.height}"`;
  const loading = eager ? 'fetchpriority="high"' : 'loading="lazy"';
  return `<img class="drop-img" src="${esc(src)}" srcset="${srcset}" sizes="${sizes}" ${size} alt="" ${loading}>`;
}

const progress = (d: Drop, text: string): string =>
  `<progress class="stock" max="${d.stock.total}" value="${d.stock.available}" aria-label="Units left">${text}</progress>`;

export function dropCard(d: Drop, eager = false): string {
  const link = `<a class="drop-link" href="/drops/${esc(d.id)}">${picture(d, '(min-width: 700px) 320px, 100vw', eager)}`;
  const live = d.status === 'live' ? progress(d, `${d.stock.available} of ${d.stock.total}`) : '';
  return (
    `<li class="drop-card status-${esc(d.status)}">${link}<span class="drop-title">${esc(d.product.title)}</span></a>` +
    `<span class="drop-meta">@${esc(d.creator.handle)} · ${price(d)}</span>` +
    `<span class="drop-status">${statusText(d)}</span>${live}</li>`
  );
}

export function dropList(title: string, drops: Drop[], empty: string, eagerFirst: boolean): string {
  const id = `h-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const items = drops.map((d, i) => dropCard(d, eagerFirst && i === 0)).join('');
  const body = drops.length ? `<ul class="drop-grid">${items}</ul>` : `<p class="empty">${esc(empty)}</p>`;
  return `<section class="drops" aria-labelledby="${id}"><h2 id="${id}">${esc(title)}</h2>${body}</section>`;
}

/** The stock as the drop page shows it (the app's StockBar). */
function stockBar(d: Drop): string {
  const { available } = d.stock;
  const low = available > 0 && available <= d.lowStockThreshold;
  const cls = `stock-bar${low ? ' low' : ''}${available === 0 ? ' empty' : ''}`;
  const text = `${available === 0 ? 'None left' : left(d)}${low ? ' · almost gone' : ''}`;
  return `<div class="${cls}">${progress(d, '')}<p class="stock-text" aria-live="polite">${text}</p></div>`;
}

/** The drop page as it reads without scripts: what, who, when, how many left. */
export function dropDetail(d: Drop, now: number): string {
  const limit = d.perUserLimit === null ? '' : ` · at most ${d.perUserLimit} per person`;
  const meta = `by <a href="/creators/${esc(d.creatorId)}">@${esc(d.creator.handle)}</a> · <span class="price">${price(d)}</span>`;
  const clock = (label: string, to: string): string =>
    `<p class="countdown"><span class="countdown-label">${label}</span> ` +
    `<time datetime="${esc(to)}" aria-hidden="true">${countdown(to, now)}</time></p>`;
  const timer =
    d.status === 'upcoming' ? clock('Opens in', d.startsAt) : d.status === 'live' ? clock('Closes in', d.endsAt) : '';
  return (
    `<article class="drop-page status-${esc(d.status)}">${picture(d, '(min-width: 700px) 480px, 100vw', true)}` +
    `<div class="drop-info"><h1>${esc(d.product.title)}</h1><p class="drop-meta">${meta}${limit}</p>` +
    `<p class="drop-status">${statusText(d)}</p>${timer}${d.status === 'upcoming' ? '' : stockBar(d)}` +
    '<noscript><p>Buying needs JavaScript.</p></noscript></div></article>'
  );
}
