import { expect } from 'chai';
import type { Client, Res } from './client.js';
import { isoIn, uniqueHandle } from './harness.js';

export interface Account {
  id: string;
  handle: string;
  token: string;
  password: string;
}

export const PASSWORD = 'correct horse battery';

/** Registers a fresh account (scrypt makes this ~50-100 ms, so suites reuse accounts). */
export async function register(api: Client, prefix: string, isCreator = false): Promise<Account> {
  const handle = uniqueHandle(prefix);
  const res = await api.post('/v1/auth/register', { body: { handle, password: PASSWORD, isCreator } });
  expect(res.status, res.text).to.equal(201);
  return { id: res.json.user.id, handle, token: res.json.token, password: PASSWORD };
}

export async function registerMany(api: Client, prefix: string, n: number, isCreator = false): Promise<Account[]> {
  return Promise.all(Array.from({ length: n }, () => register(api, prefix, isCreator)));
}

export async function createProduct(
  api: Client,
  creator: Account,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; priceCents: number }> {
  const res = await api.post('/v1/products', {
    token: creator.token,
    body: { title: 'Sneaker', priceCents: 1999, ...overrides },
  });
  expect(res.status, res.text).to.equal(201);
  return res.json;
}

export interface DropOptions {
  /** ms from now; negative for a drop already live. */
  startsIn?: number;
  endsIn?: number;
  stock?: number;
  perUserLimit?: number;
  lowStockThreshold?: number;
}

export async function createDrop(
  api: Client,
  creator: Account,
  productId: string,
  o: DropOptions = {},
): Promise<Res['json']> {
  const body: Record<string, unknown> = {
    productId,
    startsAt: isoIn(o.startsIn ?? -1_000),
    endsAt: isoIn(o.endsIn ?? 3_600_000),
    stock: o.stock ?? 10,
  };
  if (o.perUserLimit !== undefined) body['perUserLimit'] = o.perUserLimit;
  if (o.lowStockThreshold !== undefined) body['lowStockThreshold'] = o.lowStockThreshold;
  const res = await api.post('/v1/drops', { token: creator.token, body });
  expect(res.status, res.text).to.equal(201);
  return res.json;
}

/** A live drop of a fresh product of `creator`. */
export async function liveDrop(api: Client, creator: Account, o: DropOptions = {}): Promise<Res['json']> {
  const product = await createProduct(api, creator);
  return createDrop(api, creator, product.id, o);
}

let keys = 0;
export const newKey = (): string => `key-${Date.now()}-${++keys}-${Math.random().toString(36).slice(2)}`;

export function order(api: Client, buyer: Account, dropId: string, quantity: number, key = newKey()): Promise<Res> {
  return api.post('/v1/orders', {
    token: buyer.token,
    headers: { 'Idempotency-Key': key },
    body: { dropId, quantity },
  });
}

/** Walks every page of a list, calling `between` after each page (to insert items mid-walk). */
export async function walk(
  api: Client,
  path: string,
  options: { token?: string; limit: number; between?: (page: number) => Promise<void> },
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${options.limit}${after ? `&after=${after}` : ''}`;
    const res = await api.get(url, options.token ? { token: options.token } : {});
    expect(res.status, res.text).to.equal(200);
    expect(res.json.data.length).to.be.at.most(options.limit);
    items.push(...res.json.data);
    after = res.json.nextCursor;
    if (after === null) return items;
    if (options.between) await options.between(page);
  }
  throw new Error('pagination did not end');
}
