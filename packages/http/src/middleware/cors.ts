import type { Middleware } from 'koa';
import type { AppState } from '../routing/route.js';

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const HEADERS = 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID, X-Request-Id';
const EXPOSED = 'X-Request-Id, Retry-After, Idempotent-Replayed, Location';

/**
 * CORS for the listed origins only (CORS_ORIGINS); without the setting this is not mounted
 * and no response carries a CORS header. Credentials travel as bearer tokens, never
 * cookies, so `Access-Control-Allow-Credentials` is never sent.
 */
export function cors(origins: readonly string[]): Middleware<AppState> {
  const allowed = new Set(origins);
  return async (ctx, next) => {
    ctx.vary('Origin');
    const origin = ctx.get('Origin');
    if (!allowed.has(origin)) return next();
    ctx.set('Access-Control-Allow-Origin', origin);
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method') !== '') {
      ctx.set({ 'Access-Control-Allow-Methods': METHODS, 'Access-Control-Allow-Headers': HEADERS });
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    ctx.set('Access-Control-Expose-Headers', EXPOSED);
    return next();
  };
}
