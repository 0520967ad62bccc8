import type {
  DomainEvent,
  DrawEntry,
  IdempotencyRecord,
  NewDrop,
  Order,
  Payment,
  Product,
  QueueEntry,
  Shuffle,
  User,
} from '@livedrops/core';

export interface DropRow extends NewDrop {
  sold: number;
  returned: number;
  paid: number;
  /** Stock line events that fired: 1 low, 2 sold out. */
  linesFired: number;
  cancelledAt: number | null;
  startedAt: number | null;
  /** When the drop's shuffle was published; null before (or never, on open drops). */
  shuffledAt: number | null;
}

export interface QueueEntryRow extends QueueEntry {
  toldPosition: number | null;
  toldEta: number | null;
  toldAt: number | null;
  spentAt: number | null;
}

/** One user's entry in a draw, as stored. */
export type DrawEntryRow = DrawEntry;

/** An order as stored: the payment is referred to by id (joined on read). */
export interface OrderRow extends Omit<Order, 'payment'> {
  paymentId: string | null;
  endedAt: number | null;
}

export interface OutboxRow {
  seq: number;
  event: DomainEvent;
  publishedAt: number | null;
}

/**
 * The memory engine's tables. Repositories share one store so a unit of work can
 * span them; tests read it directly as the "raw state" behind the adapters.
 */
export class MemoryStore {
  users = new Map<string, { user: User; passwordHash: string; followerCount: number }>();
  userIdByHandle = new Map<string, string>();
  sessions = new Map<string, { userId: string; createdAt: number; revokedAt: number | null }>();
  /** creatorId → followerId → followedAt */
  followers = new Map<string, Map<string, number>>();
  /** followerId → creatorId → followedAt */
  following = new Map<string, Map<string, number>>();
  products = new Map<string, Product>();
  drops = new Map<string, DropRow>();
  /** dropId → secret seed (hex); dropId → published shuffle */
  seeds = new Map<string, string>();
  shuffles = new Map<string, Shuffle>();
  /** dropId → userId → entry */
  drawEntries = new Map<string, Map<string, DrawEntryRow>>();
  /** dropId → userId → waiting-room entry, with what the user was last told of their position */
  queues = new Map<string, Map<string, QueueEntryRow>>();
  /** `${dropId}\0${userId}` → confirmed quantity */
  tallies = new Map<string, number>();
  orders = new Map<string, OrderRow>();
  payments = new Map<string, Payment>();
  /** dropId → userId → joinedAt */
  waitlist = new Map<string, Map<string, number>>();
  idempotency = new Map<string, IdempotencyRecord>();
  outbox: OutboxRow[] = [];
  nextSeq = 1;
}

export const tallyKey = (dropId: string, userId: string): string => `${dropId}\u0000${userId}`;
export const idemKey = (userId: string, key: string): string => `${userId}\u0000${key}`;
