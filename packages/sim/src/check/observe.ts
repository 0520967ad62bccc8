import type { Api } from '../client/api.js';
import type { ObservedDrop, ObservedNotification, ObservedOrder } from '../history/observed.js';
import type { PlannedDrop } from '../setup/world.js';

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Each drop as GET /v1/drops/{id} shows it now. */
export async function observeDrops(api: Api, drops: PlannedDrop[]): Promise<ObservedDrop[]> {
  const out: ObservedDrop[] = [];
  await pool(drops, 8, async (p) => {
    const d = await api.getDrop(p.id);
    out.push({
      id: d.id,
      creatorId: d.creatorId,
      total: d.stock.total,
      available: d.stock.available,
      status: d.status,
      startsAt: Date.parse(d.startsAt),
      endsAt: Date.parse(d.endsAt),
    });
  });
  return out;
}

/** Every order of each user in the simulator's drops, walking GET /v1/me/orders to the end. */
export async function observeOrders(
  api: Api,
  users: Array<{ userId: string; token: string }>,
  dropIds: Set<string>,
): Promise<Record<string, ObservedOrder[]>> {
  const out: Record<string, ObservedOrder[]> = {};
  await pool(users, 16, async (u) => {
    const all = await api.all<{ id: string; userId: string; dropId: string; quantity: number; createdAt: string }>(
      '/v1/me/orders',
      u.token,
    );
    out[u.userId] = all
      .filter((o) => dropIds.has(o.dropId))
      .map((o) => ({
        id: o.id,
        userId: o.userId,
        dropId: o.dropId,
        quantity: o.quantity,
        createdAt: Date.parse(o.createdAt),
      }));
  });
  return out;
}

/** Each user's inbox (GET /v1/me/notifications, every page), restricted to the simulator's drops. */
export async function observeInboxes(
  api: Api,
  users: Array<{ userId: string; token: string }>,
  dropIds: Set<string>,
): Promise<Record<string, ObservedNotification[]>> {
  const out: Record<string, ObservedNotification[]> = {};
  await pool(users, 16, async (u) => {
    const all = await api.all<{
      id: string;
      type: string;
      createdAt: string;
      data: { dropId?: string; orderId?: string };
    }>('/v1/me/notifications', u.token);
    out[u.userId] = all
      .filter((n) => n.data.dropId !== undefined && dropIds.has(n.data.dropId))
      .map((n) => ({
        id: n.id,
        type: n.type,
        dropId: n.data.dropId,
        orderId: n.data.orderId,
        createdAt: Date.parse(n.createdAt),
      }));
  });
  return out;
}
