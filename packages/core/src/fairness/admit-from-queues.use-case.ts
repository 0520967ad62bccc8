import { heldUnits, type Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { Clock } from '../shared/clock.port.js';
import type { Pressure } from '../shared/pressure.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { TxContext, UnitOfWork } from '../shared/unit-of-work.port.js';
import { toHex, type FairnessCrypto } from './fairness-digests.port.js';
import { admissionPace, closed } from './queue-timing.js';
import { placesToTell } from './places-to-tell.js';
import { INSTANT_PASS_SECONDS, type QueueRepository } from './queue.js';
import { admittedEvent, closedEvent, positionEvent } from './queue-events.js';
import type { FairAccessObserver } from './fair-access-observer.js';
import { DEFAULT_ADMIT_TUNING, type AdmitTuning } from './admit-tuning.js';
import { rebuildLine, type QueueLine } from './queue-line.port.js';
import type { ToldPositions } from './told-positions.js';

/**
 * The admission loop's step, on every instance, per queue drop under way: one transaction
 * that locks the drop's row (so instances take turns and each sees the other's admissions),
 * admits the next users in line while passes in play stay within `available` plus the units
 * of holds that can still expire, writes each `queue.admitted`, and, once nobody more can get
 * in, closes the line with `queue.closed` for everyone still waiting. Then positions.
 */
export class AdmitFromQueues {
  constructor(
    private readonly d: {
      drops: Pick<DropRepository, 'findById'>;
      queues: QueueRepository;
      digests: FairnessCrypto;
      uow: UnitOfWork;
      clock: Clock;
      ids: IdGenerator;
      observer?: FairAccessObserver | undefined;
      queueLine?: QueueLine | undefined;
      pressure?: Pressure | undefined;
      /** Positions this process's answers told, their notes still on their way to the record. */
      told?: Pick<ToldPositions, 'has'> | undefined;
    },
    private readonly tuning: AdmitTuning = DEFAULT_ADMIT_TUNING,
  ) {}

  /** Returns how many users this call admitted or closed out. */
  async execute(limit = 50): Promise<number> {
    let moved = 0;
    for (const id of await this.d.queues.active(limit)) {
      const drop = await this.d.drops.findById(id);
      if (!drop) continue;
      moved += await this.step(drop);
      // Apart from the admission, which holds the drop's row: orders need it too. Nobody hears
      // their place more than once a second, so the line is read for that once a second at most;
      // not at all in a line being closed, whose users hear `queue.closed` next.
      const now = this.d.clock.now();
      const due = now - (this.toldAt.get(id) ?? -Infinity) >= this.tuning.positionGapMs;
      if (due && !this.closing.has(id)) {
        if (await this.d.uow.run((tx) => this.tellPositions(tx, drop, now))) this.toldAt.set(id, now);
        if (this.toldAt.size > 1_000) this.toldAt.clear();
      }
      if (this.closing.size > 1_000) this.closing.clear();
      await this.refreshLine(drop.id).catch(() => undefined);
    }
    return moved;
  }

  /** When this instance last told a drop's waiting users their places. */
  private readonly toldAt = new Map<string, number>();

  /** Drops whose line this instance is closing a slice at a time (under pressure). */
  private readonly closing = new Set<string>();

  /** Users admitted or closed out by this instance's last step, per drop, for the fast copy of the line. */
  private readonly left = new Map<string, string[]>();

  /**
   * Keeps the fast copy of the line (positions) in step with the record: users who left it
   * are removed after each step; a copy that is missing (Redis restarted) or old is rebuilt.
   */
  private async refreshLine(dropId: string): Promise<void> {
    const line = this.d.queueLine;
    if (!line) return;
    const left = this.left.get(dropId) ?? [];
    this.left.delete(dropId);
    if (left.length) await line.left(dropId, left);
    if (!(await line.stale(dropId))) return;
    await rebuildLine(line, this.d.uow, dropId);
  }

  private step(drop: Drop): Promise<number> {
    const now = this.d.clock.now();
    const next = () => this.d.ids.next();
    return this.d.uow.run(async (tx) => {
      const stock = await tx.queues.lockStock(drop.id);
      if (!stock) return 0;
      // Under the drop's lock, so no order commits in between: the passes left unspent by a dead instance.
      await tx.queues.spendOrdered(drop.id, now);
      const fresh = { ...drop, ...stock };
      if (closed(fresh, now)) {
        // Under pressure a few hundred a step: the joins being answered come before the notes of a
        // sell-out (thousands at a celebrity's), which would otherwise hold the event loop for them.
        const slice = this.d.pressure?.high() ? this.tuning.pressedClosing : undefined;
        const out = await tx.queues.closeWaiting(drop.id, slice);
        await tx.outbox.append(out.map((u) => closedEvent(drop, u, now, next())));
        this.left.set(drop.id, out);
        if (slice !== undefined && out.length === slice) this.closing.add(drop.id);
        else this.closing.delete(drop.id);
        return out.length;
      }
      const room = fresh.total - fresh.sold + heldUnits(fresh) - (await tx.queues.livePasses(drop.id, now));
      const admitted = room > 0 ? await this.admit(tx, drop, Math.min(room, this.tuning.batch), now) : 0;
      return admitted;
    });
  }

  private async admit(tx: TxContext, drop: Drop, n: number, now: number): Promise<number> {
    const expiresAt =
      now + 1000 * (drop.checkout === 'pay' ? (drop.holdSeconds ?? INSTANT_PASS_SECONDS) : INSTANT_PASS_SECONDS);
    const grants = (await tx.queues.line(drop.id, n)).map((w) => ({
      userId: w.userId,
      pass: `qp_${toHex(this.d.digests.randomSeed())}`,
    }));
    const admitted = new Set(await tx.queues.admit(drop.id, grants, expiresAt, now));
    const events: DomainEvent[] = grants
      .filter((g) => admitted.has(g.userId))
      .map((g) => admittedEvent(drop, g.userId, g.pass, expiresAt, now, this.d.ids.next()));
    await tx.outbox.append(events);
    if (events.length) this.d.observer?.admitted?.(events.map(() => now - drop.startsAt));
    this.left.set(
      drop.id,
      events.map((e) => e.userId!),
    );
    return events.length;
  }

  /**
   * `queue.position` to waiting users whose place or ETA moved enough, at most once a second
   * each; false when nobody is in line. While the instance is behind on its requests (a start's
   * joins), those who know their place hear it move at most every `pressedGapMs`: a first place
   * and the answer to a join come before an update.
   */
  private async tellPositions(tx: TxContext, drop: Drop, now: number): Promise<boolean> {
    const t = this.tuning;
    const line = await tx.queues.line(drop.id, t.positionsPerStep);
    if (line.length === 0) return false;
    const pace = await admissionPace(this.d.queues, drop.id, now);
    const updateGapMs = this.d.pressure?.high() ? t.pressedGapMs : t.positionGapMs;
    const skip = (userId: string) => this.d.told?.has(drop.id, userId) ?? false;
    const notes = placesToTell(line, { pace, now, updateGapMs, skip }, t);
    if (notes.length === 0) return true;
    const told = new Set(await tx.queues.notePositions(drop.id, notes, now, t.positionGapMs));
    await tx.outbox.append(
      notes
        .filter((n) => told.has(n.userId))
        .map((n) => positionEvent(drop, n.userId, n.position, n.eta, now, this.d.ids.next())),
    );
    return true;
  }
}
