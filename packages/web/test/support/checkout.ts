import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { type Api, handle, signedInContext } from './app-server.js';
import { watchPages } from './page-checks.js';
import type { World } from './world.js';

export interface Shop {
  api: Api;
  url: string;
  creator: { id: string; token: string };
  productId: string;
}

/** A record's picture, for the drop page to look like one (the README shows it). */
const vinylPng = (): Promise<Buffer> =>
  sharp(
    Buffer.from(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">',
        '<rect width="800" height="800" fill="#0f766e"/>',
        '<circle cx="400" cy="400" r="330" fill="#111"/>',
        '<circle cx="400" cy="400" r="250" fill="none" stroke="#333" stroke-width="6"/>',
        '<circle cx="400" cy="400" r="110" fill="#f59e0b"/>',
        '<circle cx="400" cy="400" r="12" fill="#0f766e"/></svg>',
      ].join(''),
    ),
  )
    .png()
    .toBuffer();

/** A creator with one product (with its picture), to open pay drops of. */
export async function openShop(api: Api, url: string): Promise<Shop> {
  const creator = await api.register(handle('pay_star'), true);
  const product = await api.call('POST', '/v1/products', creator.token, {
    title: 'Signed vinyl',
    priceCents: 3500,
    currency: 'EUR',
  });
  const res = await fetch(`${url}/v1/products/${product.id}/image`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${creator.token}`, 'Content-Type': 'image/png' },
    body: new Uint8Array(await vinylPng()),
  });
  if (!res.ok) throw new Error(`product image → ${res.status}`);
  return { api, url, creator, productId: product.id };
}

/** A pay drop open now, with the shortest hold the API allows (30 s) unless told otherwise. */
export function payDrop(shop: Shop, stock: number, holdSeconds = 30): Promise<{ id: string }> {
  const now = Date.now();
  return shop.api.call('POST', '/v1/drops', shop.creator.token, {
    productId: shop.productId,
    startsAt: new Date(now - 1_000).toISOString(),
    // Far enough that the test's clock jumps never end it.
    endsAt: new Date(now + 6 * 3_600_000).toISOString(),
    stock,
    checkout: 'pay',
    holdSeconds,
  });
}

/** A new fan, signed in (cookie session) in a fresh phone-sized context with the page checks on. */
export async function fanPage(
  browser: Browser,
  shop: Shop,
  name = 'payer',
): Promise<{ ctx: BrowserContext; page: Page; token: string }> {
  const fan = await shop.api.register(handle(name));
  const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
  await watchPages(ctx);
  await signedInContext(ctx, shop.url, fan.handle);
  return { ctx, page: await ctx.newPage(), token: fan.token };
}

/** A describe block's shop, opened before its tests, and its fans (`fanPage`), whose contexts close after them. */
export function useShop(w: World): { readonly shop: Shop; fan(): ReturnType<typeof fanPage> } {
  let shop: Shop | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    shop = await openShop(w.api, w.url);
  });
  after(() => Promise.all(contexts.map((c) => c.close())));
  return {
    get shop() {
      return shop!;
    },
    async fan() {
      const f = await fanPage(w.browser, shop!);
      contexts.push(f.ctx);
      return f;
    },
  };
}

/** Opens the drop page and holds one unit with Buy; resolves once the hold panel shows. */
export async function holdOne(page: Page, url: string, dropId: string): Promise<void> {
  await page.goto(`${url}/drops/${dropId}`);
  await page.click('.buy-button');
  await page.waitForSelector('.hold-held');
}

/** Every payment request the page sends: its Idempotency-Key and method, in order. */
export function watchPayments(page: Page): Array<{ key: string; method: string }> {
  const seen: Array<{ key: string; method: string }> = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/payment')) return;
    seen.push({ key: r.headers()['idempotency-key']!, method: JSON.parse(r.postData() ?? '{}').paymentMethodId });
  });
  return seen;
}

export const orderOf = async (ctx: BrowserContext, url: string, id: string): Promise<any> =>
  (await ctx.request.get(`${url}/v1/orders/${id}`)).json();

export const myOrders = async (ctx: BrowserContext, url: string): Promise<any[]> =>
  (await (await ctx.request.get(`${url}/v1/me/orders`)).json()).data;
