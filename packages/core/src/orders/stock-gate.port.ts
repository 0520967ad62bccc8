import type { ReserveResult } from './inventory.port.js';

/** One order's way through the gate. */
export interface GatePass {
  /** `go`: ask the database; `sold_out`: the gate turns the order away without a transaction. */
  readonly verdict: 'go' | 'sold_out';
  /**
   * The database's decision (`undefined` when the unit of work failed), so the gate's
   * count stays in line with the authority: units it held for an order that did not
   * sell are given back, and a count found too high is lowered.
   */
  leave(result: ReserveResult | undefined): Promise<void>;
}

/**
 * A fast, approximate stock counter in front of the database (Redis in production). It
 * may only ever be wrong towards "sold out" for a while (then it corrects itself from the
 * database's answers), never towards selling more: every order it lets through is still
 * decided by the database's conditional update, which stays the one authority. Its job is
 * to keep the losers of a flash sale off the hot row.
 */
export interface StockGate {
  /** Throws UnavailableError when the gate cannot be asked (the order then does nothing). */
  enter(dropId: string, quantity: number): Promise<GatePass>;
  /**
   * Units of `dropId` came back (a hold expired or was cancelled, committed by this
   * instance): whatever the gate knew of the drop being sold out no longer holds.
   */
  returned?(dropId: string): void;
}

const GO: GatePass = { verdict: 'go', leave: async () => undefined };

/** The embedded profile's gate: none; the database's conditional update decides every order. */
export const OPEN_GATE: StockGate = { enter: async () => GO };
