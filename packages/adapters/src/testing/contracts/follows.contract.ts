import type { Cursor, FollowerEntry, User } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures } from './fixtures.js';

/** A small deterministic PRNG, so a failing storm can be replayed. */
function rng(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

async function users(h: Harness, n: number): Promise<User[]> {
  const f = fixtures(h);
  return Promise.all(Array.from({ length: n }, () => f.user()));
}

/** FollowRepository: edges, the exact follower counter, and keyset walks of both directions. */
export function followsContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('FollowRepository', () => {
    const ctx = useHarness(make);

    it('follows once: a repeat answers created:false with the original time', async () => {
      const { follows, users: repo } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const [fan] = await users(ctx.h, 1);
      expect(await follows.follow(fan!.id, creator.id, 1000)).to.deep.equal({ created: true, followedAt: 1000 });
      expect(await follows.follow(fan!.id, creator.id, 2000)).to.deep.equal({ created: false, followedAt: 1000 });
      expect(await follows.followedAt(fan!.id, creator.id)).to.equal(1000);
      expect((await repo.findCreator(creator.id))?.followerCount).to.equal(1);
      expect(await ctx.h.raw.followEdges(creator.id)).to.deep.equal([fan!.id]);
    });

    it('says which of many creators a user follows, and since when, in one call', async () => {
      const { follows } = ctx.h.ports;
      const f = fixtures(ctx.h);
      const [c1, c2, c3] = [await f.creator(), await f.creator(), await f.creator()];
      const [fan, other] = await users(ctx.h, 2);
      await follows.follow(fan!.id, c1.id, 10);
      await follows.follow(fan!.id, c3.id, 30);
      await follows.follow(other!.id, c2.id, 20);
      const found = await follows.followedAtMany(fan!.id, [c1.id, c2.id, c3.id, 'nope', c1.id]);
      expect([...found].sort((a, b) => a.followedAt - b.followedAt)).to.deep.equal([
        { creatorId: c1.id, followedAt: 10 },
        { creatorId: c3.id, followedAt: 30 },
      ]);
      expect(await follows.followedAtMany(fan!.id, [])).to.deep.equal([]);
    });

    it('unfollows an edge; unfollowing a missing one changes nothing', async () => {
      const { follows, users: repo } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const [a, b] = await users(ctx.h, 2);
      await follows.follow(a!.id, creator.id, 1);
      await follows.follow(b!.id, creator.id, 2);
      expect(await follows.unfollow(a!.id, creator.id)).to.equal(true);
      expect(await follows.unfollow(a!.id, creator.id)).to.equal(false);
      expect(await follows.followedAt(a!.id, creator.id)).to.equal(null);
      expect((await repo.findCreator(creator.id))?.followerCount).to.equal(1);
      expect(await ctx.h.raw.followerCount(creator.id)).to.equal(1);
    });

    group('concurrency', opts, () => {
      it('keeps followerCount exact under 300 concurrent follows and unfollows', async () => {
        const { follows, users: repo } = ctx.h.ports;
        const creator = await fixtures(ctx.h).creator();
        const fans = await users(ctx.h, 40);
        const random = rng(42);
        const storm = Array.from({ length: 300 }, (_, i) => {
          const fan = fans[Math.floor(random() * fans.length)]!;
          return random() < 0.6 ? follows.follow(fan.id, creator.id, 1000 + i) : follows.unfollow(fan.id, creator.id);
        });
        await Promise.all(storm); // all 300 in flight at once
        const edges = await ctx.h.raw.followEdges(creator.id);
        expect(edges.length).to.be.greaterThan(0);
        expect(await ctx.h.raw.followerCount(creator.id)).to.equal(edges.length);
        expect((await repo.findCreator(creator.id))?.followerCount).to.equal(edges.length);
      });
    });

    it('lists followers newest first, ties by follower id descending', async () => {
      const { follows } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const [a, b, c] = await users(ctx.h, 3);
      await follows.follow(a!.id, creator.id, 500);
      await follows.follow(b!.id, creator.id, 700);
      await follows.follow(c!.id, creator.id, 500);
      const page = await follows.listFollowers(creator.id, { limit: 10 });
      expect(page.items.map((e) => [e.user.id, e.followedAt])).to.deep.equal([
        [b!.id, 700],
        [c!.id, 500],
        [a!.id, 500],
      ]);
      expect(page.items[0]!.user).to.deep.equal({ id: b!.id, handle: b!.handle, displayName: b!.displayName });
      expect(page.next).to.equal(null);
    });

    it('walks follower pages while follows are added: every earlier follower exactly once, in order', async () => {
      const { follows } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const fans = await users(ctx.h, 23);
      // Timestamps collide in threes, so the walk has to break ties by id.
      for (const [i, fan] of fans.entries()) await follows.follow(fan.id, creator.id, 10_000 + Math.floor(i / 3));
      const before = (await follows.listFollowers(creator.id, { limit: 100 })).items.map((e) => e.user.id);
      const late = await users(ctx.h, 8);
      const seen: FollowerEntry[] = [];
      let after: Cursor | undefined;
      let pages = 0;
      do {
        const page = await follows.listFollowers(creator.id, { limit: 5, after });
        seen.push(...page.items);
        after = page.next ?? undefined;
        // A newcomer between page requests, some at the same instant as existing follows.
        const newcomer = late[pages++];
        if (newcomer) await follows.follow(newcomer.id, creator.id, pages % 2 ? 20_000 : 10_003);
      } while (after);
      const lateIds = new Set(late.map((u) => u.id));
      const earlier = seen.map((e) => e.user.id).filter((id) => !lateIds.has(id));
      expect(earlier).to.deep.equal(before);
      expect(new Set(seen.map((e) => e.user.id)).size).to.equal(seen.length);
    });

    it('lists whom a user follows, newest first, in keyset pages', async () => {
      const { follows } = ctx.h.ports;
      const fan = await fixtures(ctx.h).user();
      const creators = await Promise.all(Array.from({ length: 5 }, () => fixtures(ctx.h).creator()));
      for (const [i, c] of creators.entries()) await follows.follow(fan.id, c.id, 100 + i);
      const first = await follows.listFollowing(fan.id, { limit: 3 });
      expect(first.items.map((e) => e.creator.id)).to.deep.equal([creators[4]!.id, creators[3]!.id, creators[2]!.id]);
      expect(first.next).to.deep.equal({ key: 102, id: creators[2]!.id });
      const second = await follows.listFollowing(fan.id, { limit: 3, after: first.next! });
      expect(second.items.map((e) => [e.creator.handle, e.followedAt])).to.deep.equal([
        [creators[1]!.handle, 101],
        [creators[0]!.handle, 100],
      ]);
      expect(second.next).to.equal(null);
    });

    it('hands out follower ids in id order, in batches that cover everyone once', async () => {
      const { follows } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const fans = await users(ctx.h, 25);
      for (const fan of [...fans].reverse()) await follows.follow(fan.id, creator.id, 1);
      const walked: string[] = [];
      let last: string | null = null;
      for (;;) {
        const batch = await follows.followerIds(creator.id, last, 7);
        if (batch.length === 0) break;
        walked.push(...batch);
        last = batch[batch.length - 1]!;
      }
      expect(walked).to.deep.equal(fans.map((u) => u.id).sort());
      expect(await follows.followerIds(creator.id, null, 0)).to.deep.equal([]);
    });

    it('bulk-follows, counting only the edges it really added', async () => {
      const { follows, users: repo } = ctx.h.ports;
      const creator = await fixtures(ctx.h).creator();
      const fans = await users(ctx.h, 1200);
      await follows.follow(fans[0]!.id, creator.id, 5);
      const ids = [...fans.map((u) => u.id), fans[1]!.id, fans[2]!.id]; // duplicates too
      await follows.bulkFollow(creator.id, ids, 9);
      expect((await repo.findCreator(creator.id))?.followerCount).to.equal(1200);
      expect(await ctx.h.raw.followEdges(creator.id)).to.have.length(1200);
      expect(await follows.followedAt(fans[0]!.id, creator.id)).to.equal(5);
      expect(await follows.followedAt(fans[1199]!.id, creator.id)).to.equal(9);
    });
  });
}
