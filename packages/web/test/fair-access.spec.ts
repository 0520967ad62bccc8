import { fairDraw } from './scenarios/fair-draw.js';
import { fairQueue } from './scenarios/fair-queue.js';
import { openWorld, SkewedClock, type World } from './support/world.js';

// Waiting rooms and draws in the browser, on a server of their own: its clock jumps (to a drop's
// start, a draw's close, past a pass), which drops timed by the real clock elsewhere must not see.
describe('fair access in Chromium (Playwright)', function () {
  this.timeout(90_000);
  const world = {} as World;
  const clock = new SkewedClock();
  let close: (() => Promise<void>) | undefined;

  before(async function () {
    close = await openWorld(this, world, clock);
  });
  after(async () => {
    await close?.();
  });

  fairQueue(world, clock);
  fairDraw(world, clock);
});
