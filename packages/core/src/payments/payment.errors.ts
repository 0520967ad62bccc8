import { DomainError } from '../shared/domain-error.js';

/** 402: the method was refused; the hold stays until it expires, and another method may be tried. */
export class PaymentDeclinedError extends DomainError {
  constructor(declineCode: string) {
    super('payment_declined', `The payment method was declined (${declineCode})`, { declineCode });
  }
}

/**
 * 503: the gateway did not answer after the server's own retries; nothing was charged that
 * will not be voided, and the order stays held.
 */
export class PaymentUnavailableError extends DomainError {
  constructor() {
    super('payment_unavailable', 'The payment gateway did not answer; the order is still held, try again');
  }
}
