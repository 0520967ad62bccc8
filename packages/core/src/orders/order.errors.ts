import { DomainError } from '../shared/domain-error.js';

export class SoldOutError extends DomainError {
  constructor() {
    super('sold_out', 'The drop is sold out', { available: 0 });
  }
}

export class InsufficientStockError extends DomainError {
  constructor(available: number) {
    super('insufficient_stock', `Only ${available} left`, { available });
  }
}

export class PurchaseLimitExceededError extends DomainError {
  constructor(remainingAllowance: number) {
    super('purchase_limit_exceeded', `You can buy ${remainingAllowance} more of this drop`, { remainingAllowance });
  }
}

export class IdempotencyKeyInUseError extends DomainError {
  constructor() {
    super('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed');
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
  }
}
