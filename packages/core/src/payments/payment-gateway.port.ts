/**
 * A card processor, as the server uses it: every call names a key the server chose (the
 * payment's id), and repeating a call with the same key repeats its effect at most once
 * (an authorization is made once, a capture taken once, a void done once).
 *
 * Three kinds of answer. `ok`; `refused` (definite: nothing happened, and asking again will
 * not change it); `error` (the outcome is unknown: the call may or may not have taken
 * effect, so the caller asks again with the same key, or voids by the key). Adapters turn
 * network failures and timeouts into `error`, never into an exception.
 */
export type GatewayAnswer<T = object> =
  | ({ kind: 'ok' } & T)
  | { kind: 'refused'; code: string }
  | { kind: 'error'; message: string };

export interface AuthorizeRequest {
  key: string;
  amountCents: number;
  currency: string;
  /** The buyer's payment method (`pm_…`). */
  method: string;
}

export interface PaymentGateway {
  /** Reserves the amount on the method; `refused` carries the decline code (`card_declined`…). */
  authorize(r: AuthorizeRequest): Promise<GatewayAnswer<{ authorizationId: string }>>;
  /** Takes the authorized amount. */
  capture(r: { key: string; amountCents: number }): Promise<GatewayAnswer>;
  /**
   * Releases whatever is authorized under the key, also when the authorization's own answer
   * was never heard; afterwards an authorization with this key is refused (`voided`). `ok`
   * when there was nothing to release.
   */
  void(r: { key: string }): Promise<GatewayAnswer>;
}
