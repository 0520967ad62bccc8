import type { Drop } from '../drops/drop.js';
import type { DomainEvent } from '../notifications/notification.js';
import type { Order } from '../orders/order.js';

/**
 * One user's entry in a draw. `rank`: place in the drawn order; `grantedAt`: when it won (a hold,
 * or the right to order).
 */
export interface DrawEntry {
  id: string;
  dropId: string;
  userId: string;
  enteredAt: number;
  rank: number | null;
  grantedAt: number | null;
}

export interface DrawRepository {
  /**
   * Adds the entry unless the user already has one in that draw (answers the stored entry
   * then), atomically with a check that the draw's shuffle is not claimed: after the claim it
   * throws EntriesClosedError, so the shuffle sees every entry that was accepted.
   */
  enter(entry: DrawEntry): Promise<{ entry: DrawEntry; created: boolean }>;
  find(dropId: string, userId: string): Promise<DrawEntry | null>;
}

/** In a unit of work: the draw's ranks and grants. */
export interface DrawWriter {
  /** Every entrant's user id, read inside the shuffle's transaction (after its claim). */
  entrants(dropId: string): Promise<string[]>;
  /** Stores each entrant's place in the drawn order (`order[i]` gets rank i). */
  rank(dropId: string, order: readonly string[]): Promise<void>;
  /** Up to `limit` ranked entries not yet granted, in rank order: the next in line. */
  nextUngranted(dropId: string, limit: number): Promise<DrawEntry[]>;
  markGranted(dropId: string, userId: string, at: number): Promise<void>;
}

type EventDrop = Pick<Drop, 'id' | 'creatorId' | 'productTitle'>;
const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/** `draw.won`: with the hold to pay for on pay drops; on instant drops the right to order once the drop is live. */
export function drawWonEvent(drop: EventDrop, userId: string, at: number, hold: Order | null, id: string): DomainEvent {
  const data = {
    dropId: drop.id,
    productTitle: drop.productTitle,
    ...(hold ? { orderId: hold.id, expiresAt: iso(hold.expiresAt) } : {}),
  };
  return { id, type: 'draw.won', dropId: drop.id, creatorId: drop.creatorId, userId, createdAt: at, data };
}

/** `draw.lost`: not among the winners at the draw (a winner's lapsed hold may still pass to them: `draw.won`). */
export function drawLostEvent(drop: EventDrop, userId: string, at: number, id: string): DomainEvent {
  return {
    id,
    type: 'draw.lost',
    dropId: drop.id,
    creatorId: drop.creatorId,
    userId,
    createdAt: at,
    data: { dropId: drop.id, productTitle: drop.productTitle },
  };
}
