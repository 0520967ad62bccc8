import type { ErrorCode } from '@livedrops/core';

export interface ErrorMapping {
  status: number;
  title: string;
}

/**
 * The one table from domain error code to HTTP status. A `Record` over `ErrorCode`, so a
 * code added to the core without a row here stops the build instead of becoming a 500.
 */
export const ERROR_MAP: Record<ErrorCode, ErrorMapping> = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  idempotency_key_required: { status: 400, title: 'An Idempotency-Key header is required' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  csrf_failed: { status: 403, title: 'The request may come from another site' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  handle_taken: { status: 409, title: 'The handle is already taken' },
  drop_not_live: { status: 409, title: 'The drop is not live' },
  sold_out: { status: 409, title: 'The drop is sold out' },
  insufficient_stock: { status: 409, title: 'Not enough stock left' },
  purchase_limit_exceeded: { status: 409, title: 'The per-user purchase limit would be exceeded' },
  idempotency_key_in_use: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  unsupported_media_type: { status: 415, title: 'The request body has an unsupported media type' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used with a different request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'A dependency is unavailable' },
  payment_declined: { status: 402, title: 'The payment method was declined' },
  hold_expired: { status: 409, title: 'The hold has expired' },
  order_not_payable: { status: 409, title: 'The order is not held, so it cannot be paid' },
  order_not_held: { status: 409, title: 'The order is not held, so it cannot be cancelled' },
  payment_unavailable: { status: 503, title: 'The payment gateway did not answer' },
  pass_required: { status: 403, title: 'An admission pass is required' },
  not_eligible: { status: 403, title: 'Not eligible to take part in this drop yet' },
  entries_closed: { status: 409, title: 'Entries are closed' },
};

export const ERROR_CODES = Object.keys(ERROR_MAP) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MAP, value);
}
