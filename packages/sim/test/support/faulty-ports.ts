import type { Inventory, Ports, ReserveResult, TxContext } from '@livedrops/core';

/** Swaps what a unit of work hands its work (test-only, through createContainer's decoratePorts). */
function withTx(ports: Ports, change: (tx: TxContext) => TxContext): Ports {
  return { ...ports, uow: { run: (work) => ports.uow.run((tx) => work(change(tx))) } };
}

/**
 * TEST ONLY: an inventory with a check-then-act race. Requests in flight together share one
 * stock reading (refreshed every `refreshMs`) and trust it over the authority: when the
 * conditional update refuses for lack of stock but the shared reading still showed units,
 * the order is confirmed anyway. One request at a time it is correct; a rush oversells.
 */
export function oversellingInventory(refreshMs = 300): (ports: Ports) => Ports {
  const readings = new Map<string, { at: number; available: number }>();
  // No sold-out memo in front: it would repeat this inventory's own "sold out" and hide the
  // race after the first rush, which is not what a checker test wants to depend on.
  return (ports) =>
    withTx({ ...ports, gate: undefined }, (tx) => {
      const racy: Inventory = {
        async reserve(r): Promise<ReserveResult> {
          let seen = readings.get(r.dropId);
          if (!seen || Date.now() - seen.at > refreshMs) {
            const d = await ports.drops.findById(r.dropId);
            readings.set(r.dropId, (seen = { at: Date.now(), available: d ? d.total - d.sold : 0 }));
          }
          const real = await tx.inventory.reserve(r);
          if (real.ok || (real.reason !== 'sold_out' && real.reason !== 'insufficient_stock')) return real;
          const d = await ports.drops.findById(r.dropId);
          return seen.available >= r.quantity && d ? { ok: true, sold: d.sold, total: d.total } : real;
        },
      };
      return { ...tx, inventory: racy };
    });
}

/** TEST ONLY: a server that loses every `order.confirmed` before it reaches the outbox. */
export function losingOrderNotifications(): (ports: Ports) => Ports {
  return (ports) =>
    withTx(ports, (tx) => ({
      ...tx,
      outbox: { append: (events) => tx.outbox.append(events.filter((e) => e.type !== 'order.confirmed')) },
    }));
}

/** TEST ONLY: an expiry that gives a hold's units back twice (the double release a missing condition makes). */
export function doubleReleasingExpiry(): (ports: Ports) => Ports {
  return (ports) =>
    withTx(ports, (tx) => ({
      ...tx,
      holds: {
        ...tx.holds,
        async giveBack(hold) {
          await tx.holds.giveBack(hold);
          return tx.holds.giveBack(hold);
        },
      },
    }));
}

/**
 * TEST ONLY: a confirm that ignores the hold's deadline (and an expiry loop that never runs, so
 * a late payment finds the hold still `held`): a payment made after expiresAt confirms the order.
 */
export function confirmingExpiredHolds(): (ports: Ports) => Ports {
  const far = 365 * 86_400_000;
  return (ports) => {
    const deadlines = new Map<string, number>();
    const lying: Ports = {
      ...ports,
      holds: { ...ports.holds, due: async () => [] },
      orders: {
        ...ports.orders,
        async findById(id) {
          const o = await ports.orders.findById(id);
          if (o?.status === 'held' && o.expiresAt != null) deadlines.set(id, o.expiresAt);
          return o?.status === 'held' && o.expiresAt != null ? { ...o, expiresAt: o.expiresAt + far } : o;
        },
      },
    };
    return withTx(lying, (tx) => ({
      ...tx,
      holds: { ...tx.holds, confirm: (id, paymentId) => tx.holds.confirm(id, paymentId, (deadlines.get(id) ?? 1) - 1) },
    }));
  };
}
