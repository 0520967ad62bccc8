// Shared by the stock-path pairs: a drop to hammer, and a closed loop with N in flight.
import { SystemClock, UuidV7 } from '../../../packages/adapters/dist/src/index.js';
import { pct } from '../measure.mjs';

/** A creator, a product and a live drop with more stock than any run can sell. */
export async function seedDrop(data) {
  const ids = new UuidV7();
  const now = new SystemClock().now();
  const creator = { id: ids.next(), handle: `bench_${now}_${Math.random().toString(36).slice(2, 6)}`, displayName: 'Bench', isCreator: true, createdAt: now };
  await data.users.create(creator, 'x');
  const product = { id: ids.next(), creatorId: creator.id, title: 'Hot item', description: null, priceCents: 2500, currency: 'USD', createdAt: now };
  await data.products.create(product);
  const dropId = ids.next();
  await data.drops.create({
    id: dropId, creatorId: creator.id, productId: product.id, priceCents: 2500, currency: 'USD',
    startsAt: now - 1000, endsAt: now + 3_600_000, total: 10_000_000, perUserLimit: null, lowStockThreshold: 1, createdAt: now,
  });
  return { dropId, userId: creator.id };
}

/** Keeps `inflight` calls of `op` running for `seconds`; rate and p99 (ms) of completed calls. */
export async function inFlightFor(inflight, seconds, op) {
  const end = performance.now() + seconds * 1000;
  const lat = [];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inflight }, async () => {
    while (performance.now() < end) {
      const s = performance.now();
      await op();
      lat.push(performance.now() - s);
    }
  }));
  return { rate: lat.length / ((performance.now() - t0) / 1000), p99: Math.round(pct(lat, 99) * 100) / 100, n: lat.length };
}
