/**
 * Example: virtual time. The container hands one Clock to the use cases, the adapters and
 * the background loops, so a clock the embedder moves by hand moves all of them.
 */
import { createContainer, loadConfig } from '@livedrops/adapters';
import { TOKENS, type Clock, type UseCases } from '@livedrops/core';

/** A clock that stands still until told to move. */
export class VirtualClock implements Clock {
  constructor(private ms = Date.UTC(2030, 0, 1)) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A drop scheduled an hour ahead refuses orders until the virtual hour has passed. */
export async function orderAfterAnHour(): Promise<{ before: string; after: boolean }> {
  const clock = new VirtualClock();
  const container = await createContainer(loadConfig({ DATABASE_URL: 'memory:' }), { clock });
  try {
    const uc = container.get<UseCases>(TOKENS.UseCases);
    const maker = (await uc.register.execute({ handle: 'maker', password: 'password1', isCreator: true })).user;
    const fan = (await uc.register.execute({ handle: 'fan', password: 'password1' })).user;
    const product = await uc.products.create(maker, { title: 'Vinyl', priceCents: 2500, currency: 'EUR' });
    const hour = 3_600_000;
    const drop = await uc.drops.schedule(maker, {
      productId: product.id,
      startsAt: clock.now() + hour,
      endsAt: clock.now() + 2 * hour,
      stock: 10,
      perUserLimit: null,
    });
    const early = await uc.placeOrder.execute(fan, 'early', { dropId: drop.id, quantity: 1 });
    clock.advance(hour);
    const onTime = await uc.placeOrder.execute(fan, 'on-time', { dropId: drop.id, quantity: 1 });
    return { before: early.outcome.ok ? 'ok' : early.outcome.error.code, after: onTime.outcome.ok };
  } finally {
    await container.unbindAllAsync();
  }
}
