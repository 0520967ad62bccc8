/** What checkout reports for metrics (the HTTP server implements it with Prometheus). */
export interface CheckoutObserver {
  /** A hold expired `lagMs` after its deadline; `offers` waitlist holds were made from its units. */
  expired?(lagMs: number, offers: number): void;
  /** A hold was cancelled by its buyer. */
  cancelled?(): void;
  /** One gateway answer to an authorization: `authorized`, `declined`, `error` (unknown outcome). */
  gateway?(step: 'authorize' | 'capture' | 'void', result: string): void;
  /** A payment request's end: `confirmed`, `declined`, `unavailable`, `hold_expired`, `order_not_payable`. */
  payment?(outcome: string): void;
  /** A hold was confirmed by payment `ms` after it was made. */
  paid?(ms: number): void;
}
