// bench/storm's world: buyers with sessions (bulk SQL, no scrypt, no HTTP) and one drop per run.
import { createHash } from 'node:crypto';
import { loadConfig, openData, SystemClock, UuidV7 } from '../../../packages/adapters/dist/src/index.js';

const ids = new UuidV7();
/** Bearer token of buyer i; the server stores its SHA-256 (RandomTokens.hash). */
export const tokenOf = (i) => `ldbench_${i}`;

/** Opens the engine as `serve` would (migrating it) and seeds `buyers` users with a session each. */
export async function seedWorld(databaseUrl, buyers) {
  const data = await openData(loadConfig({ DATABASE_URL: databaseUrl }), new SystemClock());
  const now = Date.now();
  const creator = { id: ids.next(), handle: `storm_${now % 1e7}`, displayName: 'Storm', isCreator: true, createdAt: now };
  await data.users.create(creator, 'x');
  const product = { id: ids.next(), creatorId: creator.id, title: 'Hot item', description: null, priceCents: 2500, currency: 'USD', createdAt: now };
  await data.products.create(product);
  if (databaseUrl.startsWith('postgres')) await seedBuyersPg(data.knex, buyers, now);
  else await seedBuyersSqlite(data.knex, buyers, now);
  await data.close();
  return {
    buyers,
    /** A live drop of `stock` units (`pay`: holds of an hour, none expiring during a run), through the engine's own repository. */
    async drop(stock, { pay = false } = {}) {
      const d = await openData(loadConfig({ DATABASE_URL: databaseUrl }), new SystemClock());
      const at = Date.now();
      const id = ids.next();
      await d.drops.create({
        id, creatorId: creator.id, productId: product.id, priceCents: 2500, currency: 'USD', startsAt: at - 1000,
        endsAt: at + 3_600_000, total: stock, perUserLimit: null, lowStockThreshold: Math.ceil(stock / 10), createdAt: at,
        ...(pay ? { checkout: 'pay', holdSeconds: 3600 } : {}),
      });
      await d.close();
      return id;
    },
  };
}

async function seedBuyersPg(knex, n, now) {
  await knex.raw(`INSERT INTO users (id, handle, display_name, is_creator, password_hash, created_at)
    SELECT 'sb-' || g, 'sb_' || g, 'Buyer ' || g, false, 'x', ? FROM generate_series(0, ? - 1) g`, [now, n]);
  await knex.raw(`INSERT INTO sessions (token_hash, user_id, created_at)
    SELECT encode(sha256(convert_to('ldbench_' || g, 'UTF8')), 'hex'), 'sb-' || g, ? FROM generate_series(0, ? - 1) g`, [now, n]);
}

async function seedBuyersSqlite(knex, n, now) {
  const chunk = 400;
  for (let s = 0; s < n; s += chunk) {
    const range = Array.from({ length: Math.min(chunk, n - s) }, (_, k) => s + k);
    await knex.transaction(async (tx) => {
      await tx('users').insert(range.map((g) => ({ id: `sb-${g}`, handle: `sb_${g}`, display_name: `Buyer ${g}`, is_creator: false, password_hash: 'x', created_at: now })));
      await tx('sessions').insert(range.map((g) => ({ token_hash: createHash('sha256').update(tokenOf(g)).digest('hex'), user_id: `sb-${g}`, created_at: now })));
    });
  }
}
