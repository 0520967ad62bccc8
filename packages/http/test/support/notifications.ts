import { expect } from 'chai';
import type { ServerOptions } from '../../src/index.js';
import type { Client } from './client.js';
import type { Account } from './fixtures.js';

/** Short loops, and any creator with 2+ followers counts as a celebrity (fan-out on read). */
export const FAST: ServerOptions = {
  notifications: { relayIntervalMs: 20, schedulerIntervalMs: 50 },
  streams: { heartbeatMs: 150 },
  policy: { celebrityFollowers: 2 },
};

export async function follow(api: Client, fan: Account, creator: Account): Promise<void> {
  const res = await api.put(`/v1/me/following/${creator.id}`, { token: fan.token });
  expect(res.status, res.text).to.be.oneOf([200, 201]);
}

export async function unfollow(api: Client, fan: Account, creator: Account): Promise<void> {
  expect((await api.del(`/v1/me/following/${creator.id}`, { token: fan.token })).status).to.equal(204);
}

/** The whole inbox, newest first. */
export async function inbox(api: Client, user: Account): Promise<any[]> {
  const res = await api.get('/v1/me/notifications?limit=100', { token: user.token });
  expect(res.status, res.text).to.equal(200);
  return res.json.data;
}

/** Polls the inbox until `predicate` holds (fan-out on write lands shortly after the commit). */
export async function inboxUntil(
  api: Client,
  user: Account,
  predicate: (items: any[]) => boolean,
  timeoutMs = 5000,
): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await inbox(api, user);
    if (predicate(items)) return items;
    if (Date.now() > deadline) expect.fail(`inbox never matched; has ${JSON.stringify(items.map((n) => n.type))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const quiet = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));
