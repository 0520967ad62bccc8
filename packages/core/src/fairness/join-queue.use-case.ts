import type { User } from '../accounts/user.js';
import { dropStatus, heldUnits, type Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import { accessOf } from './access.js';
import { assertEligible } from './eligibility.js';
import { EntriesClosedError } from './fairness.errors.js';
import { AFTER_START, type QueueEntry, type QueueRepository, type QueueState } from './queue.js';
import type { QueueLine } from './queue-line.port.js';

/** What `POST/GET /v1/drops/{id}/queue` answer. */
export interface QueueView {
  state: QueueState;
  /** 1-based; null before the start's shuffle has placed a pre-queue entry, and once out of the line. */
  position: number | null;
  etaSeconds: number | null;
  pass: string | null;
  passExpiresAt: number | null;
}

/** Joining a drop's waiting room, and where one stands in it. */
export class Queues {
  private readonly paces = new Map<string, { at: number; pace: Promise<number> }>();

  constructor(
    private readonly d: {
      drops: Pick<DropRepository, 'findById'>;
      queues: QueueRepository;
      follows: Pick<FollowRepository, 'followedAt'>;
      clock: Clock;
      uow: UnitOfWork;
      queueLine?: QueueLine | undefined;
    },
  ) {}

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
    if (stored.rank !== null) await this.d.queueLine?.joined(dropId, user.id, stored.rank).catch(() => undefined);
    const view = await this.view(drop, stored);
    // The answer told the place (a join after the start): the stream's next `queue.position` is
    // for when it has moved, not a repeat of this one to every late arrival.
    const position = view.position;
    if (position !== null)
      await this.d.uow
        .run((tx) => tx.queues.notePositions(dropId, [{ userId: user.id, position, eta: view.etaSeconds }], now, 0))
        .catch(() => undefined);
    return { view, created };
  }

  async status(user: User, dropId: string): Promise<QueueView> {
    const drop = await this.queueDrop(dropId);
    const entry = await this.d.queues.find(dropId, user.id);
    if (!entry) throw new NotFoundError('Queue entry');
    return this.view(drop, entry);
  }

  private async queueDrop(dropId: string): Promise<Drop> {
    const drop = await this.d.drops.findById(dropId);
    if (!drop || accessOf(drop) !== 'queue') throw new NotFoundError('Queue');
    return drop;
  }

  private async view(drop: Drop, e: QueueEntry): Promise<QueueView> {
    const base = { state: e.state, pass: e.pass, passExpiresAt: e.passExpiresAt };
    if (e.state !== 'waiting') return { ...base, position: null, etaSeconds: null };
    // The fast copy first (Redis on production); the record when it cannot say.
    const fast =
      e.rank === null ? undefined : await this.d.queueLine?.position(drop.id, e.userId).catch(() => undefined);
    const position = fast ?? (await this.d.queues.position(e));
    return { ...base, position, etaSeconds: etaSeconds(position, await this.pace(drop.id)) };
  }

  /**
   * The drop's admission pace, counted at most once a second: it is an estimate over 30 s, and
   * thousands polling their place each second need not each count the same admissions again.
   */
  private pace(dropId: string): Promise<number> {
    const now = this.d.clock.now();
    const hit = this.paces.get(dropId);
    if (hit && now - hit.at < PACE_TTL_MS) return hit.pace;
    if (this.paces.size >= 1_000) this.paces.clear();
    const pace = admissionPace(this.d.queues, dropId, now);
    this.paces.set(dropId, { at: now, pace });
    pace.catch(() => this.paces.get(dropId)?.pace === pace && this.paces.delete(dropId));
    return pace;
  }
}

const PACE_TTL_MS = 1_000;

/** How far back admissions are counted to tell an ETA. */
const PACE_WINDOW_MS = 30_000;

/** Admissions per second over the last 30 s: the pace an ETA is told from. */
export async function admissionPace(
  queues: Pick<QueueRepository, 'admittedSince'>,
  dropId: string,
  now: number,
): Promise<number> {
  return (await queues.admittedSince(dropId, now - PACE_WINDOW_MS)) / (PACE_WINDOW_MS / 1000);
}

/** Seconds until admission at `perSecond` admissions; null while nobody has been admitted lately. */
export function etaSeconds(position: number | null, perSecond: number): number | null {
  return position === null || perSecond <= 0 ? null : Math.ceil(position / perSecond);
}

/** No more buyers can get in: ended, cancelled, or sold out with no hold left that could expire. */
export function closed(drop: Drop, now: number): boolean {
  const s = dropStatus(drop, now);
  return s === 'ended' || s === 'cancelled' || (s === 'sold_out' && heldUnits(drop) === 0);
}
