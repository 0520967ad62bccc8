import { expect } from 'chai';
import { SandboxGateway } from '../src/payments/sandbox-gateway.js';
import { MemorySandboxLedger } from '../src/payments/sandbox-ledger.js';
import { nextId } from '../src/testing/contracts/fixtures.js';
import { paymentGatewayContract } from '../src/testing/contracts/payment-gateway.contract.js';
import { selectedAdapters } from './harness.js';

const METHODS = { ok: 'pm_card_visa', declined: 'pm_card_chargeDeclined', declineCode: 'card_declined' };

// The sandbox over each engine's ledger: the processor's state lives where every instance sees it.
for (const a of selectedAdapters()) {
  paymentGatewayContract(`sandbox over the ${a.name} ledger`, async () => {
    const h = await a.make();
    return {
      gateway: new SandboxGateway(h.ports.sandboxLedger, { slowMs: 3000, random: () => 0.9 }),
      methods: METHODS,
      close: () => h.close(),
    };
  });
}

describe('sandbox gateway: the documented test methods', () => {
  const sandbox = (coins: number[], slowMs = 3000) =>
    new SandboxGateway(new MemorySandboxLedger(), { slowMs, random: () => coins.shift() ?? 0.9 });
  const pay = (g: SandboxGateway, method: string, key = nextId('sk')) =>
    g.authorize({ key, amountCents: 100, currency: 'EUR', method });

  it('pm_card_visa and pm_card_mastercard succeed; chargeDeclined and insufficientFunds are refused with their codes; others are invalid', async () => {
    const g = sandbox([]);
    expect((await pay(g, 'pm_card_visa')).kind).to.equal('ok');
    expect((await pay(g, 'pm_card_mastercard')).kind).to.equal('ok');
    expect(await pay(g, 'pm_card_chargeDeclined')).to.deep.equal({ kind: 'refused', code: 'card_declined' });
    expect(await pay(g, 'pm_card_insufficientFunds')).to.deep.equal({ kind: 'refused', code: 'insufficient_funds' });
    expect(await pay(g, 'pm_card_unknown')).to.deep.equal({ kind: 'refused', code: 'invalid_payment_method' });
  });

  it('pm_card_slow answers after its delay', async () => {
    const started = performance.now();
    expect((await pay(sandbox([], 120), 'pm_card_slow')).kind).to.equal('ok');
    expect(performance.now() - started).to.be.at.least(115);
  });

  it('pm_card_flaky fails half the calls; a failure may come after the work, and the same key then finds it done', async () => {
    const key = nextId('sk');
    const g = sandbox([0.2, 0.2]); // fails, after doing the work
    expect((await pay(g, 'pm_card_flaky', key)).kind).to.equal('error');
    const again = await pay(g, 'pm_card_flaky', key);
    expect(again).to.deep.equal({ kind: 'ok', authorizationId: `auth_${key}` });
    const before = sandbox([0.2, 0.7]); // fails before doing anything
    const k2 = nextId('sk');
    expect((await pay(before, 'pm_card_flaky', k2)).kind).to.equal('error');
    expect(await before.capture({ key: k2, amountCents: 100 })).to.deep.equal({
      kind: 'refused',
      code: 'no_authorization',
    });
    // Captures and voids of a flaky card fail the same way, and succeed when asked again.
    const g3 = sandbox([0.9, 0.2, 0.7, 0.9]);
    const k3 = nextId('sk');
    await pay(g3, 'pm_card_flaky', k3);
    expect((await g3.capture({ key: k3, amountCents: 100 })).kind).to.equal('error');
    expect(await g3.capture({ key: k3, amountCents: 100 })).to.deep.equal({ kind: 'ok' });
    // Over many calls, about half fail.
    const real = new SandboxGateway(new MemorySandboxLedger());
    const answers = await Promise.all(Array.from({ length: 400 }, () => pay(real, 'pm_card_flaky')));
    expect(answers.filter((x) => x.kind === 'error').length).to.be.within(140, 260);
  });
});
