import { AFTER_START, type UseCases, type User } from '@livedrops/core';
import { expect } from 'chai';
import { selectedAdapters, useHarness } from '../harness.js';
import { checkoutUseCases } from './checkout-world.js';

const MIN = 60_000;

/**
 * Joins by the hundred in flight at once, as at a celebrity's start (PostgreSQL takes them in
 * batches of one statement each): every user has one entry whatever they repeat, and the
 * start's shuffle, racing the joins, draws exactly the users whose join came before it.
 */
for (const a of selectedAdapters()) {
  describe(`waiting-room joins, hundreds at once (${a.name})`, () => {
    const ctx = useHarness(a.make);
    let uc: UseCases;

    async function users(n: number, tag: string): Promise<User[]> {
      const now = ctx.h.clock.now();
      const made = Array.from({ length: n }, (_, i) => ({
        id: `u-${tag}${i}`,
        handle: `${tag}${i}`,
        displayName: `${tag}${i}`,
        isCreator: false,
        createdAt: now,
      }));
      for (const u of made) await ctx.h.ports.users.create(u, 'x');
      return made;
    }

    beforeEach(() => void (uc = checkoutUseCases(ctx.h).uc));

    it('repeats keep the first entry; the shuffle draws exactly the joins made before it', async () => {
      const maker = {
        id: 'u-maker',
        handle: 'maker',
        displayName: 'Maker',
        isCreator: true,
        createdAt: ctx.h.clock.now(),
      };
      await ctx.h.ports.users.create(maker, 'x');
      const product = await uc.products.create(maker, { title: 'Tee', priceCents: 1000, currency: 'EUR' });
      const now = ctx.h.clock.now();
      const { id: dropId } = await uc.drops.schedule(maker, {
        productId: product.id,
        startsAt: now + MIN,
        endsAt: now + 60 * MIN,
        stock: 10,
        access: 'queue',
      });
      const early = await users(200, 'e');
      const first = await Promise.all([...early, ...early.slice(0, 100)].map((u) => uc.queues.join(u, dropId)));
      expect(first.filter((j) => j.created)).to.have.length(200);
      expect(first.every((j) => j.view.state === 'waiting' && j.view.position === null)).to.equal(true);

      ctx.h.clock.advance(MIN);
      const late = await users(100, 'l');
      const [, ...raced] = await Promise.all([
        uc.runDueShuffles.execute(),
        ...[...late, ...early.slice(100, 150), ...late.slice(0, 20)].map((u) => uc.queues.join(u, dropId)),
      ]);
      expect(raced.filter((j) => j.created)).to.have.length(100);
      const { order } = (await uc.fairness.of(dropId)) as { order: string[] };
      const entries = await Promise.all([...early, ...late].map((u) => ctx.h.ports.queues.find(dropId, u.id)));
      expect(entries.filter(Boolean)).to.have.length(300);
      const drawn = entries.filter((e) => e!.rank !== null && e!.rank < AFTER_START).map((e) => e!.userId);
      expect([...order].sort()).to.deep.equal([...drawn].sort());
      expect(order).to.include.members(early.map((u) => u.id));
      // Everyone stands somewhere once: positions 1..300, the drawn first.
      const places = await Promise.all([...early, ...late].map((u) => uc.queues.status(u, dropId)));
      expect(places.map((p) => p.position).sort((x, y) => x! - y!)).to.deep.equal(
        Array.from({ length: 300 }, (_, i) => i + 1),
      );
    });
  });
}
