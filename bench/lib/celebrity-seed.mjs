// Seeds a celebrity with a million followers straight into a migrated SQLite file: prepared
// inserts in big transactions (no HTTP, no scrypt), so the bench starts in seconds.
import { createRequire } from 'node:module';
import { migrateSqlite, RandomTokens, UuidV7 } from '../../packages/adapters/dist/src/index.js';
import { ROOT } from './harness.mjs';

const Database = createRequire(`${ROOT}packages/adapters/package.json`)('better-sqlite3');
const CHUNK = 100_000;

/**
 * Users f_0..f_{n-1} all follow one creator (followed a day ago). Sessions (tokens) for the
 * first `streams` (SSE clients), the next `samplers` (inbox readers, never connected) and
 * the next `buyers`; plus a second, ordinary creator with a live drop for order load.
 */
export async function seedCelebrity(file, { followers = 1_000_000, streams = 10_000, samplers = 1_000, buyers = 1_000 } = {}) {
  await migrateSqlite(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a bench fixture: a crash here just means seeding again
  const ids = new UuidV7();
  const tokens = new RandomTokens();
  const now = Date.now();
  const insertUser = db.prepare(`INSERT INTO users (id, handle, display_name, is_creator, password_hash, follower_count, created_at)
    VALUES (?, ?, ?, ?, 'x', 0, ?)`);
  const insertFollow = db.prepare('INSERT INTO follows (creator_id, follower_id, followed_at) VALUES (?, ?, ?)');
  const insertSession = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)');
  const session = (userId) => {
    const t = tokens.issue();
    insertSession.run(t.hash, userId, now);
    return t.token;
  };

  const celebrity = ids.next();
  const shop = ids.next();
  const product = ids.next();
  const hotDrop = ids.next();
  const out = { celebrityId: celebrity, streamTokens: [], samplerTokens: [], buyerTokens: [] };
  db.transaction(() => {
    insertUser.run(celebrity, `celeb_${now}`, 'Celebrity', 1, now);
    insertUser.run(shop, `shop_${now}`, 'Shop', 1, now);
    db.prepare(`INSERT INTO products (id, creator_id, title, description, price_cents, currency, created_at)
      VALUES (?, ?, 'Hot item', NULL, 2500, 'USD', ?)`).run(product, shop, now);
    db.prepare(`INSERT INTO drops (id, creator_id, product_id, price_cents, currency, starts_at, ends_at, total, sold, per_user_limit,
      low_stock_threshold, created_at) VALUES (?, ?, ?, 2500, 'USD', ?, ?, 10000000, 0, NULL, 1000000, ?)`)
      .run(hotDrop, shop, product, now - 1000, now + 3_600_000, now);
    out.celebrityToken = session(celebrity);
  })();
  const followedAt = now - 86_400_000;
  for (let start = 0; start < followers; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(followers, start + CHUNK); i++) {
        const id = ids.next();
        insertUser.run(id, `f_${i}_${now % 1e6}`, `Fan ${i}`, 0, now);
        insertFollow.run(celebrity, id, followedAt);
        if (i < streams) out.streamTokens.push(session(id));
        else if (i < streams + samplers) out.samplerTokens.push(session(id));
        else if (i < streams + samplers + buyers) out.buyerTokens.push(session(id));
      }
    })();
  }
  db.prepare('UPDATE users SET follower_count = ? WHERE id = ?').run(followers, celebrity);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ...out, hotDropId: hotDrop };
}
