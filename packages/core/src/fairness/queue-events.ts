import type { Drop } from '../drops/drop.js';
import type { DomainEvent, EventType } from '../notifications/notification.js';

type EventDrop = Pick<Drop, 'id' | 'creatorId' | 'productTitle'>;
const iso = (ms: number): string => new Date(ms).toISOString();

function toUser(
  type: EventType,
  id: string,
  drop: EventDrop,
  userId: string,
  at: number,
  data: Record<string, unknown>,
): DomainEvent {
  return {
    id,
    type,
    dropId: drop.id,
    creatorId: drop.creatorId,
    userId,
    createdAt: at,
    data: { dropId: drop.id, productTitle: drop.productTitle, ...data },
  };
}

/** `queue.position`: where the user stands and how long until admission (null while the pace is unknown). */
export const positionEvent = (
  drop: EventDrop,
  userId: string,
  position: number,
  etaSeconds: number | null,
  at: number,
  id: string,
) => toUser('queue.position', id, drop, userId, at, { position, etaSeconds });

/** `queue.admitted`: the user's pass, to order with before `passExpiresAt`. */
export const admittedEvent = (
  drop: EventDrop,
  userId: string,
  pass: string,
  expiresAt: number,
  at: number,
  id: string,
) => toUser('queue.admitted', id, drop, userId, at, { pass, passExpiresAt: iso(expiresAt) });

/** `queue.closed`: the drop sold out (or ended) while the user waited. */
export const closedEvent = (drop: EventDrop, userId: string, at: number, id: string) =>
  toUser('queue.closed', id, drop, userId, at, {});
