import { expect } from 'chai';
import { MemorySandboxLedger, SandboxGateway, type SandboxLedger } from '@livedrops/adapters';
import type { Clock } from '@livedrops/core';
import type { Client, Res } from './client.js';
import { createProduct, newKey, type Account } from './fixtures.js';
import { isoIn, sleep } from './harness.js';

/** The wall clock moved forward by hand: a server on it sees holds fall due without the test waiting for them. */
export class ShiftedClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  shift(ms: number): void {
    this.offset += ms;
  }
}

/** Loops fast enough for a test to see an expiry within ~100 ms of its deadline. */
export const FAST_CHECKOUT = { tuning: { expiryIntervalMs: 40, settleIntervalMs: 40 } };

/** A live pay drop of a fresh product of `creator`. */
export async function payDrop(
  api: Client,
  creator: Account,
  o: { stock?: number; holdSeconds?: number; perUserLimit?: number; lowStockThreshold?: number } = {},
): Promise<any> {
  const product = await createProduct(api, creator);
  const body: Record<string, unknown> = {
    productId: product.id,
    startsAt: isoIn(-1000),
    endsAt: isoIn(3_600_000),
    stock: o.stock ?? 10,
    checkout: 'pay',
  };
  for (const k of ['holdSeconds', 'perUserLimit', 'lowStockThreshold'] as const) if (o[k] !== undefined) body[k] = o[k];
  const res = await api.post('/v1/drops', { token: creator.token, body });
  expect(res.status, res.text).to.equal(201);
  return res.json;
}

/** Places a hold (an order on a pay drop); expects 201 held. */
export async function hold(api: Client, buyer: Account, dropId: string, quantity = 1): Promise<any> {
  const res = await api.post('/v1/orders', {
    token: buyer.token,
    headers: { 'Idempotency-Key': newKey() },
    body: { dropId, quantity },
  });
  expect(res.status, res.text).to.equal(201);
  expect(res.json.status).to.equal('held');
  return res.json;
}

export function pay(
  api: Client,
  buyer: Account,
  orderId: string,
  paymentMethodId = 'pm_card_visa',
  key = newKey(),
): Promise<Res> {
  return api.post(`/v1/orders/${orderId}/payment`, {
    token: buyer.token,
    headers: { 'Idempotency-Key': key },
    body: { paymentMethodId },
  });
}

export const stockOf = async (
  api: Client,
  dropId: string,
): Promise<{ total: number; available: number; held?: number }> => (await api.get(`/v1/drops/${dropId}`)).json.stock;

/** Polls the order until `status` (the expiry loop runs every few tens of ms in tests). */
export async function orderUntil(
  api: Client,
  buyer: Account,
  orderId: string,
  status: string,
  timeoutMs = 5000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/v1/orders/${orderId}`, { token: buyer.token });
    if (res.json?.status === status) return res.json;
    if (Date.now() > deadline) expect.fail(`order ${orderId} stayed ${res.json?.status}, never ${status}`);
    await sleep(20);
  }
}

type LedgerEntry = NonNullable<Awaited<ReturnType<SandboxLedger['get']>>>;

/** A sandbox ledger that remembers every key it was asked to record (to count authorizations). */
export class RecordingLedger implements SandboxLedger {
  readonly inner = new MemorySandboxLedger();
  readonly keys = new Set<string>();
  get = (key: string): Promise<LedgerEntry | null> => this.inner.get(key);
  putFirst = (e: LedgerEntry): Promise<LedgerEntry> => (this.keys.add(e.key), this.inner.putFirst(e));
  move = (key: string, from: LedgerEntry['status'], to: LedgerEntry['status']): Promise<LedgerEntry | null> =>
    this.inner.move(key, from, to);
  async entries(): Promise<LedgerEntry[]> {
    return (await Promise.all([...this.keys].map((k) => this.inner.get(k)))).filter(
      (e): e is LedgerEntry => e !== null,
    );
  }
}

/** The sandbox gateway with pm_card_flaky's coin in the test's hand (values < 0.5 fail). */
export function scriptedSandbox(
  coins: () => number,
  slowMs = 3000,
): { gateway: SandboxGateway; ledger: RecordingLedger } {
  const ledger = new RecordingLedger();
  return { gateway: new SandboxGateway(ledger, { slowMs, random: coins }), ledger };
}
