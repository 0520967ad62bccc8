import type { TxContext, UnitOfWork } from '@livedrops/core';

/**
 * Calls `onEvents` after a unit of work that appended outbox rows has committed, so the
 * relay publishes them at once instead of at its next poll. Only after the commit: a
 * nudge for rows still invisible to the relay would find nothing.
 */
export function signallingUnitOfWork(uow: UnitOfWork, onEvents: () => void): UnitOfWork {
  return {
    async run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
      let wrote = false;
      const result = await uow.run((tx) =>
        work({
          ...tx,
          outbox: {
            append: (events) => {
              if (events.length > 0) wrote = true;
              return tx.outbox.append(events);
            },
          },
        }),
      );
      if (wrote) onEvents();
      return result;
    },
  };
}
