import { Router } from '@koa/router';
import { ValidationError, type UseCases } from '@livedrops/core';
import { type CursorSigner, listScope } from '../cursor-signer.js';
import type { Middleware } from 'koa';
import { parseIdempotencyKey } from '../idempotency-key.js';
import { authenticate } from '../middleware/auth.js';
import { readJsonBody } from '../middleware/json-body.js';
import { HttpError } from '../errors/problem.js';
import type { AnyRoute, AppContext, AppState } from './route.js';
import { assertSafeText } from './text-safety.js';
import { parseOrThrow } from './validate.js';

/** `/v1/drops/{id}` → `/v1/drops/:id` for the router. */
export const koaPath = (template: string): string => template.replace(/\{(\w+)\}/g, ':$1');

async function run(
  route: AnyRoute,
  ctx: AppContext,
  sessions: UseCases['sessions'],
  cursors: CursorSigner,
): Promise<void> {
  ctx.state.route = route.path;
  // Authentication first: an anonymous caller learns nothing about what valid input looks like.
  const user = route.auth ? await authenticate(ctx, sessions) : undefined;
  // Only lists use it (a cursor is bound to its list): not worked out for every request.
  const scope = () => listScope(route.operationId, { ...ctx.params }, { ...ctx.query }, user?.id);
  const rawQuery = { ...ctx.query };
  if (typeof rawQuery['after'] === 'string') {
    const payload = cursors.open(rawQuery['after'], scope());
    if (payload === null) throw ValidationError.field('after', 'is not a cursor this API issued for this list');
    rawQuery['after'] = payload;
  }
  const idempotencyKey = route.idempotencyKey
    ? parseIdempotencyKey(ctx.headers['idempotency-key'], `${ctx.method} ${route.path}`)
    : undefined;
  assertSafeText({ ...ctx.params }, 'params');
  assertSafeText(rawQuery, 'query');
  const params = route.params ? parseOrThrow(route.params, { ...ctx.params }, 'params') : undefined;
  // A route without query parameters refuses any, as lists refuse unknown ones.
  const unknown = route.query ? [] : Object.keys(rawQuery);
  if (unknown.length > 0) {
    throw new ValidationError(unknown.map((path) => ({ path, message: 'is not a known query parameter' })));
  }
  const query = route.query ? parseOrThrow(route.query, rawQuery, 'query') : undefined;
  const raw = route.body ? await readJsonBody(ctx) : undefined;
  assertSafeText(raw, 'body');
  const body = route.body ? parseOrThrow(route.body, raw, 'body') : undefined;
  const reply = await route.handle({ params, query, body, user, idempotencyKey, ctx });
  ctx.status = reply.status;
  if (reply.headers) ctx.set(reply.headers);
  if (reply.body !== undefined) {
    const next = (reply.body as { nextCursor?: unknown } | null)?.nextCursor;
    if (typeof next === 'string') (reply.body as { nextCursor: string }).nextCursor = cursors.sign(next, scope());
    ctx.body = reply.body;
    if (reply.type) ctx.type = reply.type;
  }
}

/** Mounts every route on one router, each behind its own validation. */
export function mountRoutes(
  routes: AnyRoute[],
  sessions: UseCases['sessions'],
  cursors: CursorSigner,
): Router<AppState> {
  // Paths are matched exactly as the contract spells them (`/V1/Drops` is not a route).
  const router = new Router<AppState>({ sensitive: true });
  for (const route of routes) {
    const handle = (ctx: AppContext) => run(route, ctx, sessions, cursors);
    router[route.method](route.operationId, koaPath(route.path), handle);
  }
  return router;
}

/**
 * Runs after the router when nothing matched: a known path with another method is a
 * 405 naming the allowed ones (OPTIONS answers them), anything else a 404 problem.
 */
export function fallback(router: Router<AppState>): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    const matched = router.match(ctx.path, ctx.method);
    const allowed = [...new Set(matched.path.flatMap((layer) => layer.methods))];
    if (allowed.length === 0) throw new HttpError('not_found', `No resource at ${ctx.path}`);
    if (!allowed.includes('OPTIONS')) allowed.push('OPTIONS');
    const allow = allowed.join(', ');
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      ctx.set('Allow', allow);
      return;
    }
    throw new HttpError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`, { Allow: allow });
  };
}
