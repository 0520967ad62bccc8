import {
  imageFromText,
  type AccessFields,
  type Drop,
  type DomainEvent,
  type EventType,
  type Order,
  type OrderStatus,
  type Payment,
  type PaymentStatus,
  type Product,
  type User,
  type UserSummary,
} from '@livedrops/core';

// Row shapes as the engines return them. Numbers go through Number() because Postgres
// returns bigint columns as strings, and SQLite booleans come back as 0/1.

export type Row = Record<string, unknown>;

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string => String(v);

export function toUser(r: Row): User {
  return {
    id: str(r.id),
    handle: str(r.handle),
    displayName: str(r.display_name),
    isCreator: Boolean(r.is_creator),
    createdAt: num(r.created_at),
  };
}

export function toSummary(r: Row, prefix = ''): UserSummary {
  return { id: str(r[`${prefix}id`]), handle: str(r[`${prefix}handle`]), displayName: str(r[`${prefix}display_name`]) };
}

export function toProduct(r: Row): Product {
  return {
    id: str(r.id),
    creatorId: str(r.creator_id),
    title: str(r.title),
    description: r.description === null || r.description === undefined ? null : str(r.description),
    priceCents: num(r.price_cents),
    currency: str(r.currency),
    createdAt: num(r.created_at),
    image: imageFromText(r.image),
  };
}

/** A drops row joined with its product's current title and picture (`product_title`, `product_image`). */
export function toDrop(r: Row): Drop {
  return {
    id: str(r.id),
    creatorId: str(r.creator_id),
    productId: str(r.product_id),
    productTitle: str(r.product_title),
    productImage: imageFromText(r.product_image),
    priceCents: num(r.price_cents),
    currency: str(r.currency),
    startsAt: num(r.starts_at),
    endsAt: num(r.ends_at),
    total: num(r.total),
    sold: num(r.sold),
    returned: num(r.returned ?? 0),
    paid: num(r.paid ?? 0),
    checkout: r.checkout === 'pay' ? 'pay' : 'instant',
    holdSeconds: numOrNull(r.hold_seconds),
    perUserLimit: numOrNull(r.per_user_limit),
    lowStockThreshold: num(r.low_stock_threshold),
    cancelledAt: numOrNull(r.cancelled_at),
    startedAt: numOrNull(r.started_at),
    createdAt: num(r.created_at),
    ...accessFields(r),
  };
}

function accessFields(r: Row): Required<AccessFields> {
  const access = r.access === 'queue' || r.access === 'draw' ? r.access : 'open';
  return {
    access,
    followersFirstUntil: numOrNull(r.followers_first_until),
    entriesOpenAt: numOrNull(r.entries_open_at),
    entriesCloseAt: numOrNull(r.entries_close_at),
    commitment: r.fairness_commitment == null ? null : str(r.fairness_commitment),
  };
}

/** An orders row with the payment that confirmed it (ORDER_SELECT): deadline and payment only where there are some. */
export function toOrder(r: Row): Order {
  const payStatus = r.pay_status === 'captured' || r.pay_status === 'failed' ? r.pay_status : 'authorized';
  return {
    id: str(r.id),
    userId: str(r.user_id),
    dropId: str(r.drop_id),
    quantity: num(r.quantity),
    unitPriceCents: num(r.unit_price_cents),
    totalCents: num(r.total_cents),
    currency: str(r.currency),
    status: str(r.status) as OrderStatus,
    createdAt: num(r.created_at),
    ...(r.expires_at != null ? { expiresAt: num(r.expires_at) } : {}),
    ...(r.payment_id != null && r.pay_amount != null
      ? {
          payment: {
            id: str(r.payment_id),
            status: payStatus,
            amountCents: num(r.pay_amount),
            currency: str(r.pay_currency),
          },
        }
      : {}),
  };
}

/** Orders joined with their confirming payment, as `toOrder` reads them (alias `o`). */
export const ORDER_SELECT = `SELECT o.*, pay.status AS pay_status, pay.amount_cents AS pay_amount, pay.currency AS pay_currency
  FROM orders o LEFT JOIN payments pay ON pay.id = o.payment_id`;

export function toPayment(r: Row): Payment {
  return {
    id: str(r.id),
    orderId: str(r.order_id),
    userId: str(r.user_id),
    dropId: str(r.drop_id),
    requestKey: str(r.request_key),
    method: str(r.method),
    amountCents: num(r.amount_cents),
    currency: str(r.currency),
    status: str(r.status) as PaymentStatus,
    authorizationId: r.authorization_id == null ? null : str(r.authorization_id),
    declineCode: r.decline_code == null ? null : str(r.decline_code),
    attempts: num(r.attempts),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    leaseUntil: num(r.lease_until),
  };
}

export function toEvent(r: Row): DomainEvent {
  return {
    id: str(r.id),
    type: str(r.type) as EventType,
    dropId: str(r.drop_id),
    creatorId: str(r.creator_id),
    userId: r.user_id === null || r.user_id === undefined ? null : str(r.user_id),
    data: JSON.parse(str(r.data)) as Record<string, unknown>,
    createdAt: num(r.created_at),
    // Present only when recorded, so personal events read back exactly as they were written.
    ...(r.fanout === 'write' || r.fanout === 'read' ? { fanout: r.fanout } : {}),
  };
}

/** The order row's columns, in the order of `orderValues` (the engines' prepared inserts). */
export const ORDER_COLUMNS =
  'id, user_id, drop_id, quantity, unit_price_cents, total_cents, currency, status, created_at, expires_at';

/** An orders row's values in `ORDER_COLUMNS` order, for the engines' positional parameters. */
export function orderValues(o: Order): unknown[] {
  return [
    o.id,
    o.userId,
    o.dropId,
    o.quantity,
    o.unitPriceCents,
    o.totalCents,
    o.currency,
    o.status,
    o.createdAt,
    o.expiresAt ?? null,
  ];
}
