import type { UserRepository } from '../accounts/user-repository.port.js';
import type { TxContext, UnitOfWork } from '../shared/unit-of-work.port.js';
import { isFollowerEvent, type DomainEvent, type FanoutMode } from './notification.js';

/**
 * The hybrid fan-out policy. Writing one inbox row per follower is cheap for ordinary
 * creators and makes reads trivial; for a creator with a million followers it would take
 * seconds and a million rows per event, so their events are merged into each follower's
 * inbox at query time instead (and pushed to live streams straight from the event).
 */
export function fanoutModeFor(followerCount: number, celebrityFollowers: number): FanoutMode {
  return followerCount >= celebrityFollowers ? 'read' : 'write';
}

/**
 * Wraps a unit of work so every follower event appended inside it is stamped with its
 * fan-out mode, read from the creator's follower counter in the same transaction. Use
 * cases (PlaceOrder, StartDueDrops) stay unaware of fan-out; the decision is made exactly
 * once, when the row is written, whoever writes it.
 */
export function classifyingUnitOfWork(
  uow: UnitOfWork,
  users: Pick<UserRepository, 'findCreator'>,
  celebrityFollowers: number,
): UnitOfWork {
  const classify = async (events: DomainEvent[]): Promise<DomainEvent[]> => {
    const modes = new Map<string, FanoutMode>();
    const out: DomainEvent[] = [];
    for (const e of events) {
      if (!isFollowerEvent(e) || e.fanout !== undefined) {
        out.push(e);
        continue;
      }
      let mode = modes.get(e.creatorId);
      if (mode === undefined) {
        const creator = await users.findCreator(e.creatorId);
        mode = fanoutModeFor(creator?.followerCount ?? 0, celebrityFollowers);
        modes.set(e.creatorId, mode);
      }
      out.push({ ...e, fanout: mode });
    }
    return out;
  };
  return {
    run: <T>(work: (tx: TxContext) => Promise<T>): Promise<T> =>
      uow.run((tx) => work({ ...tx, outbox: { append: async (events) => tx.outbox.append(await classify(events)) } })),
  };
}
