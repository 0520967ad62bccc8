import { UnauthenticatedError, type UseCases, type User } from '@livedrops/core';
import type { AppContext } from '../routing/route.js';

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

/** Resolves the request's user through the sessions use case; revoked tokens are 401 too. */
export async function authenticate(ctx: AppContext, sessions: UseCases['sessions']): Promise<User> {
  const token = bearerToken(ctx);
  const user = await sessions.authenticate(token);
  ctx.state.user = user;
  ctx.state.token = token;
  return user;
}
