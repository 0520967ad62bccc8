import type { KnexDb } from '../knex/knex-db.js';
import type { Row } from '../knex/knex-rows.js';

export type LedgerStatus = 'authorized' | 'captured' | 'voided' | 'declined';

/** What the sandbox processor remembers of one key: the authorization made under it, or a refusal. */
export interface LedgerEntry {
  key: string;
  method: string;
  amountCents: number;
  currency: string;
  status: LedgerStatus;
  /** The authorization's id, or the decline code of a refusal. */
  reference: string | null;
}

/**
 * The sandbox processor's own state, shared by every instance that uses the same database
 * (and kept across restarts): the stand-in for the processor's servers. Written outside the
 * server's transactions, as a remote processor would be.
 */
export interface SandboxLedger {
  get(key: string): Promise<LedgerEntry | null>;
  /** Records the entry unless the key has one; returns the key's entry (the first one written). */
  putFirst(entry: LedgerEntry): Promise<LedgerEntry>;
  /** Moves the key's entry to `to` if it is in `from`; returns the entry as it now is. */
  move(key: string, from: LedgerStatus, to: LedgerStatus): Promise<LedgerEntry | null>;
}

export class MemorySandboxLedger implements SandboxLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  async get(key: string): Promise<LedgerEntry | null> {
    const e = this.entries.get(key);
    return e ? { ...e } : null;
  }

  async putFirst(entry: LedgerEntry): Promise<LedgerEntry> {
    if (!this.entries.has(entry.key)) this.entries.set(entry.key, { ...entry });
    return { ...this.entries.get(entry.key)! };
  }

  async move(key: string, from: LedgerStatus, to: LedgerStatus): Promise<LedgerEntry | null> {
    const e = this.entries.get(key);
    if (e?.status === from) e.status = to;
    return e ? { ...e } : null;
  }
}

const toEntry = (r: Row): LedgerEntry => ({
  key: String(r.key),
  method: String(r.method),
  amountCents: Number(r.amount_cents),
  currency: String(r.currency),
  status: String(r.status) as LedgerStatus,
  reference: r.authorization_id == null ? null : String(r.authorization_id),
});

/** The ledger as a table of the deployment's database (sandbox_gateway, migration 0011). */
export class KnexSandboxLedger implements SandboxLedger {
  constructor(
    private readonly db: KnexDb,
    private readonly clock: { now(): number },
  ) {}

  async get(key: string): Promise<LedgerEntry | null> {
    const row = (await this.db.table('sandbox_gateway').where({ key }).first()) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  async putFirst(e: LedgerEntry): Promise<LedgerEntry> {
    const now = this.clock.now();
    await this.db
      .table('sandbox_gateway')
      .insert({
        key: e.key,
        method: e.method,
        amount_cents: e.amountCents,
        currency: e.currency,
        status: e.status,
        authorization_id: e.reference,
        created_at: now,
        updated_at: now,
      })
      .onConflict('key')
      .ignore();
    return (await this.get(e.key))!;
  }

  async move(key: string, from: LedgerStatus, to: LedgerStatus): Promise<LedgerEntry | null> {
    await this.db
      .table('sandbox_gateway')
      .where({ key, status: from })
      .update({ status: to, updated_at: this.clock.now() });
    return this.get(key);
  }
}
