import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { NotFoundError, type UseCases } from '@livedrops/core';
import type { Middleware } from 'koa';
import { MediaUrls } from '../media-urls.js';
import type { AppContext, AppState } from '../routing/route.js';
import { dropJson } from '../schemas/drop.schema.js';
import { dropDetail, dropList, jsonData } from './page-html.js';
import { sendStatic } from './static-files.js';
import { page, type WebShell } from './web-assets.js';

const ID = '[A-Za-z0-9_-]{1,64}';
/** The app's own routes (app/routes.ts); anything else is the API's business (or a 404). */
const APP_PAGES = [
  new RegExp(`^/creators/${ID}$`),
  /^\/(login|register|orders|inbox|following|studio)$/,
  new RegExp(`^/studio/(products|drops)/(new|${ID})$`),
];
const DROP_PAGE = new RegExp(`^/drops/(${ID})$`);
const LIST_SIZE = 12;

/**
 * The strict policy of every app page: scripts, styles, fonts and data from this origin only,
 * no inline script or style, no string-to-code sinks (Trusted Types), never framed. Images
 * may also come from MEDIA_BASE_URL's origin when a CDN serves them.
 */
export function appCsp(mediaBaseUrl: string | undefined): string {
  const media = mediaBaseUrl && /^https?:\/\//.test(mediaBaseUrl) ? ` ${new URL(mediaBaseUrl).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${media}`,
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

// The app's Layout, as it first draws for someone signed out (it hydrates this in place).
const frame = (main: string): string =>
  '<div id="app"><a class="skip" href="#main">Skip to content</a><header class="site-header">' +
  '<a class="brand" href="/">Live Drops</a><nav aria-label="Main"><a href="/">Drops</a><a href="/docs">API</a>' +
  `<a href="/login">Log in</a></nav></header><main id="main">${main}</main></div>`;

const WAIT = `<p class="loading">Loading…</p><noscript><p>This page needs JavaScript. The <a href="/">drop list</a>
works without it.</p></noscript>`;

export interface WebPagesDeps {
  useCases: UseCases;
  shell: WebShell;
  mediaBaseUrl?: string | undefined;
}

/**
 * The web app's pages and files, beside the API on the same port. `/` and `/drops/{id}` are
 * rendered here (readable without JavaScript, and painted before the app's script arrives),
 * with their data in a JSON block the app starts from; the app's other routes get the shell.
 */
export function webPages(deps: WebPagesDeps): Middleware<AppState> {
  const uc = deps.useCases;
  const csp = appCsp(deps.mediaBaseUrl);
  const media = new MediaUrls(deps.mediaBaseUrl);
  const drops = async (status: 'live' | 'upcoming') => {
    const p = await uc.drops.list({ status }, { limit: LIST_SIZE });
    const creators = await uc.drops.creatorsOf(p.items);
    const now = uc.drops.now();
    return p.items.map((d) => dropJson(d, now, creators, media));
  };

  async function render(
    ctx: AppContext,
  ): Promise<{ status: number; title: string; body: string; json?: string } | null> {
    if (ctx.path === '/') {
      const [live, upcoming] = await Promise.all([drops('live'), drops('upcoming')]);
      const body = [
        '<h1 class="visually-hidden">Drops</h1>',
        dropList('Live now', live, 'Nothing is live right now.', true),
        dropList('Coming up', upcoming, 'Nothing is scheduled yet.', live.length === 0),
      ].join('\n');
      return {
        status: 200,
        title: 'Live Drops',
        body,
        json: jsonData({ page: 'home', now: uc.drops.now(), live, upcoming }),
      };
    }
    const drop = DROP_PAGE.exec(ctx.path);
    if (drop) {
      try {
        const d = await uc.drops.get(drop[1]!);
        const json = dropJson(d, uc.drops.now(), await uc.drops.creatorsOf([d]), media);
        const data = jsonData({ page: 'drop', now: uc.drops.now(), drop: json });
        return {
          status: 200,
          title: `${json.product.title} · Live Drops`,
          body: dropDetail(json, uc.drops.now()),
          json: data,
        };
      } catch (e) {
        // A browser gets a page; any other client the API's problem+json 404.
        if (!(e instanceof NotFoundError) || !ctx.get('Accept').includes('text/html')) throw e;
        return {
          status: 404,
          title: 'No such drop · Live Drops',
          body: '<h1>No such drop</h1><p><a href="/">See every drop</a></p>',
        };
      }
    }
    if (APP_PAGES.some((p) => p.test(ctx.path))) return { status: 200, title: 'Live Drops', body: WAIT };
    return null;
  }

  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (deps.shell.dir && ctx.path.startsWith('/assets/')) {
      ctx.state.route = '/assets/{file}';
      if (sendStatic(ctx, `${deps.shell.dir}/assets`, ctx.path.slice('/assets/'.length), true)) return;
    }
    if (deps.shell.dir && ctx.path === '/favicon.svg') {
      ctx.state.route = '/favicon.svg';
      if (sendStatic(ctx, deps.shell.dir, 'favicon.svg', false)) return;
    }
    const found = await render(ctx);
    if (!found) return next();
    ctx.state.route = ctx.path === '/' ? '/' : DROP_PAGE.test(ctx.path) ? '/drops/{id}' : '(app page)';
    const html = page(deps.shell, {
      title: found.title,
      body: frame(found.body),
      ...(found.json && { json: found.json }),
    });
    send(ctx, found.status, html, csp);
  };
}

/** An HTML page, compressed when the client takes it (pages are small: compression is cheap). */
function send(ctx: AppContext, status: number, html: string, csp: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  // Public data only (who is signed in is the app's business), but never stale: revalidate each time.
  ctx.set({ 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache', 'Cross-Origin-Opener-Policy': 'same-origin' });
  ctx.vary('Accept-Encoding');
  const accepts = ctx.get('Accept-Encoding');
  let body: Buffer = Buffer.from(html);
  if (/\bbr\b/.test(accepts)) {
    body = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    ctx.set('Content-Encoding', 'br');
  } else if (/\bgzip\b/.test(accepts)) {
    body = gzipSync(body);
    ctx.set('Content-Encoding', 'gzip');
  }
  ctx.body = body;
}
