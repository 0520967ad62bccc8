import { randomBytes } from 'node:crypto';
import { HandleTakenError, type UseCases, type User } from '@livedrops/core';
import type { DataAdapters } from '@livedrops/adapters';
import { demoImage } from './demo-image.js';
import { seedFollowers } from './seed-followers.js';

export interface DemoResult {
  creator: { id: string; handle: string; password: string };
  fan: { id: string; handle: string; password: string };
  products: { id: string; title: string; image: string | null }[];
  drop: { id: string; title: string; startsAt: string; endsAt: string; stock: number };
  followers: number;
}

const PRODUCTS = [
  { title: 'Tour poster (signed)', priceCents: 4999, currency: 'EUR', description: 'A2, numbered, signed on stage.' },
  { title: 'Live at the Depot — vinyl', priceCents: 2900, currency: 'EUR', description: '180 g, first pressing.' },
  { title: 'Night-shift hoodie', priceCents: 6500, currency: 'EUR', description: null },
];

/** Registers `base`, or `base_2`, `base_3`… when an earlier seed already took it. */
async function registerFree(
  uc: UseCases,
  base: string,
  password: string,
  extra: { displayName: string; isCreator: boolean },
): Promise<User> {
  for (let n = 1; ; n++) {
    const handle = n === 1 ? base : `${base}_${n}`;
    try {
      return (await uc.register.execute({ handle, password, ...extra })).user;
    } catch (e) {
      if (!(e instanceof HandleTakenError)) throw e;
    }
  }
}

/**
 * A small world to click around in, through the same use cases the API runs: a creator with
 * products (each with a generated picture), a fan who follows them (both can log in), a crowd of seeded followers, and a drop
 * that starts a minute from now so the newcomer sees it go live.
 */
export async function seedDemo(uc: UseCases, data: DataAdapters, now: number): Promise<DemoResult> {
  const password = `demo-${randomBytes(5).toString('hex')}`;
  const creator = await registerFree(uc, 'demo_creator', password, { displayName: 'Demo Creator', isCreator: true });
  const fan = await registerFree(uc, 'demo_fan', password, { displayName: 'Demo Fan', isCreator: false });
  await uc.follows.follow(fan.id, creator.id);
  const { created } = await seedFollowers(data, creator.handle, 250);
  const products = [];
  for (const [i, p] of PRODUCTS.entries()) {
    const product = await uc.products.create(creator, p);
    products.push(await uc.productImages.set(creator, product.id, await demoImage(p.title, i)));
  }
  const first = products[0]!;
  const drop = await uc.drops.schedule(creator, {
    productId: first.id,
    startsAt: now + 60_000,
    endsAt: now + 60_000 + 30 * 60_000,
    stock: 100,
    perUserLimit: 2,
  });
  return {
    creator: { id: creator.id, handle: creator.handle, password },
    fan: { id: fan.id, handle: fan.handle, password },
    products: products.map((p) => ({ id: p.id, title: p.title, image: p.image ? `/media/${p.image.key}` : null })),
    drop: {
      id: drop.id,
      title: first.title,
      startsAt: new Date(drop.startsAt).toISOString(),
      endsAt: new Date(drop.endsAt).toISOString(),
      stock: drop.total,
    },
    followers: created + 1,
  };
}
