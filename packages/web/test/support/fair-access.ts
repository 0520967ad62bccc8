import type { BrowserContext, Page } from 'playwright-core';
import type { Shop } from './checkout.js';
import type { SkewedClock } from './world.js';

const HOUR = 3_600_000;

/** A waiting-room drop (instant checkout) opening `inMs` from now on the server's clock. */
export function queueDrop(shop: Shop, clock: SkewedClock, stock: number, inMs: number, extra = {}) {
  const now = clock.now();
  return shop.api.call<{ id: string }>('POST', '/v1/drops', shop.creator.token, {
    productId: shop.productId,
    startsAt: new Date(now + inMs).toISOString(),
    endsAt: new Date(now + 6 * HOUR).toISOString(),
    stock,
    access: 'queue',
    ...extra,
  });
}

/** A draw (instant checkout unless `extra` says) whose entries are open now and close as it opens, `inMs` from now. */
export function drawDrop(shop: Shop, clock: SkewedClock, stock: number, inMs: number, extra = {}) {
  const now = clock.now();
  const close = new Date(now + inMs).toISOString();
  return shop.api.call<{ id: string }>('POST', '/v1/drops', shop.creator.token, {
    productId: shop.productId,
    startsAt: close,
    endsAt: new Date(now + 6 * HOUR).toISOString(),
    stock,
    access: 'draw',
    entriesOpenAt: new Date(now + 1_000).toISOString(),
    entriesCloseAt: close,
    ...extra,
  });
}

/**
 * Moves the server's clock and the page's together (Playwright's clock, installed before the page
 * loads): the page's countdowns (a pass's time left) stay on the server's time, as in real life.
 */
export async function jumpBoth(clock: SkewedClock, page: Page, ms: number): Promise<void> {
  clock.jump(ms);
  await page.clock.fastForward(ms);
}

/** The signed-in user's id, as the fairness record lists participants. */
export const myId = async (ctx: BrowserContext, url: string): Promise<string> =>
  (await (await ctx.request.get(`${url}/v1/me`)).json()).id;

/** Every order POST the page sends: its key and whether it carried a pass. */
export function watchOrders(page: Page): Array<{ key: string; pass?: string }> {
  const seen: Array<{ key: string; pass?: string }> = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/v1/orders')) return;
    seen.push({ key: r.headers()['idempotency-key']!, pass: JSON.parse(r.postData() ?? '{}').pass });
  });
  return seen;
}
