import { available, type Drop } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import { dropEventData } from '../orders/order-events.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { UnitOfWork } from '../shared/unit-of-work.port.js';
import type { DomainEvent } from './notification.js';

/**
 * The drop scheduler's step: fires `drop.started` for every drop whose start has passed,
 * including drops that became due while no server ran. Exactly once per drop however many
 * instances run it: the conditional `markStarted` and the outbox row commit together, so
 * the instance whose update flipped `started_at` is the only one that wrote the event.
 */
export class StartDueDrops {
  constructor(private readonly d: { drops: DropRepository; uow: UnitOfWork; clock: Clock; ids: IdGenerator }) {}

  /** Fires up to `limit` due drops; returns how many this call fired (others may have won some). */
  async execute(limit = 100): Promise<number> {
    const now = this.d.clock.now();
    const due = await this.d.drops.dueToStart(now, limit);
    let fired = 0;
    for (const drop of due) if (await this.fire(drop, now)) fired++;
    return fired;
  }

  private fire(drop: Drop, now: number): Promise<boolean> {
    return this.d.uow.run(async (tx) => {
      if (!(await tx.drops.markStarted(drop.id, now))) return false;
      const event: DomainEvent = {
        id: this.d.ids.next(),
        type: 'drop.started',
        dropId: drop.id,
        creatorId: drop.creatorId,
        userId: null,
        data: dropEventData(drop, available(drop)),
        createdAt: now,
      };
      await tx.outbox.append([event]);
      return true;
    });
  }
}
