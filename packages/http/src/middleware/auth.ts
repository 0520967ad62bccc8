import { UnauthenticatedError, type UseCases, type User } from '@livedrops/core';
import type { AppContext } from '../routing/route.js';
import { assertCsrf, clearSessionCookies, sessionCookie } from './session-cookie.js';

// RFC 6750 b64token, bounded: anything else cannot be one of our tokens.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]{1,512}=*) *$/i;

/** The bearer token of the request, or a 401 for a missing or malformed header. */
export function bearerToken(ctx: AppContext): string {
  const header = ctx.get('Authorization');
  if (header === '') throw new UnauthenticatedError('An Authorization: Bearer token is required');
  const match = BEARER.exec(header);
  if (!match) throw new UnauthenticatedError('The Authorization header is not a Bearer token');
  return match[1]!;
}

/**
 * Resolves the request's user through the sessions use case; revoked tokens are 401 too.
 * The Authorization header wins; without one, the web app's session cookie, which a request
 * that changes something may use only with its CSRF token (session-cookie.ts).
 */
export async function authenticate(ctx: AppContext, sessions: UseCases['sessions']): Promise<User> {
  const cookie = ctx.get('Authorization') === '' ? sessionCookie(ctx) : undefined;
  const token = cookie ?? bearerToken(ctx);
  if (cookie !== undefined) assertCsrf(ctx, cookie);
  const user = await sessions.authenticate(token).catch((e: unknown) => {
    // A revoked session's cookies are of no further use to the browser: clear them with the 401.
    if (cookie !== undefined && e instanceof UnauthenticatedError) clearSessionCookies(ctx);
    throw e;
  });
  ctx.state.user = user;
  ctx.state.token = token;
  ctx.state.credential = cookie === undefined ? 'bearer' : 'cookie';
  return user;
}
