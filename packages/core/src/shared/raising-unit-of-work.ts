import { cacheKeys, type ReadCache } from './read-cache.port.js';
import type { TxContext, UnitOfWork } from './unit-of-work.port.js';

/**
 * Raises a drop's cached counters from inside the order's transaction, right after the
 * conditional update, and settles the raise once the unit of work has ended. A unit that
 * runs its work again (a retried deadlock) withdraws the raises of the attempt that
 * rolled back, so only the attempt that committed leaves its mark, as a floor set before
 * the unit returns. A unit that failed
 * may still have committed (the connection died during COMMIT, and a retry of the same
 * key will replay that order): its raise is settled as unknown, never withdrawn.
 */
export function raisingUnitOfWork(uow: UnitOfWork, cache: ReadCache): UnitOfWork {
  return {
    async run<T>(work: (tx: TxContext) => Promise<T>): Promise<T> {
      let raised: Array<(committed: boolean | undefined) => Promise<void>> = [];
      const settle = (list: typeof raised, committed: boolean | undefined) =>
        Promise.all(list.map((s) => s(committed).catch(() => undefined)));
      let committed: boolean | undefined;
      try {
        const result = await uow.run((tx) => {
          void settle(raised, false);
          raised = [];
          const raise = async (dropId: string, field: 'drawn' | 'returned' | 'paid', value: number) =>
            void raised.push(await cache.raise(cacheKeys.drop(dropId), field, value));
          const reserve: TxContext['inventory']['reserve'] = async (request) => {
            const r = await tx.inventory.reserve(request);
            if (r.ok) await raise(request.dropId, 'drawn', r.sold + (r.returned ?? 0));
            return r;
          };
          const holds: TxContext['holds'] = {
            end: (id, to, now) => tx.holds.end(id, to, now),
            async giveBack(hold) {
              const c = await tx.holds.giveBack(hold);
              await raise(hold.dropId, 'returned', c.returned);
              return c;
            },
            async confirm(id, paymentId, now) {
              const r = await tx.holds.confirm(id, paymentId, now);
              if (r) await raise(r.order.dropId, 'paid', r.counters.paid);
              return r;
            },
          };
          return work({ ...tx, inventory: { reserve }, holds });
        });
        committed = true;
        return result;
      } finally {
        // A committed raise is a floor before the order is answered (Redis may have lost its marker).
        if (committed) await settle(raised, true);
        else void settle(raised, committed);
      }
    },
  };
}
