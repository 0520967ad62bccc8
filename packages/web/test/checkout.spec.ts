import { openWorld, SkewedClock, type World } from './support/world.js';
import { checkoutAnswers } from './scenarios/checkout-answers.js';
import { checkoutExpiry } from './scenarios/checkout-expiry.js';
import { checkoutPay } from './scenarios/checkout-pay.js';

// Pay drops in the browser, on a server of their own: its clock jumps (holds run out at once),
// which the other scenarios' drops, timed by the real clock, must not see.
describe('pay drops in Chromium (Playwright)', function () {
  this.timeout(60_000);
  const world = {} as World;
  const clock = new SkewedClock();
  let close: (() => Promise<void>) | undefined;

  before(async function () {
    close = await openWorld(this, world, clock);
  });
  after(async () => {
    await close?.();
  });

  checkoutPay(world);
  checkoutAnswers(world, clock);
  checkoutExpiry(world, clock);
});
