import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { checkoutFixtures } from './checkout-fixtures.js';

/** TxContext.holds, HoldRepository and the line flags: every end of a hold happens once, and only from `held`. */
export function holdsContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('Holds (TxContext.holds, HoldRepository)', () => {
    const ctx = useHarness(make);
    const run = <T>(work: Parameters<Harness['ports']['uow']['run']>[0]) => ctx.h.ports.uow.run(work) as Promise<T>;

    it('writes a hold as held with its deadline; sold counts it, soldQuantity too, until it ends', async () => {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop({ total: 5, holdSeconds: 30 });
      const o = (await f.hold(drop, (await f.user()).id, 2))!;
      expect(o.expiresAt).to.equal(ctx.h.clock.now() + 30_000);
      const { payment: _none, ...stored } = o; // a hold reads back without a payment until one confirms it
      expect(await ctx.h.ports.orders.findById(o.id)).to.deep.equal(stored);
      const read = await ctx.h.ports.drops.findById(drop.id);
      expect(read).to.include({ sold: 2, returned: 0, paid: 0, checkout: 'pay', holdSeconds: 30 });
      expect(await ctx.h.ports.orders.soldQuantity(drop.id)).to.equal(2);
      ctx.h.clock.advance(30_000);
      await run((tx) => tx.holds.end(o.id, 'expired', ctx.h.clock.now()));
      expect(await ctx.h.ports.orders.soldQuantity(drop.id)).to.equal(0);
    });

    it('ends a hold exactly once: expired only when due, cancelled only before, never from another status', async () => {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop({ holdSeconds: 30 });
      const buyer = await f.user();
      const [a, b] = [(await f.hold(drop, buyer.id))!, (await f.hold(drop, buyer.id))!];
      const now = ctx.h.clock.now();
      expect(await run((tx) => tx.holds.end(a.id, 'expired', now + 29_999))).to.equal(null);
      const ended = await run((tx) => tx.holds.end(a.id, 'expired', now + 30_000));
      expect(ended).to.deep.equal({
        orderId: a.id,
        userId: buyer.id,
        dropId: drop.id,
        quantity: 1,
        createdAt: now,
        expiresAt: now + 30_000,
        unitPriceCents: a.unitPriceCents,
      });
      expect(await run((tx) => tx.holds.end(a.id, 'expired', now + 30_000))).to.equal(null);
      expect(await run((tx) => tx.holds.end(a.id, 'cancelled', now))).to.equal(null);
      expect(await run((tx) => tx.holds.end(b.id, 'cancelled', now + 30_000))).to.equal(null); // due: only the expiry loop may end it
      expect(await run((tx) => tx.holds.end(b.id, 'cancelled', now + 10))).to.not.equal(null);
      expect((await ctx.h.ports.orders.findById(a.id))?.status).to.equal('expired');
      expect((await ctx.h.ports.orders.findById(b.id))?.status).to.equal('cancelled');
      expect(await run((tx) => tx.holds.end('no-such-order', 'expired', now + 60_000))).to.equal(null);
    });

    it('gives the units back: sold falls, returned grows, the tally shrinks (and goes at zero)', async () => {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop({ total: 5, perUserLimit: 3 });
      const buyer = await f.user();
      const [a, b] = [(await f.hold(drop, buyer.id, 2))!, (await f.hold(drop, buyer.id, 1))!];
      const now = ctx.h.clock.now();
      const counters = await run(async (tx) => tx.holds.giveBack((await tx.holds.end(a.id, 'cancelled', now))!));
      expect(counters).to.deep.equal({ sold: 1, returned: 2, paid: 0 });
      expect(await ctx.h.raw.tally(drop.id, buyer.id)).to.equal(1);
      await run(async (tx) => tx.holds.giveBack((await tx.holds.end(b.id, 'cancelled', now))!));
      expect(await ctx.h.raw.tally(drop.id, buyer.id)).to.equal(0);
      expect(await ctx.h.raw.sold(drop.id)).to.equal(0);
      expect(await f.hold(drop, buyer.id, 3)).to.not.equal(null); // the whole allowance is back
    });

    it('confirms only a held, unexpired hold, counting it paid, with the payment that did it', async () => {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop({ total: 5, holdSeconds: 30 });
      const o = (await f.hold(drop, (await f.user()).id, 2))!;
      const p = await f.insertPayment(f.payment(o));
      const now = ctx.h.clock.now();
      expect(await run((tx) => tx.holds.confirm(o.id, p.id, now + 30_000))).to.equal(null);
      const confirmed = await run<{ order: { status: string }; counters: unknown } | null>((tx) =>
        tx.holds.confirm(o.id, p.id, now + 29_999),
      );
      expect(confirmed?.order).to.include({ id: o.id, status: 'confirmed' });
      expect(confirmed?.counters).to.deep.equal({ sold: 2, returned: 0, paid: 2 });
      expect(await run((tx) => tx.holds.confirm(o.id, p.id, now))).to.equal(null);
      await run((tx) => tx.payments.advance(p.id, { status: 'authorizing' }, { status: 'authorized', updatedAt: now }));
      expect((await ctx.h.ports.orders.findById(o.id))?.payment).to.deep.equal({
        id: p.id,
        status: 'authorized',
        amountCents: o.totalCents,
        currency: o.currency,
      });
      expect(await run((tx) => tx.holds.end(o.id, 'expired', now + 60_000))).to.equal(null);
      expect(await ctx.h.ports.drops.findById(drop.id)).to.include({ sold: 2, paid: 2 });
      // A cancelled drop confirms nothing more.
      const other = (await f.hold(drop, (await f.user()).id, 1))!;
      await ctx.h.ports.drops.cancel(drop.id, now);
      expect(await run((tx) => tx.holds.confirm(other.id, p.id, now))).to.equal(null);
    });

    it('lists due holds earliest first, within the limit, and counts the open ones', async () => {
      const f = checkoutFixtures(ctx.h);
      const [short, long] = [await f.payDrop({ holdSeconds: 30 }), await f.payDrop({ holdSeconds: 90 })];
      const buyer = await f.user();
      const late = (await f.hold(long, buyer.id))!;
      const early = (await f.hold(short, buyer.id))!;
      const open = await ctx.h.ports.holds.openCount();
      expect(open).to.be.at.least(2);
      const at = ctx.h.clock.now();
      expect((await ctx.h.ports.holds.due(at + 29_999, 10)).map((o) => o.id)).to.not.include(early.id);
      expect(
        (await ctx.h.ports.holds.due(at + 90_000, 10))
          .filter((o) => [early.id, late.id].includes(o.id))
          .map((o) => o.id),
      ).to.deep.equal([early.id, late.id]);
      expect(await ctx.h.ports.holds.due(at + 90_000, 1)).to.have.length(1);
      await run((tx) => tx.holds.end(early.id, 'expired', at + 30_000));
      expect((await ctx.h.ports.holds.due(at + 90_000, 10)).map((o) => o.id)).to.not.include(early.id);
      expect(await ctx.h.ports.holds.openCount()).to.equal(open - 1);
    });

    it('marks a stock line once; rewrites a stored outcome only where one exists', async () => {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop();
      expect(await run((tx) => tx.drops.markLine(drop.id, 'low'))).to.equal(true);
      expect(await run((tx) => tx.drops.markLine(drop.id, 'low'))).to.equal(false);
      expect(await run((tx) => tx.drops.markLine(drop.id, 'sold_out'))).to.equal(true);
      const record = {
        userId: (await f.user()).id,
        key: 'k',
        fingerprint: 'fp',
        outcome: { ok: false as const, error: { code: 'hold_expired' as const, message: 'm', extensions: {} } },
        createdAt: 1,
      };
      await run((tx) => tx.idempotency.replace(record)); // nothing stored yet: nothing happens
      expect(await ctx.h.ports.idempotency.find(record.userId, 'k')).to.equal(null);
      await run((tx) => tx.idempotency.save(record));
      const replaced = {
        ...record,
        outcome: {
          ok: false as const,
          error: { code: 'payment_declined' as const, message: 'n', extensions: { declineCode: 'x' } },
        },
      };
      await run((tx) => tx.idempotency.replace(replaced));
      expect(await ctx.h.ports.idempotency.find(record.userId, 'k')).to.deep.equal(replaced);
    });

    group('concurrency', opts, () => {
      it('50 concurrent ends of one hold, expiry against cancel against confirm: exactly one wins, units back at most once', async () => {
        const f = checkoutFixtures(ctx.h);
        const drop = await f.payDrop({ total: 3, holdSeconds: 30 });
        const o = (await f.hold(drop, (await f.user()).id, 3))!;
        const p = await f.insertPayment(f.payment(o));
        const now = ctx.h.clock.now();
        const wins = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            run(async (tx) => {
              if (i % 3 === 2) return (await tx.holds.confirm(o.id, p.id, now + 29_999)) ? 'confirmed' : null;
              const ended = await tx.holds.end(
                o.id,
                i % 3 === 0 ? 'expired' : 'cancelled',
                i % 3 === 0 ? now + 30_000 : now,
              );
              if (ended) await tx.holds.giveBack(ended);
              return ended ? 'ended' : null;
            }),
          ),
        );
        expect(wins.filter((w) => w !== null)).to.have.length(1);
        const d = (await ctx.h.ports.drops.findById(drop.id))!;
        expect(d.sold + (d.returned ?? 0)).to.equal(3);
        expect(d.returned === 3 || d.paid === 3).to.equal(true);
      });
    });
  });
}
