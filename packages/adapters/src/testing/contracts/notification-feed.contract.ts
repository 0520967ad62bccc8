import type { DomainEvent, Drop, FanoutMode, SeqRange } from '@livedrops/core';
import { expect } from 'chai';
import { group, useHarness, type ContractOptions, type Harness } from '../harness.js';
import { fixtures, nextId } from './fixtures.js';

/** A follower event (userId null) or a personal one, with an explicit mode and time. */
function ev(
  drop: Drop,
  o: { userId?: string; fanout?: FanoutMode; createdAt?: number; type?: DomainEvent['type'] } = {},
): DomainEvent {
  const e: DomainEvent = {
    id: nextId('e'),
    type: o.type ?? (o.userId ? 'order.confirmed' : 'stock.low'),
    dropId: drop.id,
    creatorId: drop.creatorId,
    userId: o.userId ?? null,
    data: { dropId: drop.id, available: 3 },
    createdAt: o.createdAt ?? 1000,
  };
  if (o.fanout) e.fanout = o.fanout;
  return e;
}

/** Appends in one unit of work; returns each event's outbox position. */
async function append(h: Harness, events: DomainEvent[]): Promise<number[]> {
  await h.ports.uow.run((tx) => tx.outbox.append(events));
  return Promise.all(events.map(async (e) => (await h.ports.feed.seqOf(e.id))!));
}

const desc = (limit = 50, extra: Partial<SeqRange> = {}): SeqRange => ({ limit, order: 'desc', ...extra });
const seqs = (items: Array<{ seq: number }>): number[] => items.map((i) => i.seq);

