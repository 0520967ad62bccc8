import type { User } from '../accounts/user.js';
import { available, dropStatus, heldUnits, type Drop, type DropStatus } from '../drops/drop.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { EventType } from '../notifications/notification.js';
import type { Clock } from '../shared/clock.port.js';
import { ForbiddenError, NotFoundError } from '../shared/domain-error.js';
import type { DropActivity } from './drop-activity.port.js';

/** The window `ordersPerSecond` is measured over (shorter while the drop is younger). */
export const RATE_WINDOW_MS = 10_000;

export interface DeliveryTiming {
  type: EventType;
  /** The moment the event is about: the drop's start for `drop.started`, else the commit. */
  triggeredAt: number;
  publishedAt: number | null;
  /** publishedAt − triggeredAt; null while the event waits in the outbox. */
  lagMs: number | null;
}

/** A drop's live figures, for its creator (api.md, `GET /v1/drops/{id}/stats`). */
export interface DropStatsView {
  drop: Drop;
  status: DropStatus;
  at: number;
  units: { total: number; sold: number; held: number; left: number };
  orders: { count: number; buyers: number; perSecond: number; averagePerSecond: number };
  soldOutAt: number | null;
  timeToSellOutMs: number | null;
  deliveries: DeliveryTiming[];
  /** The largest lag so far; a pending event counts with its age. */
  maxLagMs: number | null;
  /** Null until `drop.started` has gone out (nobody was notified yet). */
  conversion: { notified: number; buyers: number; rate: number | null } | null;
}

const perSecond = (n: number, ms: number): number => (ms > 0 ? Math.round((n / (ms / 1000)) * 100) / 100 : 0);

/** Reading a drop's figures: only its creator may. */
export class DropStats {
  constructor(private readonly d: { drops: DropRepository; activity: DropActivity; clock: Clock }) {}

  async of(actor: User, dropId: string): Promise<DropStatsView> {
    const drop = await this.d.drops.findById(dropId);
    if (!drop) throw new NotFoundError('Drop');
    // Drops are public, so saying it exists reveals nothing: the figures are what is private.
    if (drop.creatorId !== actor.id) throw new ForbiddenError("Only the drop's creator may read its figures");
    const now = this.d.clock.now();
    const windowStart = Math.max(drop.startsAt, now - RATE_WINDOW_MS);
    const [orders, events] = await Promise.all([
      this.d.activity.orders(drop.id, windowStart),
      this.d.activity.followerEvents(drop.id),
    ]);
    const started = events.find((e) => e.type === 'drop.started');
    const audience = started ? await this.d.activity.audience(drop.id, drop.creatorId, started.createdAt) : null;
    const soldOutAt = drop.sold >= drop.total ? orders.lastAt : null;
    // The average runs over the time the drop was open to orders: from its start until it sold out, ended or now.
    const closedAt = Math.min(soldOutAt ?? Infinity, drop.cancelledAt ?? Infinity, drop.endsAt, now);
    // `drop.started` is due at the start, or at once for a drop scheduled to start in the past.
    const due = Math.max(drop.startsAt, drop.createdAt);
    const deliveries = events.map((e) => timing(e.type, e.type === 'drop.started' ? due : e.createdAt, e.publishedAt));
    const lags = deliveries.map((t) => t.lagMs ?? Math.max(0, now - t.triggeredAt));
    return {
      drop,
      status: dropStatus(drop, now),
      at: now,
      // On pay drops `sold` counts open holds too; the figures show them apart.
      units: { total: drop.total, sold: drop.sold - heldUnits(drop), held: heldUnits(drop), left: available(drop) },
      orders: {
        count: orders.count,
        buyers: orders.buyers,
        perSecond: perSecond(orders.countSince, Math.min(now, closedAt) - windowStart),
        averagePerSecond: perSecond(orders.count, closedAt - drop.startsAt),
      },
      soldOutAt,
      timeToSellOutMs: soldOutAt === null ? null : Math.max(0, soldOutAt - drop.startsAt),
      deliveries,
      maxLagMs: lags.length ? Math.max(...lags) : null,
      conversion: audience && {
        ...audience,
        rate: audience.notified > 0 ? Math.round((audience.buyers / audience.notified) * 10_000) / 10_000 : null,
      },
    };
  }
}

function timing(type: EventType, triggeredAt: number, publishedAt: number | null): DeliveryTiming {
  return {
    type,
    triggeredAt,
    publishedAt,
    lagMs: publishedAt === null ? null : Math.max(0, publishedAt - triggeredAt),
  };
}
