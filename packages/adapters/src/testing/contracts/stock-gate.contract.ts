import { UnavailableError, type ReserveResult, type StockGate } from '@livedrops/core';
import { expect } from 'chai';
import { expectDeclared, when } from '../harness.js';

/** What a gate offers, declared beside it: a test it cannot pass is never registered for it. */
export interface GateCapabilities {
  /** Whether the gate turns losers away itself (a pass-through never does). */
  turnsAway: boolean;
  /** Whether the harness offers `lose` and `cut` (checked against it before each test). */
  lose?: boolean;
  cut?: boolean;
}

export interface GateUnderTest {
  gate: StockGate;
  lose?(): Promise<void>;
  cut?(): Promise<{ heal(): Promise<void> }>;
  close(): Promise<void>;
}

/** The database's side: the conditional update the gate stands in front of. */
class Stock {
  sold = 0;
  transactions = 0;
  constructor(readonly total: number) {}
  available = async (): Promise<number> => this.total - this.sold;
  reserve(q: number): ReserveResult {
    this.transactions++;
    const left = this.total - this.sold;
    if (q > left) return { ok: false, reason: left === 0 ? 'sold_out' : 'insufficient_stock', available: left };
    this.sold += q;
    return { ok: true, sold: this.sold, total: this.total };
  }
}

/** One order through gate and database; `crash`: the process dies before telling the gate. */
async function order(gate: StockGate, stock: Stock, q = 1, how: 'ok' | 'fail' | 'crash' = 'ok'): Promise<string> {
  const pass = await gate.enter('d-1', q);
  if (pass.verdict === 'sold_out') return 'gate';
  if (how === 'crash') return 'crashed';
  if (how === 'fail') {
    await pass.leave(undefined);
    return 'failed';
  }
  const r = stock.reserve(q);
  await pass.leave(r);
  return r.ok ? 'sold' : r.reason;
}

const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;

/**
 * StockGate: whatever it answers, the database decides every order it lets through, so
 * stock never goes below zero and everything sells; it may only err towards sold out, and
 * puts that right by itself (failed orders give back, probes, a rebuild after data loss).
 */
export function stockGateContract({
  caps,
  make,
}: {
  caps: GateCapabilities;
  make: (load: (dropId: string) => Promise<number | null>, stock: Stock) => Promise<GateUnderTest>;
}): void {
  describe('StockGate', () => {
    let stock: Stock;
    let h: GateUnderTest;
    beforeEach(async () => {
      stock = new Stock(100);
      h = await make(stock.available, stock);
      expectDeclared(caps, h, ['lose', 'cut']);
    });
    afterEach(() => h.close());

    it('sells exactly the stock to 300 concurrent buyers, the rest told sold out', async () => {
      const results = await Promise.all(Array.from({ length: 300 }, () => order(h.gate, stock)));
      expect(count(results, 'sold')).to.equal(100);
      expect(stock.sold).to.equal(100);
      expect(count(results, 'sold') + count(results, 'gate') + count(results, 'sold_out')).to.equal(300);
    });

    when(caps.turnsAway)('turns most losers away without a transaction once sold out', async () => {
      for (let i = 0; i < 100; i++) await order(h.gate, stock);
      const before = stock.transactions;
      const late = await Promise.all(Array.from({ length: 200 }, () => order(h.gate, stock)));
      expect(count(late, 'sold')).to.equal(0);
      expect(stock.transactions - before).to.be.at.most(10); // probes only
    });

    it('gives back what failed orders held, so the stock still sells out', async () => {
      stock = new Stock(5);
      await h.close();
      h = await make(stock.available, stock);
      for (let i = 0; i < 5; i++) expect(await order(h.gate, stock, 1, 'fail')).to.equal('failed');
      for (let i = 0; i < 5; i++) expect(await order(h.gate, stock)).to.equal('sold');
      expect(await order(h.gate, stock)).to.be.oneOf(['gate', 'sold_out']);
    });

    it('lets an order for more than it counts reach the database, which says how many are left', async () => {
      for (let i = 0; i < 98; i++) await order(h.gate, stock);
      const pass = await h.gate.enter('d-1', 3);
      expect(pass.verdict).to.equal('go');
      const r = stock.reserve(3);
      await pass.leave(r);
      expect(r).to.deep.equal({ ok: false, reason: 'insufficient_stock', available: 2 });
      expect(await order(h.gate, stock, 2)).to.equal('sold');
    });

    it('puts right a count left too low by orders that died holding units (probes)', async () => {
      stock = new Stock(3);
      await h.close();
      h = await make(stock.available, stock);
      for (let i = 0; i < 3; i++) await order(h.gate, stock, 1, 'crash');
      const deadline = Date.now() + 3_000;
      while (stock.sold < 3 && Date.now() < deadline) {
        await order(h.gate, stock);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(stock.sold).to.equal(3);
    });

    when(caps.lose)(
      'rebuilds its count from the database after losing its data, and still never oversells',
      async () => {
        for (let i = 0; i < 30; i++) await order(h.gate, stock);
        await h.lose!();
        const results = await Promise.all(Array.from({ length: 150 }, () => order(h.gate, stock)));
        expect(stock.sold).to.equal(100);
        expect(count(results, 'sold')).to.equal(70);
      },
    );

    when(caps.cut)('answers unavailable when it cannot be asked', async () => {
      const outage = await h.cut!();
      try {
        expect(await h.gate.enter('d-1', 1).catch((e: unknown) => e)).to.be.instanceOf(UnavailableError);
      } finally {
        await outage.heal();
      }
      expect(await order(h.gate, stock)).to.equal('sold');
    });
  });
}
