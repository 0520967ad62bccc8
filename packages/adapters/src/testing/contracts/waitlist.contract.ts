import type { PageRequest, WaitlistEntry } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { checkoutFixtures } from './checkout-fixtures.js';

/** WaitlistRepository and TxContext.waitlist: one entry per user and drop, join order, keyset pages. */
export function waitlistContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('Waitlist (WaitlistRepository, TxContext.waitlist)', () => {
    const ctx = useHarness(make);

    it("joins once (the first time stays), leaves, and lists a user's entries newest first in keyset pages", async () => {
      const f = checkoutFixtures(ctx.h);
      const me = await f.user();
      const drops = await Promise.all([f.payDrop(), f.payDrop(), f.payDrop()]);
      const joined: WaitlistEntry[] = [];
      for (const [i, d] of drops.entries()) {
        const r = await ctx.h.ports.waitlist.join(d.id, me.id, 1000 + Math.floor(i / 2));
        expect(r.created).to.equal(true);
        joined.push(r.entry);
      }
      expect(await ctx.h.ports.waitlist.join(drops[0]!.id, me.id, 5000)).to.deep.equal({
        entry: joined[0],
        created: false,
      });
      const seen: WaitlistEntry[] = [];
      let after: PageRequest['after'];
      do {
        const page = await ctx.h.ports.waitlist.listByUser(me.id, { limit: 2, after });
        seen.push(...page.items);
        after = page.next ?? undefined;
      } while (after);
      const expected = [...joined].sort((a, b) => b.joinedAt - a.joinedAt || (a.dropId < b.dropId ? 1 : -1));
      expect(seen).to.deep.equal(expected);
      expect(await ctx.h.ports.waitlist.leave(drops[1]!.id, me.id)).to.equal(true);
      expect(await ctx.h.ports.waitlist.leave(drops[1]!.id, me.id)).to.equal(false);
      expect((await ctx.h.ports.waitlist.listByUser(me.id, { limit: 10 })).items).to.have.length(2);
    });

    it("hands a unit of work the drop's entries in join order (time, then user id), and removes one there", async () => {
      const f = checkoutFixtures(ctx.h);
      const drop = await f.payDrop();
      const users = await Promise.all([f.user(), f.user(), f.user(), f.user()]);
      const times = [30, 10, 20, 10];
      for (const [i, u] of users.entries()) await ctx.h.ports.waitlist.join(drop.id, u.id, times[i]!);
      const order = [...users.keys()]
        .sort((a, b) => times[a]! - times[b]! || (users[a]!.id < users[b]!.id ? -1 : 1))
        .map((i) => users[i]!.id);
      expect((await ctx.h.ports.uow.run((tx) => tx.waitlist.next(drop.id, 10))).map((e) => e.userId)).to.deep.equal(
        order,
      );
      expect(await ctx.h.ports.uow.run((tx) => tx.waitlist.next(drop.id, 2))).to.have.length(2);
      await ctx.h.ports.uow.run((tx) => tx.waitlist.remove(drop.id, order[0]!));
      expect((await ctx.h.ports.uow.run((tx) => tx.waitlist.next(drop.id, 10))).map((e) => e.userId)).to.deep.equal(
        order.slice(1),
      );
      await ctx.h.ports.uow
        .run(async (tx) => {
          await tx.waitlist.remove(drop.id, order[1]!);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await ctx.h.ports.uow.run((tx) => tx.waitlist.next(drop.id, 10))).to.have.length(3);
    });

    group('concurrency', opts, () => {
      it('30 concurrent joins of one user make one entry', async () => {
        const f = checkoutFixtures(ctx.h);
        const [drop, me] = [await f.payDrop(), await f.user()];
        const rs = await Promise.all(
          Array.from({ length: 30 }, (_, i) => ctx.h.ports.waitlist.join(drop.id, me.id, 100 + i)),
        );
        expect(rs.filter((r) => r.created)).to.have.length(1);
        const first = rs.find((r) => r.created)!.entry;
        expect(rs.every((r) => r.entry.joinedAt === first.joinedAt)).to.equal(true);
      });
    });
  });
}
