import type { Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { Order } from '../orders/order.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { TxContext, UnitOfWork } from '../shared/unit-of-work.port.js';
import { grantHold, heldOrder } from '../holds/grant-hold.js';
import { accessOf } from './access.js';
import { drawLostEvent, drawWonEvent } from './draws.js';
import type { FairnessCrypto } from './fairness-digests.port.js';
import type { FairnessRepository } from './fairness.js';
import { rebuildLine, type QueueLine } from './queue-line.port.js';
import { fairShuffle } from './shuffle.js';

export interface RunDueShufflesDeps {
  drops: Pick<DropRepository, 'findById'>;
  fairness: FairnessRepository;
  digests: FairnessCrypto;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  queueLine?: QueueLine | undefined;
}

/**
 * The shuffle loop's step: draws every draw whose entries have closed, and orders the
 * pre-queue of every waiting room that has started (also those due while no server ran).
 * Exactly once per drop however many instances run it, by the drop scheduler's technique:
 * the conditional claim of the drop's shuffle, the published order, the ranks, the winners'
 * holds and every `draw.won` / `draw.lost` commit together,
 * so only the instance whose claim flipped `shuffled_at` wrote anything. The entrants are
 * read inside that transaction, after the claim, and an entry only commits while the drop is
 * unclaimed, so no entry can slip in beside a shuffle that did not see it.
 */
export class RunDueShuffles {
  constructor(private readonly d: RunDueShufflesDeps) {}

  /** Shuffles up to `limit` due drops; returns how many this call shuffled. */
  async execute(limit = 20): Promise<number> {
    const now = this.d.clock.now();
    let done = 0;
    for (const id of await this.d.fairness.dueShuffles(now, limit)) {
      const [drop, seed] = await Promise.all([this.d.drops.findById(id), this.d.fairness.seedOf(id)]);
      if (!drop || !seed) continue;
      if (await (accessOf(drop) === 'draw' ? this.draw(drop, seed, now) : this.startQueue(drop, seed, now))) done++;
    }
    return done;
  }

  /** Milliseconds until the next shuffle falls due (a waiting room's start, a draw's close); null if none is pending. */
  async nextDueIn(): Promise<number | null> {
    const at = await this.d.fairness.nextShuffleAt();
    return at === null ? null : at - this.d.clock.now();
  }

  /**
   * A waiting room's start: everyone who joined before it is placed in the drawn order, ahead
   * of later arrivals. The fast copy of the line is built from that order at once: until it
   * exists every position read counts its way through the record, and at a celebrity's start
   * that is thousands of users asking in the same second.
   */
  private async startQueue(drop: Drop, seed: string, now: number): Promise<boolean> {
    const line = await this.d.uow.run(async (tx) => {
      if (!(await tx.fairness.claim(drop.id, now))) return null;
      const order = fairShuffle(this.d.digests, seed, await tx.queues.preQueue(drop.id));
      await tx.fairness.record({ dropId: drop.id, seed, order, shuffledAt: now });
      await tx.queues.rankPreQueue(drop.id, order);
      // The drawn order, then whoever arrived after the start and before this shuffle, read
      // here so that the copy is built the moment this commits (arrivals do not wait for the
      // drop's row the claim holds; only pre-queue joins still arriving do).
      return this.d.queueLine ? await tx.queues.line(drop.id, Number.MAX_SAFE_INTEGER) : [];
    });
    if (line === null) return false;
    if (this.d.queueLine) {
      const first = line.map((w) => w.userId);
      await rebuildLine(this.d.queueLine, this.d.uow, drop.id, first).catch(() => undefined);
    }
    return true;
  }

  private draw(drop: Drop, seed: string, now: number): Promise<boolean> {
    return this.d.uow.run(async (tx) => {
      if (!(await tx.fairness.claim(drop.id, now))) return false;
      const order = fairShuffle(this.d.digests, seed, await tx.draws.entrants(drop.id));
      await tx.fairness.record({ dropId: drop.id, seed, order, shuffledAt: now });
      await tx.draws.rank(drop.id, order);
      const next = () => this.d.ids.next();
      const winners = new Set((await grantWinners(tx, drop, order, drop.total, now, next)).map((w) => w.userId));
      await tx.outbox.append(order.filter((u) => !winners.has(u)).map((u) => drawLostEvent(drop, u, now, next())));
      return true;
    });
  }
}

/**
 * Gives up to `max` of `userIds` (in draw order) their win: on pay drops a hold of one unit
 * (the same conditional take as any order, so stock and limits hold; users at their limit
 * are passed over), on instant drops the right to order. Marks each granted entry and writes
 * its `draw.won`. Returns the winners, with their holds.
 */
export async function grantWinners(
  tx: TxContext,
  drop: Drop,
  userIds: readonly string[],
  max: number,
  now: number,
  nextId: () => string,
): Promise<Array<{ userId: string; hold: Order | null }>> {
  const won: Array<{ userId: string; hold: Order | null }> = [];
  const events: DomainEvent[] = [];
  for (const userId of userIds) {
    if (won.length >= max) break;
    let hold: Order | null = null;
    if (drop.checkout === 'pay') {
      const granted = await grantHold(tx, heldOrder(nextId(), userId, drop, 1, now), drop);
      if (!granted.ok) {
        if (granted.reason === 'purchase_limit_exceeded') continue;
        break; // nothing left to hold
      }
      hold = granted.order;
    }
    await tx.draws.markGranted(drop.id, userId, now);
    won.push({ userId, hold });
    events.push(drawWonEvent(drop, userId, now, hold, nextId()));
  }
  await tx.outbox.append(events);
  return won;
}
