import type { AuthorizeRequest, GatewayAnswer, PaymentGateway } from '@livedrops/core';
import type { LedgerEntry, SandboxLedger } from './sandbox-ledger.js';

/**
 * The documented test methods (docs/api.md, Checkout), as a card processor's test mode has
 * them. Any other method is refused as `invalid_payment_method`.
 */
export const TEST_METHODS = {
  pm_card_visa: 'succeeds',
  pm_card_mastercard: 'succeeds',
  pm_card_chargeDeclined: 'refused: card_declined',
  pm_card_insufficientFunds: 'refused: insufficient_funds',
  pm_card_slow: 'succeeds, answering after 3 s',
  pm_card_flaky: 'fails with a gateway error half the time (sometimes after doing the work): the outcome is unknown',
} as const;

const DECLINES: Record<string, string> = {
  pm_card_chargeDeclined: 'card_declined',
  pm_card_insufficientFunds: 'insufficient_funds',
};
const SUCCEEDS = new Set(['pm_card_visa', 'pm_card_mastercard', 'pm_card_slow', 'pm_card_flaky']);

export interface SandboxOptions {
  /** pm_card_slow's delay. */
  slowMs: number;
  /** Where pm_card_flaky's coin comes from. */
  random: () => number;
}

export const DEFAULT_SANDBOX: SandboxOptions = { slowMs: 3000, random: Math.random };

const lost: { kind: 'error'; message: string } = {
  kind: 'error',
  message: 'sandbox: the gateway did not answer (pm_card_flaky)',
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The sandbox PaymentGateway: the embedded and default gateway. It behaves as a processor's
 * test mode does, over a ledger every instance shares: each key holds at most one
 * authorization; a repeat of a call with the same key repeats its answer; capture takes an
 * authorization once, and only the amount authorized; a void releases what the key holds
 * and leaves it void, so an authorization that arrives after its void is refused.
 * pm_card_flaky fails half of its calls, and half of those failures happen after the work
 * was done, so a caller cannot tell which: it must ask again with the same key.
 */
export class SandboxGateway implements PaymentGateway {
  constructor(
    private readonly ledger: SandboxLedger,
    private readonly opts: SandboxOptions = DEFAULT_SANDBOX,
  ) {}

  async authorize(r: AuthorizeRequest): Promise<GatewayAnswer<{ authorizationId: string }>> {
    if (r.method === 'pm_card_slow') await sleep(this.opts.slowMs);
    return this.flaky<{ authorizationId: string }>(r.method, async () => {
      const decline = DECLINES[r.method] ?? (SUCCEEDS.has(r.method) ? null : 'invalid_payment_method');
      const entry = await this.ledger.putFirst({
        key: r.key,
        method: r.method,
        amountCents: r.amountCents,
        currency: r.currency,
        status: decline ? 'declined' : 'authorized',
        reference: decline ?? `auth_${r.key}`,
      });
      if (entry.status === 'voided') return { kind: 'refused', code: 'voided' };
      if (entry.method !== r.method || entry.amountCents !== r.amountCents || entry.currency !== r.currency) {
        return { kind: 'refused', code: 'idempotency_mismatch' };
      }
      if (entry.status === 'declined') return { kind: 'refused', code: entry.reference ?? 'card_declined' };
      return { kind: 'ok', authorizationId: entry.reference! };
    });
  }

  async capture(r: { key: string; amountCents: number }): Promise<GatewayAnswer> {
    const entry = await this.ledger.get(r.key);
    if (!entry) return { kind: 'refused', code: 'no_authorization' };
    return this.flaky(entry.method, async () => {
      if (entry.amountCents !== r.amountCents) return { kind: 'refused', code: 'amount_mismatch' };
      const now = await this.ledger.move(r.key, 'authorized', 'captured');
      return now?.status === 'captured' ? { kind: 'ok' } : { kind: 'refused', code: now?.status ?? 'no_authorization' };
    });
  }

  async void(r: { key: string }): Promise<GatewayAnswer> {
    const entry = await this.ledger.get(r.key);
    return this.flaky(entry?.method ?? '', async () => {
      // Nothing under the key yet: it is closed, so a late authorization cannot open it.
      const now = entry ?? (await this.ledger.putFirst(tombstone(r.key)));
      const after = now.status === 'authorized' ? await this.ledger.move(r.key, 'authorized', 'voided') : now;
      return after?.status === 'captured' ? { kind: 'refused', code: 'already_captured' } : { kind: 'ok' };
    });
  }

  /** pm_card_flaky: half the calls fail; half of those after the work was done. */
  private async flaky<T = object>(method: string, work: () => Promise<GatewayAnswer<T>>): Promise<GatewayAnswer<T>> {
    if (method !== 'pm_card_flaky' || this.opts.random() >= 0.5) return work();
    if (this.opts.random() < 0.5) await work();
    return lost;
  }
}

const tombstone = (key: string): LedgerEntry => ({
  key,
  method: '',
  amountCents: 0,
  currency: '',
  status: 'voided',
  reference: null,
});
