import type { Payment, PaymentWriter } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { checkoutFixtures } from './checkout-fixtures.js';

/** TxContext.payments and PaymentRepository: rows of the payment state machine, each step conditional. */
export function paymentsContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('Payments (TxContext.payments, PaymentRepository)', () => {
    const ctx = useHarness(make);
    const advance = (...a: Parameters<PaymentWriter['advance']>) =>
      ctx.h.ports.uow.run((tx) => tx.payments.advance(...a));

    async function setUp(): Promise<{ f: ReturnType<typeof checkoutFixtures>; p: Payment }> {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop();
      const order = (await f.hold(drop, (await f.user()).id, 2))!;
      return { f, p: await f.insertPayment(f.payment(order)) };
    }

    it('stores a payment as written and finds it by id and by its request', async () => {
      const { f, p } = await setUp();
      expect(await ctx.h.ports.payments.findById(p.id)).to.deep.equal(p);
      expect(await ctx.h.ports.payments.findById('nope')).to.equal(null);
      ctx.h.clock.advance(5);
      const later = await f.insertPayment({ ...p, id: `${p.id}-2`, createdAt: ctx.h.clock.now() });
      expect(await ctx.h.ports.payments.findByRequest(p.orderId, p.requestKey)).to.deep.equal(later);
      expect(await ctx.h.ports.payments.findByRequest(p.orderId, 'other-key')).to.equal(null);
      expect((await ctx.h.ports.payments.listByDrop(p.dropId)).map((x) => x.id)).to.deep.equal([p.id, later.id]);
    });

    it('steps only from the expected status (and lease), changing just what the patch names', async () => {
      const { p } = await setUp();
      const at = ctx.h.clock.now() + 1;
      expect(await advance(p.id, { status: 'authorized' }, { status: 'captured', updatedAt: at })).to.equal(false);
      expect(
        await advance(p.id, { status: 'authorizing', leaseBefore: p.leaseUntil - 1 }, { leaseUntil: 1, updatedAt: at }),
      ).to.equal(false);
      expect(
        await advance(
          p.id,
          { status: 'authorizing' },
          { status: 'authorized', authorizationId: 'auth_1', updatedAt: at },
        ),
      ).to.equal(true);
      expect(await ctx.h.ports.payments.findById(p.id)).to.deep.equal({
        ...p,
        status: 'authorized',
        authorizationId: 'auth_1',
        updatedAt: at,
      });
      expect(
        await advance(
          p.id,
          { status: 'authorized', leaseBefore: p.leaseUntil },
          { attempts: 3, leaseUntil: at + 9, updatedAt: at },
        ),
      ).to.equal(true);
      expect(await ctx.h.ports.payments.findById(p.id)).to.include({
        attempts: 3,
        leaseUntil: at + 9,
        status: 'authorized',
      });
      expect(await advance('nope', { status: 'authorized' }, { status: 'captured', updatedAt: at })).to.equal(false);
    });

    it('lists what the settle loop owes: authorized, voiding and authorizing rows whose lease ran out, oldest lease first', async () => {
      const { f, p } = await setUp();
      const now = ctx.h.clock.now();
      const o = {
        id: p.orderId,
        userId: p.userId,
        dropId: p.dropId,
        totalCents: p.amountCents,
        currency: p.currency,
      } as never;
      const rows = await Promise.all([
        f.insertPayment({ ...f.payment(o), status: 'authorized', leaseUntil: now - 3 }),
        f.insertPayment({ ...f.payment(o), status: 'voiding', leaseUntil: now - 2 }),
        f.insertPayment({ ...f.payment(o), status: 'authorizing', leaseUntil: now - 1 }),
        f.insertPayment({ ...f.payment(o), status: 'captured', leaseUntil: now - 9 }),
        f.insertPayment({ ...f.payment(o), status: 'authorized', leaseUntil: now + 60_000 }),
      ]);
      const owed = (await ctx.h.ports.payments.unsettled(now, 10)).map((x) => x.id);
      expect(owed).to.deep.equal(rows.slice(0, 3).map((r) => r.id));
      expect(await ctx.h.ports.payments.unsettled(now, 1)).to.have.length(1);
      expect((await ctx.h.ports.payments.unsettled(p.leaseUntil, 10)).map((x) => x.id)).to.include(p.id);
    });

    it('rolls a step back with the unit of work that made it', async () => {
      const { p } = await setUp();
      await ctx.h.ports.uow
        .run(async (tx) => {
          await tx.payments.advance(
            p.id,
            { status: 'authorizing' },
            { status: 'declined', declineCode: 'card_declined', updatedAt: 1 },
          );
          throw new Error('boom');
        })
        .catch(() => undefined);
      expect(await ctx.h.ports.payments.findById(p.id)).to.deep.equal(p);
    });

    group('concurrency', opts, () => {
      it('50 concurrent steps from authorizing (authorize, void, decline): exactly one happens', async () => {
        const { p } = await setUp();
        const to = ['authorized', 'voiding', 'declined'] as const;
        const won = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            advance(p.id, { status: 'authorizing' }, { status: to[i % 3]!, updatedAt: i }),
          ),
        );
        expect(won.filter(Boolean)).to.have.length(1);
        expect(to).to.include((await ctx.h.ports.payments.findById(p.id))!.status);
      });
    });
  });
}
