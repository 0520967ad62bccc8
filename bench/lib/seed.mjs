// Seeds a SQLite file straight through the adapters (no HTTP, no scrypt per user), so
// benchmarks start from a realistic state in seconds.
import { createSqliteAdapters, RandomTokens, SystemClock, UuidV7 } from '../../packages/adapters/dist/src/index.js';

export async function seedHotDrop(filename, { buyers = 1000, stock = 10_000_000, perUserLimit = null } = {}) {
  const clock = new SystemClock();
  const ids = new UuidV7();
  const tokens = new RandomTokens();
  const data = await createSqliteAdapters({ filename, clock });
  const now = clock.now();
  const creator = { id: ids.next(), handle: `bench_creator_${now}`, displayName: 'Bench', isCreator: true, createdAt: now };
  await data.users.create(creator, 'x');
  const product = { id: ids.next(), creatorId: creator.id, title: 'Hot item', description: null, priceCents: 2500, currency: 'USD', createdAt: now };
  await data.products.create(product);
  const dropId = ids.next();
  await data.drops.create({
    id: dropId, creatorId: creator.id, productId: product.id, priceCents: 2500, currency: 'USD',
    startsAt: now - 1000, endsAt: now + 3_600_000, total: stock, perUserLimit, lowStockThreshold: Math.ceil(stock / 10), createdAt: now,
  });
  const bearer = [];
  for (let i = 0; i < buyers; i++) {
    const u = { id: ids.next(), handle: `buyer_${i}_${now % 100000}`, displayName: `Buyer ${i}`, isCreator: false, createdAt: now };
    await data.users.create(u, 'x');
    const { token, hash } = tokens.issue();
    await data.sessions.create({ tokenHash: hash, userId: u.id, createdAt: now });
    bearer.push(token);
  }
  await data.close();
  return { dropId, creatorId: creator.id, tokens: bearer };
}
