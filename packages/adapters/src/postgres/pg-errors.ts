import { UnavailableError } from '@livedrops/core';

type PgError = { code?: unknown; message?: unknown };

// Network failures as node reports them, before or during a connection.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// node-postgres says these in words only: a connection that died, or never came.
const DRIVER_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed/i;

/**
 * The server cannot serve right now, so nothing was (or will be) half-done by this request:
 * class 08 (connection exception), 57P01–57P03 (admin or crash shutdown, starting up),
 * 53300 (too many connections), 57014 (statement timeout: the database is overloaded or
 * stuck; the statement's transaction is rolled back), plus socket and driver failures.
 */
export function isUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as PgError;
  if (typeof code === 'string') {
    if (
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03' ||
      code === '53300' ||
      code === '57014'
    )
      return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  if (err instanceof AggregateError) return err.errors.some(isUnavailable);
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/** serialization_failure and deadlock_detected: the transaction did nothing and may simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as PgError | null)?.code;
  return code === '40001' || code === '40P01';
}

/** Runs `run` again (four tries in all) while it fails with what `again` says may simply run again. */
export async function retrying<T>(run: () => Promise<T>, again: (e: unknown) => boolean = isRetryable): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!again(e) || attempt >= 4) throw e;
    }
  }
}

/** The one place Postgres failures become the domain's 503: everything else passes unchanged. */
export function toDomainError(err: unknown): unknown {
  return isUnavailable(err) ? new UnavailableError('database') : err;
}

/**
 * Wraps every method of a port so a lost database surfaces as UnavailableError, whichever
 * repository met it. Domain errors thrown inside a unit of work pass through untouched.
 */
export function guardPort<T extends object>(port: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (!fn) {
        const method = value as (...args: unknown[]) => unknown;
        fn = (...args: unknown[]) => {
          try {
            const result = method.apply(target, args);
            return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(toDomainError(e))) : result;
          } catch (e) {
            throw toDomainError(e);
          }
        };
        wrapped.set(prop, fn);
      }
      return fn;
    },
  });
}
