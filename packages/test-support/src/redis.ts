import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other run shares: `ldtest:<tag>:<pid>-<random>:`. */
export function testPrefix(tag: string): string {
  return `ldtest:${tag}:${process.pid}-${randomBytes(3).toString('hex')}:`;
}

/** Deletes every key under `prefix` (SCAN, never KEYS: other users may share the server). */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const c = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  c.on('error', () => undefined);
  try {
    await c.connect();
    let cursor = '0';
    do {
      const [next, keys] = await c.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await c.del(...keys);
    } while (cursor !== '0');
  } finally {
    c.disconnect();
  }
}
