import { DropNotLiveError } from '../drops/drop.errors.js';
import { NotFoundError, type DomainError } from '../shared/domain-error.js';
import type { ReserveResult } from './inventory.port.js';
import type { OrderOutcome } from './order.js';
import { InsufficientStockError, PurchaseLimitExceededError, SoldOutError } from './order.errors.js';

/** A refused order as stored for replay: the error's code, message and extensions. */
export const failure = (e: DomainError): OrderOutcome => ({
  ok: false,
  error: { code: e.code, message: e.message, extensions: e.extensions },
});

/** The domain error for a reserve the stock authority refused. */
export function rejection(r: Exclude<ReserveResult, { ok: true }>): DomainError {
  switch (r.reason) {
    case 'sold_out':
      return new SoldOutError();
    case 'insufficient_stock':
      return new InsufficientStockError(r.available);
    case 'purchase_limit_exceeded':
      return new PurchaseLimitExceededError(r.remainingAllowance);
    case 'cancelled':
      return new DropNotLiveError('cancelled');
    case 'not_found':
      return new NotFoundError('Drop');
  }
}
