import { DomainError, type ErrorCode } from '@livedrops/core';
import type { Middleware } from 'koa';
import { isErrorCode } from '../errors/error-map.js';
import { HttpError, PROBLEM_CONTENT_TYPE, problemReply } from '../errors/problem.js';
import type { AppContext, AppState } from '../routing/route.js';

function respondProblem(
  ctx: AppContext,
  code: ErrorCode,
  detail: string,
  extensions: Record<string, unknown>,
  headers: Record<string, string>,
): void {
  const reply = problemReply(code, detail, extensions, ctx.path, headers);
  ctx.status = reply.status;
  ctx.set(reply.headers);
  ctx.type = reply.type;
  ctx.body = reply.body;
}

// Errors Koa or the router raise themselves (http-errors) carry a 4xx status; they are
// translated to our codes, and their own message is never shown.
const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function asDomainError(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  // A second copy of the core package would defeat instanceof; the shape is what counts.
  const e = err as { code?: unknown; message?: unknown; extensions?: unknown } | null;
  if (e && isErrorCode(e.code) && typeof e.message === 'string' && typeof e.extensions === 'object' && e.extensions) {
    return new DomainError(e.code, e.message, e.extensions as Record<string, unknown>);
  }
  const status = (err as { status?: unknown } | null)?.status;
  const expose = (err as { expose?: unknown } | null)?.expose;
  if (typeof status === 'number' && expose === true && HTTP_STATUS_CODES[status]) {
    const code = HTTP_STATUS_CODES[status]!;
    const errors = code === 'validation_failed' ? { errors: [{ path: 'request', message: 'is malformed' }] } : {};
    return new DomainError(code, 'The request could not be processed', errors);
  }
  return null;
}

/**
 * The one error middleware, mounted right under the request context. Domain and HTTP
 * errors become problem+json through the error map; anything else is logged with the
 * request id and answered with a bare 500 that reveals nothing about the cause.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const known = asDomainError(err);
      if (known) {
        const headers = { ...(err instanceof HttpError ? err.headers : {}) };
        if (known.code === 'payload_too_large') headers['Connection'] = 'close';
        respondProblem(ctx, known.code, known.message, known.extensions, headers);
        return;
      }
      ctx.state.log.error({ err, route: ctx.state.route }, 'unhandled error');
      ctx.status = 500;
      ctx.type = PROBLEM_CONTENT_TYPE;
      ctx.body = {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred. Quote the request id when reporting it.',
        code: 'internal_error',
        requestId: ctx.state.requestId,
      };
    }
  };
}
