/** Every machine-readable error code the API can answer with (api.md, "Errors"). */
export type ErrorCode =
  | 'validation_failed'
  | 'idempotency_key_required'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'method_not_allowed'
  | 'handle_taken'
  | 'drop_not_live'
  | 'sold_out'
  | 'insufficient_stock'
  | 'purchase_limit_exceeded'
  | 'idempotency_key_in_use'
  | 'payload_too_large'
  | 'headers_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'unavailable'
  // Checkout (api.md 1.1)
  | 'payment_declined'
  | 'hold_expired'
  | 'order_not_payable'
  | 'order_not_held'
  | 'payment_unavailable'
  // Fair access (api.md 1.1)
  | 'pass_required'
  | 'not_eligible'
  | 'entries_closed';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Base of every expected failure. `code` is stable and public; `extensions` become
 * extra members of the problem document (e.g. `available`, `remainingAllowance`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  static field(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('unauthenticated', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'Too many attempts; try again later', { retryAfter: retryAfterSeconds });
  }
}

/** A dependency (database, cache, broker) is down; nothing was half-done. */
export class UnavailableError extends DomainError {
  /** `cause`: the driver's error, kept for the logs (never shown to clients). */
  constructor(dependency: string, options: { cause?: unknown } = {}) {
    super('unavailable', `${dependency} is unavailable`, { dependency });
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
