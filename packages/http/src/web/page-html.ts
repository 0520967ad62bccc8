import type { z } from 'zod';
import type { DropJson } from '../schemas/drop.schema.js';

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

/** `21 Nov 2026, 19:00 UTC`: without scripts there is no local time zone to show. */
const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const when = (iso: string): string => `${utc.format(new Date(iso))} UTC`;

/** What the card says about the drop's state; the app's DropCard says the same. */
function statusText(d: Drop): string {
  const left = `${d.stock.available} of ${d.stock.total} left`;
  switch (d.status) {
    case 'upcoming':
      return `Starts <time datetime="${esc(d.startsAt)}">${esc(when(d.startsAt))}</time>`;
    case 'live':
      return `Live · ${left}`;
    case 'sold_out':
      return 'Sold out';
    case 'cancelled':
      return 'Cancelled';
    default:
      return `Ended · ${left}`;
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
  const loading = eager ? 'fetchpriority="high"' : 'loading="lazy"';
  const size = `width="${img.width}" height="${img.height}"`;
  return `<img class="drop-img" src="${esc(src)}" srcset="${srcset}" sizes="${sizes}" ${size} alt="" ${loading}>`;
}

const stock = ({ stock: { total, available } }: Drop): string =>
  `<progress class="stock" max="${total}" value="${available}" aria-label="Units left">` +
  `${available} of ${total}</progress>`;

export function dropCard(d: Drop, eager = false): string {
  const img = picture(d, '(min-width: 700px) 320px, 100vw', eager);
  const link = `<a class="drop-link" href="/drops/${esc(d.id)}">${img}`;
  return `<li class="drop-card status-${esc(d.status)}">${link}
<span class="drop-title">${esc(d.product.title)}</span></a>
<span class="drop-meta">@${esc(d.creator.handle)} · ${price(d)}</span>
<span class="drop-status">${statusText(d)}</span>${d.status === 'live' ? stock(d) : ''}</li>`;
}

export function dropList(title: string, drops: Drop[], empty: string, eagerFirst: boolean): string {
  const items = drops.map((d, i) => dropCard(d, eagerFirst && i === 0)).join('\n');
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return `<section class="drops" aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(title)}</h2>
${drops.length ? `<ul class="drop-grid">\n${items}\n</ul>` : `<p class="empty">${esc(empty)}</p>`}</section>`;
}

/** The drop page as it reads without scripts: what, who, when, how many left. */
export function dropDetail(d: Drop): string {
  return `<article class="drop-page status-${esc(d.status)}">${picture(d, '(min-width: 700px) 480px, 100vw', true)}
<div class="drop-info"><h1>${esc(d.product.title)}</h1>
<p class="drop-meta">by @${esc(d.creator.handle)} · <span class="price">${price(d)}</span></p>
<p class="drop-status">${statusText(d)}</p>${stock(d)}
<p class="noscript-note">Buying needs JavaScript.</p></div></article>`;
}