/** NotificationFeed: the three sources of an inbox, their ranges, and the live-push lookup. */
export function notificationFeedContract(make: () => Promise<Harness>, opts: ContractOptions = {}): void {
  describe('NotificationFeed', () => {
    const ctx = useHarness(make);

    it('reads personal events of their recipient only, as notifications, by position', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const [a, b] = [await f.user(), await f.user()];
      const events = [
        ev(drop, { userId: a.id }),
        ev(drop, { userId: b.id }),
        ev(drop, { userId: a.id, createdAt: 900 }),
      ];
      const [s1, , s3] = await append(ctx.h, events);
      const mine = await ctx.h.ports.feed.personal(a.id, desc());
      expect(seqs(mine)).to.deep.equal([s3, s1]);
      expect(mine[1]!.notification).to.deep.equal({
        id: events[0]!.id,
        type: 'order.confirmed',
        createdAt: 1000,
        data: events[0]!.data,
      });
      expect(seqs(await ctx.h.ports.feed.personal(a.id, { limit: 50, order: 'asc' }))).to.deep.equal([s1, s3]);
    });

    it('honours exclusive bounds, order and limit', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const u = await f.user();
      const s = await append(
        ctx.h,
        [1, 2, 3, 4, 5].map(() => ev(drop, { userId: u.id })),
      );
      const feed = ctx.h.ports.feed;
      expect(seqs(await feed.personal(u.id, desc(2)))).to.deep.equal([s[4], s[3]]);
      expect(seqs(await feed.personal(u.id, desc(10, { before: s[3] })))).to.deep.equal([s[2], s[1], s[0]]);
      expect(seqs(await feed.personal(u.id, { after: s[1], before: s[4], limit: 10, order: 'asc' }))).to.deep.equal([
        s[2],
        s[3],
      ]);
    });

    it('delivers fan-out-on-write rows idempotently per (user, event)', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const [a, b, c] = [await f.user(), await f.user(), await f.user()];
      const [s1, s2] = await append(ctx.h, [ev(drop, { fanout: 'write' }), ev(drop, { fanout: 'write' })]);
      const feed = ctx.h.ports.feed;
      expect(await feed.deliver(s1!, [a.id, b.id])).to.equal(2);
      expect(await feed.deliver(s1!, [a.id, b.id])).to.equal(0);
      expect(await feed.deliver(s2!, [a.id])).to.equal(1);
      expect(seqs(await feed.fannedOut(a.id, desc()))).to.deep.equal([s2, s1]);
      expect(seqs(await feed.fannedOut(b.id, desc()))).to.deep.equal([s1]);
      expect(await feed.fannedOut(c.id, desc())).to.deep.equal([]);
      expect(await feed.personal(a.id, desc())).to.deep.equal([]);
    });

    it('merges read-mode events of followed creators from followedAt on, and stops on unfollow', async () => {
      const f = fixtures(ctx.h);
      const drop = await f.drop();
      const other = await f.drop();
      const fan = await f.user();
      await ctx.h.ports.follows.follow(fan.id, drop.creatorId, 1000);
      await ctx.h.ports.follows.follow(fan.id, other.creatorId, 1000);
      const [early, atFollow, later, written, otherRead] = await append(ctx.h, [
        ev(drop, { fanout: 'read', createdAt: 999 }),
        ev(drop, { fanout: 'read', createdAt: 1000 }),
        ev(drop, { fanout: 'read', createdAt: 2000 }),
        ev(drop, { fanout: 'write', createdAt: 2000 }),
        ev(other, { fanout: 'read', createdAt: 3000 }),
      ]);
      const feed = ctx.h.ports.feed;
      expect(seqs(await feed.merged(fan.id, desc()))).to.deep.equal([otherRead, later, atFollow]);
      expect(seqs(await feed.merged(fan.id, desc(10, { before: otherRead, after: atFollow })))).to.deep.equal([later]);
      expect([early, written]).to.not.include.members(seqs(await feed.merged(fan.id, desc())));
      await ctx.h.ports.follows.unfollow(fan.id, other.creatorId);
      expect(seqs(await feed.merged(fan.id, desc()))).to.deep.equal([later, atFollow]);
      expect(await feed.merged((await f.user()).id, desc())).to.deep.equal([]);
    });

    it('finds which of some users follow a creator since a time, without listing the rest', async () => {
      const f = fixtures(ctx.h);
      const creator = await f.creator();
      const [a, b, c, d] = [await f.user(), await f.user(), await f.user(), await f.user()];
      await ctx.h.ports.follows.follow(a.id, creator.id, 100);
      await ctx.h.ports.follows.follow(b.id, creator.id, 500);
      await ctx.h.ports.follows.follow(d.id, creator.id, 100);
      const found = await ctx.h.ports.feed.followersAmong(creator.id, [a.id, b.id, c.id], 200);
      expect(found).to.deep.equal([a.id]);
      expect((await ctx.h.ports.feed.followersAmong(creator.id, [a.id, b.id, c.id], 500)).sort()).to.deep.equal(
        [a.id, b.id].sort(),
      );
      expect(await ctx.h.ports.feed.followersAmong(creator.id, [], 500)).to.deep.equal([]);
    });

    it('knows each event position and the head of the log', async () => {
      const drop = await fixtures(ctx.h).drop();
      expect(await ctx.h.ports.feed.head()).to.equal(0);
      expect(await ctx.h.ports.feed.seqOf('no-such-event')).to.equal(null);
      const [s1, s2] = await append(ctx.h, [ev(drop), ev(drop)]);
      expect(s2).to.be.greaterThan(s1!);
      expect(await ctx.h.ports.feed.head()).to.equal(s2);
    });

    group('concurrency', opts, () => {
      it('resumes exactly after a position while units commit in another order than they wrote', async () => {
        // 60 units each append an event, then hold their transaction open a random while, so
        // on an engine with concurrent writers insert order and commit order differ. A relay
        // keeps running (on Postgres it is what gives positions) and a reader keeps reading
        // "after the last position I saw", as a resumed stream does. Whatever got a
        // position behind the reader's back would never be seen.
        const f = fixtures(ctx.h);
        const drop = await f.drop();
        const u = await f.user();
        const { uow, outbox, feed } = ctx.h.ports;
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const committed: string[] = [];
        let writing = true;
        const writers = Promise.all(
          Array.from({ length: 60 }, async (_, i) => {
            await sleep(i % 10);
            const e = ev(drop, { userId: u.id });
            await uow.run(async (tx) => {
              await tx.outbox.append([e]);
              // Every third unit is slow: it wrote before the fast ones after it, and commits after them.
              await sleep(i % 3 === 0 ? 30 + Math.random() * 10 : Math.random() * 3);
            });
            committed.push(e.id);
          }),
        ).finally(() => (writing = false));
        const seen: Array<{ id: string; seq: number }> = [];
        let last = 0;
        const readOnce = async () => {
          const batch = await outbox.pending(100);
          await outbox.markPublished(
            batch.map((b) => b.seq),
            1,
          );
          for (const item of await feed.personal(u.id, { after: last, limit: 100, order: 'asc' })) {
            seen.push({ id: item.notification.id, seq: item.seq });
            last = item.seq;
          }
        };
        while (writing) {
          await readOnce();
          await sleep(1);
        }
        await writers;
        await readOnce();
        expect(seen.map((s) => s.seq)).to.deep.equal([...new Set(seen.map((s) => s.seq))].sort((a, b) => a - b));
        expect(seen.map((s) => s.id).sort()).to.deep.equal([...committed].sort());
      });
    });
  });
}
