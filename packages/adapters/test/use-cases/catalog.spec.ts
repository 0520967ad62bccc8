import { expect } from 'chai';
import type { DomainError } from '@livedrops/core';
import { world } from './world.js';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

describe('use cases: follows, products, drops', () => {
  it('follows once, counts exactly, unfollows idempotently, and refuses self and non-creators', async () => {
    const w = world();
    const creator = await w.user('star', true);
    const fan = await w.user('fan');
    expect((await w.uc.follows.follow(fan.id, creator.id)).created).to.equal(true);
    expect((await w.uc.follows.follow(fan.id, creator.id)).created).to.equal(false);
    expect((await w.uc.follows.creator(creator.id)).followerCount).to.equal(1);
    expect(await codeOf(w.uc.follows.follow(creator.id, creator.id))).to.equal('validation_failed');
    expect(await codeOf(w.uc.follows.follow(creator.id, fan.id))).to.equal('not_found');
    await w.uc.follows.unfollow(fan.id, creator.id);
    await w.uc.follows.unfollow(fan.id, creator.id);
    expect((await w.uc.follows.creator(creator.id)).followerCount).to.equal(0);
    expect(await w.uc.follows.check(fan.id, creator.id)).to.deep.equal({ following: false, followedAt: null });
  });

  it('lets only the creator list their followers', async () => {
    const w = world();
    const creator = await w.user('star', true);
    const fan = await w.user('fan');
    await w.uc.follows.follow(fan.id, creator.id);
    expect((await w.uc.follows.followers(creator.id, creator.id, { limit: 10 })).items).to.have.length(1);
    expect(await codeOf(w.uc.follows.followers(fan.id, creator.id, { limit: 10 }))).to.equal('forbidden');
    expect(await codeOf(w.uc.follows.followers(fan.id, 'missing', { limit: 10 }))).to.equal('not_found');
  });

  it('lets only creators make products and only owners edit them', async () => {
    const w = world();
    const creator = await w.user('star', true);
    const fan = await w.user('fan');
    expect(await codeOf(w.uc.products.create(fan, { title: 'x', priceCents: 1 }))).to.equal('forbidden');
    const p = await w.uc.products.create(creator, { title: 'Tee', priceCents: 1500 });
    expect(p.currency).to.equal('USD');
    expect(await codeOf(w.uc.products.update(fan, p.id, { title: 'mine' }))).to.equal('not_found');
    expect((await w.uc.products.update(creator, p.id, { title: 'Tee v2' })).title).to.equal('Tee v2');
    expect(await codeOf(w.uc.products.create(creator, { title: 'x', priceCents: 0 }))).to.equal('validation_failed');
  });

  it('validates drop windows and stock, defaults the low-stock threshold, and cancels', async () => {
    const w = world();
    const creator = await w.user('star', true);
    const p = await w.uc.products.create(creator, { title: 'Tee', priceCents: 1500 });
    const now = w.clock.now();
    const bad = (o: object) =>
      codeOf(w.uc.drops.schedule(creator, { productId: p.id, startsAt: now + 10, endsAt: now + 20, stock: 5, ...o }));
    expect(await bad({ endsAt: now + 5 })).to.equal('validation_failed');
    expect(await bad({ startsAt: now - 20, endsAt: now - 10 })).to.equal('validation_failed');
    expect(await bad({ stock: 0 })).to.equal('validation_failed');
    expect(await bad({ stock: 10_000_001 })).to.equal('validation_failed');
    expect(await bad({ perUserLimit: 0 })).to.equal('validation_failed');
    expect(await bad({ productId: 'nope' })).to.equal('not_found');
    const d = await w.uc.drops.schedule(creator, { productId: p.id, startsAt: now + 10, endsAt: now + 20, stock: 95 });
    expect(d.lowStockThreshold).to.equal(10);
    const other = await w.user('rival', true);
    expect(await codeOf(w.uc.drops.cancel(other, d.id))).to.equal('not_found');
    expect((await w.uc.drops.cancel(creator, d.id)).cancelledAt).to.equal(now);
    expect((await w.uc.drops.list({ status: 'ended' }, { limit: 5 })).items.map((x) => x.id)).to.deep.equal([d.id]);
  });
});
