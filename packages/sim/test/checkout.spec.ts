import { expect } from 'chai';
import { runScenario, type CheckoutRunResult } from '../src/index.js';
import { FAST_CHECKOUT, ShiftedClock, SMALL_CHECKOUT } from './support/checkout-server.js';
import { confirmingExpiredHolds, doubleReleasingExpiry } from './support/faulty-ports.js';
import { mustHavePostgres, tryTestDatabase } from '@livedrops/test-support';
import { startTestServer, tempOut, type TestServer } from './support/servers.js';

/** A checkout run against a server on a shifted clock: expiries come when the simulator moves it, not after 30 s. */
async function run(server: TestServer, clock: ShiftedClock, outDir: string): Promise<CheckoutRunResult> {
  return runScenario({
    scenario: 'checkout',
    api: server.url,
    databaseUrl: server.databaseUrl,
    ...SMALL_CHECKOUT,
    advanceServerClock: clock.advance,
    outDir,
  });
}

function expectBusy(r: CheckoutRunResult): void {
  // The run did what the scenario says: holds paid, declined then paid, cancelled, expired, offered.
  const o = r.report.orders;
  expect(o.confirmed, r.table).to.be.greaterThan(0);
  expect(o.expired + o.cancelled, r.table).to.be.greaterThan(0);
  expect(
    Object.keys(r.report.paymentOutcomes).some((k) => k.startsWith('402')),
    r.table,
  ).to.equal(true);
  expect(
    Object.keys(r.report.paymentOutcomes).some((k) => k === '409 hold_expired'),
    r.table,
  ).to.equal(true);
  expect(r.report.latency['hold expiry lag']?.count, r.table).to.be.greaterThan(0);
}

describe('sim checkout: a pay drop end to end, checked against the database', function () {
  this.timeout(90_000);
  const out = tempOut('checkout');
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(() => out.remove());

  it('embedded profile (SQLite): every invariant holds, and the run exercised every persona and the waitlist', async () => {
    const clock = new ShiftedClock();
    server = await startTestServer({ clock, checkout: FAST_CHECKOUT });
    const r = await run(server, clock, `${out.dir}/ok`);
    expect(r.report.check.violations, r.table).to.deep.equal([]);
    expectBusy(r);
    expect(r.report.orders.offers, r.table).to.be.greaterThan(0);
    expect(r.report.orders.held).to.equal(0);
    expect(r.table).to.match(/^livedrops sim checkout: (PASS|FAIL) /);
  });

  it('the checker catches an expiry that returns units twice', async () => {
    const clock = new ShiftedClock();
    server = await startTestServer({ clock, checkout: FAST_CHECKOUT, decoratePorts: doubleReleasingExpiry() });
    const r = await run(server, clock, `${out.dir}/double`);
    expect(r.report.verdict).to.equal('fail');
    const kinds = new Set(r.report.check.violations.map((v) => v.kind));
    expect([...kinds], r.table).to.include('stock-mismatch');
    expect(
      r.report.check.violations.find((v) => /returned/.test(v.message)),
      r.table,
    ).to.not.equal(undefined);
  });

  it('the checker catches a confirm that takes an expired hold', async () => {
    const clock = new ShiftedClock();
    server = await startTestServer({ clock, checkout: FAST_CHECKOUT, decoratePorts: confirmingExpiredHolds() });
    const r = await run(server, clock, `${out.dir}/late`);
    expect(r.report.verdict).to.equal('fail');
    expect(
      r.report.check.violations.map((v) => v.kind),
      r.table,
    ).to.include('confirmed-expired-hold');
  });

  it('production profile (PostgreSQL): every invariant holds', async function () {
    const db = await tryTestDatabase('livedrops_sim');
    if (typeof db === 'string') {
      if (mustHavePostgres()) throw new Error(`PostgreSQL is required under CI: ${db}`);
      this.skip();
    }
    const pgdb = db as { url: string; drop(): Promise<void> };
    try {
      const clock = new ShiftedClock();
      server = await startTestServer({ clock, checkout: FAST_CHECKOUT }, pgdb.url);
      const r = await run(server, clock, `${out.dir}/pg`);
      expect(r.report.check.violations, r.table).to.deep.equal([]);
      expectBusy(r);
    } finally {
      await server?.close();
      server = undefined;
      await pgdb.drop();
    }
  });
});
