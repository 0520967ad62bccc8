import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { AppState } from '../routing/route.js';

// A client-chosen id ends up in our logs, so only short, boring ones are echoed.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Sent on every response (api.md, Security and hygiene). */
const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
const TOKEN_ROUTES = new Set(['/v1/auth/register', '/v1/auth/login', '/v1/me/notifications/ticket']);

function carriesCredential(ctx: Parameters<Middleware<AppState>>[0]): boolean {
  if (ctx.get('Authorization') !== '' || ctx.query['ticket'] !== undefined || ctx.state.user !== undefined) return true;
  return TOKEN_ROUTES.has(ctx.state.route ?? '');
}

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** `all`: every request at info (an access log for collectors); `notable`: see requestLevel. */
export type RequestLog = 'all' | 'notable';

/** A request slower than this is worth a line even when the log shows only what is notable. */
export const SLOW_REQUEST_MS = 500;

/**
 * The access-log line's level. With `notable` (a person at a terminal), a fast success is
 * debug: info shows failures (4xx but 409, and 5xx as errors) and slow requests. Event streams
 * are long by design, so their length is not slowness.
 */
export function requestLevel(
  mode: RequestLog,
  status: number,
  ms: number,
  stream: boolean,
): 'debug' | 'info' | 'warn' | 'error' {
  if (status >= 500) return mode === 'all' ? 'info' : 'error';
  if (mode === 'all') return 'info';
  // 409 is a business answer (sold out, over the limit), ordinary by the thousand in a sale.
  if (status >= 400 && status !== 409) return 'info';
  return ms >= SLOW_REQUEST_MS && !stream ? 'warn' : 'debug';
}

/**
 * Outermost middleware: assigns the request id, binds it into a child logger, and once
 * the response is final writes the one access-log line and the request metrics. Only
 * the path is logged, never the query string (`?ticket=`) or any header (`Authorization`).
 */
export function requestContext(deps: {
  logger: Logger;
  metrics: Metrics;
  isShuttingDown: () => boolean;
  requestLog?: RequestLog;
}): Middleware<AppState> {
  // The access line's fields are fixed and hold no secret (the path, never the query), so it
  // skips the redaction every other line goes through: wildcard paths cost ~20 µs a line, a
  // tenth of a join's whole cost in a storm. Its request id is a field, not a child's binding.
  const access = deps.logger.child({}, { redact: [] });
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(ctx.get('X-Request-Id') || undefined);
    ctx.state.requestId = requestId;
    // Made on first use: a child logger serialises (and redacts) its bindings when created, a
    // cost a storm's thousands of quiet requests a second would pay for lines never written.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (log ??= deps.logger.child({ reqId: requestId })),
      configurable: true,
      enumerable: true,
    });
    ctx.set('X-Request-Id', requestId);
    ctx.set(SECURITY_HEADERS);
    try {
      await next();
    } finally {
      // Koa writes headers after this chain returns, so even a request that began before
      // shutdown can still tell its keep-alive client to reconnect elsewhere.
      if (deps.isShuttingDown() && !ctx.headerSent) ctx.set('Connection', 'close');
      // Anything answered to a credential, or handing one out, must not sit in a shared cache.
      if (!ctx.headerSent && carriesCredential(ctx)) ctx.set('Cache-Control', 'no-store');
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = ctx.state.route ?? 'unmatched';
      const labels = { method: ctx.method, route, status: String(ctx.status) };
      deps.metrics.httpRequests.inc(labels);
      deps.metrics.httpDuration.observe(labels, durationMs / 1000);
      const level = requestLevel(deps.requestLog ?? 'all', ctx.status, durationMs, ctx.type === 'text/event-stream');
      if (access.isLevelEnabled(level)) {
        access[level](
          {
            reqId: requestId,
            method: ctx.method,
            route,
            path: ctx.path,
            status: ctx.status,
            durationMs: Math.round(durationMs * 100) / 100,
          },
          'request',
        );
      }
    }
  };
}
