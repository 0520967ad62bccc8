import type { PaymentGateway } from '@livedrops/core';
import { expect } from 'chai';
import { nextId } from './fixtures.js';

/** A gateway under test, with methods of its own that authorize and that are refused. */
export interface GatewayUnderTest {
  gateway: PaymentGateway;
  /** A method the processor authorizes, and one it refuses with `declineCode`. */
  methods: { ok: string; declined: string; declineCode: string };
  close(): Promise<void>;
}

const auth = (g: PaymentGateway, key: string, method: string, amountCents = 2500) =>
  g.authorize({ key, amountCents, currency: 'USD', method });

/**
 * PaymentGateway: what the checkout relies on of any processor (a real one's adapter is
 * checked by the same suite). Every call is keyed by the server; repeating one with the same
 * key does its effect at most once; a void closes a key for good, also before any
 * authorization reached the processor.
 */
export function paymentGatewayContract(name: string, make: () => Promise<GatewayUnderTest>): void {
  describe(`PaymentGateway: ${name}`, () => {
    let u: GatewayUnderTest;
    beforeEach(async () => (u = await make()));
    afterEach(() => u.close());

    it('authorizes once per key: a repeat answers the same authorization; other terms under the key are refused', async () => {
      const key = nextId('gk');
      const a = await auth(u.gateway, key, u.methods.ok);
      expect(a.kind).to.equal('ok');
      expect(await auth(u.gateway, key, u.methods.ok)).to.deep.equal(a);
      expect(await auth(u.gateway, key, u.methods.ok, 2600)).to.include({ kind: 'refused' });
    });

    it('refuses a declined method with its code, and the key keeps that answer', async () => {
      const key = nextId('gk');
      expect(await auth(u.gateway, key, u.methods.declined)).to.deep.equal({
        kind: 'refused',
        code: u.methods.declineCode,
      });
      expect(await auth(u.gateway, key, u.methods.declined)).to.deep.equal({
        kind: 'refused',
        code: u.methods.declineCode,
      });
      expect(await u.gateway.capture({ key, amountCents: 2500 })).to.include({ kind: 'refused' });
    });

    it('captures the authorized amount once (a repeat is fine), nothing else; never what was not authorized', async () => {
      const key = nextId('gk');
      await auth(u.gateway, key, u.methods.ok);
      expect(await u.gateway.capture({ key, amountCents: 2499 })).to.include({ kind: 'refused' });
      expect(await u.gateway.capture({ key, amountCents: 2500 })).to.deep.equal({ kind: 'ok' });
      expect(await u.gateway.capture({ key, amountCents: 2500 })).to.deep.equal({ kind: 'ok' });
      expect(await u.gateway.void({ key })).to.include({ kind: 'refused' }); // captured money is not voided
      expect(await u.gateway.capture({ key: nextId('gk'), amountCents: 2500 })).to.include({ kind: 'refused' });
    });

    it('voids an authorization for good: no capture after it, and no new authorization under the key', async () => {
      const key = nextId('gk');
      await auth(u.gateway, key, u.methods.ok);
      expect(await u.gateway.void({ key })).to.deep.equal({ kind: 'ok' });
      expect(await u.gateway.void({ key })).to.deep.equal({ kind: 'ok' });
      expect(await u.gateway.capture({ key, amountCents: 2500 })).to.include({ kind: 'refused' });
      expect(await auth(u.gateway, key, u.methods.ok)).to.include({ kind: 'refused' });
    });

    it('a void of a key nothing was authorized under yet closes it: a late authorization is refused', async () => {
      const key = nextId('gk');
      expect(await u.gateway.void({ key })).to.deep.equal({ kind: 'ok' });
      expect(await auth(u.gateway, key, u.methods.ok)).to.include({ kind: 'refused' });
    });

    it('20 concurrent authorizations under one key make one authorization', async () => {
      const key = nextId('gk');
      const answers = await Promise.all(Array.from({ length: 20 }, () => auth(u.gateway, key, u.methods.ok)));
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).to.equal(1);
      expect(answers[0]!.kind).to.equal('ok');
    });
  });
}
