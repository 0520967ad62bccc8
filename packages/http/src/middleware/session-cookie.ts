import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../errors/problem.js';
import type { AppContext } from '../routing/route.js';

/** The header a cookie-authenticated request that changes something must carry. */
export const CSRF_HEADER = 'X-CSRF-Token';
const MAX_AGE_MS = 30 * 24 * 3_600_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Same shape as a bearer token (auth.ts): anything else cannot be one of ours.
const TOKEN = /^[A-Za-z0-9\-._~+/]{1,512}=*$/;

/**
 * Over HTTPS the cookies carry the `__Host-` prefix: the browser then accepts them only with
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or shadow them.
 */
function names(ctx: AppContext): { session: string; csrf: string } {
  return ctx.secure
    ? { session: '__Host-ld_session', csrf: '__Host-ld_csrf' }
    : { session: 'ld_session', csrf: 'ld_csrf' };
}

/**
 * The CSRF token of a session: an HMAC keyed by the session token itself. Only someone who
 * holds the token (the server, or the page it answered) can make it, so it needs no storage,
 * holds across instances, and a cookie planted by another site cannot be paired with it.
 */
export function csrfTokenOf(token: string): string {
  return createHmac('sha256', token).update('livedrops csrf v1').digest('base64url');
}

/**
 * The web app's session: the token in an HttpOnly cookie (scripts never see it), and its CSRF
 * token in a readable one that the app echoes in `X-CSRF-Token`. Both SameSite=Strict, so no
 * other site's page sends them at all; Secure whenever the request came over HTTPS.
 */
export function setSessionCookies(ctx: AppContext, token: string): string {
  const csrf = csrfTokenOf(token);
  const n = names(ctx);
  const common = { sameSite: 'strict' as const, secure: ctx.secure, path: '/', maxAge: MAX_AGE_MS, overwrite: true };
  ctx.cookies.set(n.session, token, { ...common, httpOnly: true });
  ctx.cookies.set(n.csrf, csrf, { ...common, httpOnly: false });
  return csrf;
}

export function clearSessionCookies(ctx: AppContext): void {
  const n = names(ctx);
  const gone = { sameSite: 'strict' as const, secure: ctx.secure, path: '/', maxAge: 0, overwrite: true };
  ctx.cookies.set(n.session, '', { ...gone, httpOnly: true });
  ctx.cookies.set(n.csrf, '', { ...gone, httpOnly: false });
}

/** The session token of the request's cookie, if it carries a well-formed one. */
export function sessionCookie(ctx: AppContext): string | undefined {
  const value = ctx.cookies.get(names(ctx).session);
  return value !== undefined && TOKEN.test(value) ? value : undefined;
}

/**
 * Refuses a request a browser may have sent on another site's behalf: one whose browser says
 * it came from another origin (`Sec-Fetch-Site`), or whose `Origin` is not this server's.
 */
export function assertSameOrigin(ctx: AppContext): void {
  const site = ctx.get('Sec-Fetch-Site');
  if (site !== '' && site !== 'same-origin')
    throw new HttpError('csrf_failed', `A request from a ${site} page cannot use the session`);
  const origin = ctx.get('Origin');
  const own = `${ctx.protocol}://${ctx.host}`;
  if (origin !== '' && origin !== own) throw new HttpError('csrf_failed', 'The request came from another origin');
}

/** A cookie-authenticated request that changes something: same origin, and the session's CSRF token. */
export function assertCsrf(ctx: AppContext, token: string): void {
  if (SAFE_METHODS.has(ctx.method)) return;
  assertSameOrigin(ctx);
  const given = Buffer.from(ctx.get(CSRF_HEADER));
  const expected = Buffer.from(csrfTokenOf(token));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError('csrf_failed', `A request authenticated by the session cookie needs the ${CSRF_HEADER} header`);
  }
}
