import { DomainError, type ErrorCode } from '@livedrops/core';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isErrorCode } from '../errors/error-map.js';

// Extensions come from domain errors; they must never overwrite the code itself.
const RESERVED = new Set(['code']);

/** A stored order rejection (a replay answers it again), as the error a live one would be. */
export function rejectionError(
  error: { code: ErrorCode; message: string; extensions: Record<string, unknown> },
  replayed: boolean,
): DomainError {
  return new DomainError(error.code, error.message, { ...error.extensions, ...(replayed ? { replayed: true } : {}) });
}

/** The domain error behind a resolver's failure, by shape (a second copy of core would defeat instanceof). */
function domainErrorOf(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  const e = err as { code?: unknown; message?: unknown; extensions?: unknown } | null;
  if (
    e &&
    !(e instanceof GraphQLError) &&
    isErrorCode(e.code) &&
    typeof e.message === 'string' &&
    typeof e.extensions === 'object'
  ) {
    return new DomainError(e.code, e.message, (e.extensions ?? {}) as Record<string, unknown>);
  }
  return null;
}

/** True for a failure nobody planned for: logged with the request, shown as a bare `internal_error`. */
export function isInternal(err: GraphQLError): boolean {
  const original = err.originalError;
  return original !== undefined && !(original instanceof GraphQLError) && domainErrorOf(original) === null;
}

/**
 * Every error a client sees carries `extensions.code`, one of the REST problem codes: a
 * domain error keeps its code and extension members (`errors`, `available`, …); a
 * document GraphQL itself refuses (syntax, unknown field, wrong argument type) is
 * `validation_failed`; anything else is `internal_error` with nothing of its cause.
 * With introspection off, "Did you mean …?" hints are cut: they would spell the schema out.
 */
export function errorFormatter(options: { introspection: boolean }): (err: GraphQLError | Error) => GraphQLError {
  return (err) => {
    const e = err instanceof GraphQLError ? err : new GraphQLError(err.message, { originalError: err });
    const where = { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path };
    const domain = domainErrorOf(e.originalError);
    if (domain) {
      const extensions: Record<string, unknown> = { code: domain.code };
      for (const [k, v] of Object.entries(domain.extensions)) if (!RESERVED.has(k)) extensions[k] = v;
      return new GraphQLError(domain.message, { ...where, extensions });
    }
    if (isInternal(e))
      return new GraphQLError('Internal server error', { ...where, extensions: { code: 'internal_error' } });
    const message = options.introspection ? e.message : e.message.replace(/ Did you mean .*\?$/, '');
    return new GraphQLError(message, {
      ...where,
      extensions: { ...e.extensions, code: e.extensions['code'] ?? 'validation_failed' },
    });
  };
}

/** Logs the unplanned failures of one operation (their causes never reach the client). */
export function logInternal(errors: readonly GraphQLError[] | undefined, log: Logger): void {
  for (const e of errors ?? [])
    if (isInternal(e)) log.error({ err: e.originalError, path: e.path }, 'graphql resolver failed');
}
