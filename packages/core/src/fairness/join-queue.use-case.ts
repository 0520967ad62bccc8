import type { User } from '../accounts/user.js';
import type { Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { Pressure } from '../shared/pressure.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import { accessOf } from './access.js';
import { assertEligible } from './eligibility.js';
import { EntriesClosedError } from './fairness.errors.js';
import { AFTER_START, type QueueEntry, type QueueRepository } from './queue.js';
import type { QueueLine } from './queue-line.port.js';
import { ShortMemo } from '../shared/short-memo.js';
import { ToldPositions } from './told-positions.js';
import { admissionPace, closed, etaSeconds, PLACING_MS, type QueueView } from './queue-timing.js';

/** Joining a drop's waiting room, and where one stands in it. */
export class Queues {
  /**
   * Admissions per second over 30 s, counted at most four times a second: thousands of joins
   * a second share one count. No admission yet is not kept: an answer given just after the
   * first admissions carries an ETA (one without is told again on the stream once it has one).
   */
  private readonly paces = new ShortMemo<number>(250, 1_000, (pace) => pace > 0);
  /**
   * The drop as pre-queue joins read it, at most a quarter second old: thousands arrive in the
   * last second before a start, when it can neither sell out nor end (a join let in just after
   * a cancellation is closed out by the next admission step, as those before it are).
   */
  private readonly drops = new ShortMemo<Drop | null>(250);
  /**
   * After the start, while the instance is behind on its requests (a start's joins): at most a
   * tenth of a second old, not a cache round trip per join for thousands a second. A join let in
   * that long after the line closed is closed out by the next admission step, with
   * `queue.closed`, as a join just before the close is.
   */
  private readonly started = new ShortMemo<Drop | null>(100);
  private readonly told: ToldPositions;

  constructor(
    private readonly d: {
      drops: Pick<DropRepository, 'findById'>;
      queues: QueueRepository;
      follows: Pick<FollowRepository, 'followedAt'>;
      clock: Clock;
      uow: UnitOfWork;
      queueLine?: QueueLine | undefined;
      /** Whether the instance is behind on its requests (a start's joins then share reads of the drop). */
      pressure?: Pressure | undefined;
      /** Shared with the admission step, which leaves alone those whose answer's note is on its way. */
      told?: ToldPositions | undefined;
    },
  ) {
    this.told = d.told ?? new ToldPositions(d);
  }

  /**
   * Joins once (again: `created` false, the first place kept). Sold out with nothing held, ended,
   * cancelled: 409. No read first: the insert keeps the first join and hands it back, and at a
   * celebrity's start the joins are thousands a second while repeats are few.
   */
  async join(user: User, dropId: string): Promise<{ view: QueueView; created: boolean }> {
    const drop = await this.queueDrop(dropId);
    const now = this.d.clock.now();
    try {
      if (closed(drop, now)) throw new EntriesClosedError();
      await assertEligible(this.d.follows, drop, user.id, now);
    } catch (refused) {
      // Whoever joined before keeps their place, closed or not (and eligible when they joined).
      const existing = await this.d.queues.find(dropId, user.id);
      if (existing) return { view: await this.view(drop, existing), created: false };
      throw refused;
    }
    const entry: QueueEntry = {
      dropId,
      userId: user.id,
      joinedAt: now,
      rank: now < drop.startsAt ? null : AFTER_START + now,
      state: 'waiting',
      pass: null,
      passExpiresAt: null,
      admittedAt: null,
      usedKey: null,
    };
    const { entry: stored, created } = await this.d.queues.join(entry);
    if (!created) return { view: await this.view(drop, stored), created };
    const placed =
      stored.rank === null
        ? undefined
        : await this.d.queueLine?.joined(dropId, user.id, stored.rank).catch(() => undefined);
    const view = await this.view(drop, stored, placed);
    // The answer told the place (a join after the start): the stream's next `queue.position` is
    // for when it has moved, not a repeat of this one to every late arrival. Not awaited: until
    // the note commits, `told.has` keeps the admission step off this user, and a note that never
    // lands only repeats the place on the stream; a start's busiest second has the note wait on
    // the rows the admission step is telling, which the answer need not.
    if (view.position !== null)
      void this.told.note(dropId, { userId: user.id, position: view.position, eta: view.etaSeconds });
    return { view, created };
  }

  async status(user: User, dropId: string): Promise<QueueView> {
    const drop = await this.queueDrop(dropId);
    const entry = await this.d.queues.find(dropId, user.id);
    if (!entry) throw new NotFoundError('Queue entry');
    return this.view(drop, entry);
  }

  private async queueDrop(dropId: string): Promise<Drop> {
    const now = this.d.clock.now();
    let read = false;
    const fetch = () => ((read = true), this.d.drops.findById(dropId));
    let drop = await this.drops.get(dropId, now, fetch);
    // Nothing sells out before the start; after it, a read is shared only under pressure, and briefly.
    if (drop && now >= drop.startsAt) {
      if (this.d.pressure?.high()) drop = await this.started.get(dropId, now, fetch);
      else if (!read) drop = await fetch();
    }
    if (!drop || accessOf(drop) !== 'queue') throw new NotFoundError('Queue');
    return drop;
  }

  /** `placed`: the place the copy gave as the user joined it, if it did. */
  private async view(drop: Drop, e: QueueEntry, placed?: number): Promise<QueueView> {
    const base = { state: e.state, pass: e.pass, passExpiresAt: e.passExpiresAt };
    if (e.state !== 'waiting') return { ...base, position: null, etaSeconds: null };
    // The fast copy first (Redis on production); the record when it cannot say.
    const fast = placed ?? (e.rank === null ? undefined : await this.fastPosition(drop.id, e.userId, e.rank));
    // In a start's first seconds the copy is still being built from the shuffle: a place it cannot
    // give yet is told on the stream once it can, not counted through the record (at a celebrity's
    // start, hundreds of counts over thousands of rows in the busiest second).
    if (fast === undefined && e.rank !== null && this.d.queueLine && this.d.clock.now() - drop.startsAt < PLACING_MS)
      return { ...base, position: null, etaSeconds: null };
    const position = fast ?? (await this.d.queues.position(e));
    if (position === null) return { ...base, position, etaSeconds: null };
    return { ...base, position, etaSeconds: etaSeconds(position, await this.pace(drop.id)) };
  }

  /**
   * A waiting arrival the built copy lacks committed while it was being rebuilt (or before the
   * start's shuffle built it): it goes to the back now, as the rebuild's own catch-up would put
   * it, rather than have its place counted through the record: at a start that is hundreds of
   * counts over thousands of rows in the busiest second.
   */
  private async fastPosition(dropId: string, userId: string, rank: number): Promise<number | undefined> {
    const line = this.d.queueLine;
    if (!line) return undefined;
    try {
      return (await line.position(dropId, userId)) ?? (await line.joined(dropId, userId, rank));
    } catch {
      return undefined;
    }
  }

  private pace(dropId: string): Promise<number> {
    const now = this.d.clock.now();
    return this.paces.get(dropId, now, () => admissionPace(this.d.queues, dropId, now));
  }
}
