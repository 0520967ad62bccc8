/** The API's JSON shapes the app reads (docs/api.md; `/openapi.json` is the full contract). */
export interface User {
  id: string;
  handle: string;
  displayName: string;
  isCreator: boolean;
  createdAt: string;
}

export interface ImageJson {
  url: string;
  width: number;
  height: number;
  variants: Record<string, string>;
}

export type DropStatus = 'upcoming' | 'live' | 'sold_out' | 'ended' | 'cancelled';

export interface Drop {
  id: string;
  creatorId: string;
  creator: { id: string; handle: string; displayName: string };
  product: {
    id: string;
    title: string;
    priceCents: number;
    currency: string;
    imageUrl: string | null;
    image: ImageJson | null;
  };
  startsAt: string;
  endsAt: string;
  status: DropStatus;
  /** `held` only on pay drops: units in unpaid holds. */
  stock: { total: number; available: number; held?: number };
  perUserLimit: number | null;
  lowStockThreshold: number;
  createdAt: string;
  /** Absent on instant drops (api.md, Checkout); `pay` drops hold an order until it is paid. */
  checkout?: 'instant' | 'pay';
  holdSeconds?: number;
  /** Fair access (api.md): absent on open drops; a waiting room or a draw decides who may buy. */
  access?: 'queue' | 'draw';
  followersFirstUntil?: string;
  entriesOpenAt?: string;
  entriesCloseAt?: string;
  fairness?: { commitment: string };
}

/** One's place in a drop's waiting room (`GET /v1/drops/{id}/queue`). */
export interface QueuePlace {
  state: 'waiting' | 'admitted' | 'closed';
  /** 1-based; null before the start (places are drawn then) and once out of the line. */
  position: number | null;
  etaSeconds: number | null;
  pass?: string;
  passExpiresAt?: string;
}

/** A queue or draw drop's verifiable shuffle (`GET /v1/drops/{id}/fairness`). */
export interface Fairness {
  commitment: string;
  algorithm: string;
  seed: string | null;
  shuffledAt?: string;
}

export interface Product {
  id: string;
  creatorId: string;
  title: string;
  description: string | null;
  priceCents: number;
  currency: string;
  createdAt: string;
  image: ImageJson | null;
}

export interface Order {
  id: string;
  dropId: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  currency: string;
  status: OrderStatus;
  createdAt: string;
  /** A pay drop's hold deadline (kept after it passes); absent on instant orders. */
  expiresAt?: string | null;
  payment?: { id: string; status: 'captured' | 'authorized'; amountCents: number; currency: string } | null;
}

export type OrderStatus = 'held' | 'confirmed' | 'cancelled' | 'expired';

export interface Notification {
  id: string;
  type: string;
  createdAt: string;
  data: {
    dropId?: string;
    productTitle?: string;
    available?: number;
    orderId?: string;
    quantity?: number;
    creatorId?: string;
    expiresAt?: string | null;
    position?: number;
    etaSeconds?: number | null;
    pass?: string;
    passExpiresAt?: string;
  };
}

export interface Creator {
  id: string;
  handle: string;
  displayName: string;
  followerCount: number;
  createdAt: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface DropStats {
  dropId: string;
  status: DropStatus;
  at: string;
  units: { total: number; sold: number; held: number; left: number };
  orders: { count: number; buyers: number; perSecond: number; averagePerSecond: number };
  soldOutAt: string | null;
  timeToSellOutMs: number | null;
  notifications: {
    deliveries: Array<{ type: string; triggeredAt: string; deliveredAt: string | null; lagMs: number | null }>;
    maxLagMs: number | null;
  };
  conversion: { notifiedFollowers: number; buyers: number; rate: number | null } | null;
}
