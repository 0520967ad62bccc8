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
    withTx(ports, (tx) => ({ ...tx, outbox: { append: (events) => tx.outbox.append(events.filter((e) => e.type !== 'order.confirmed')) } }));
}
