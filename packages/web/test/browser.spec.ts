import { openWorld, type World } from './support/world.js';
import { creatorDashboard } from './scenarios/creator-dashboard.js';
import { fanJourney } from './scenarios/fan-journey.js';
import { firstLoad } from './scenarios/first-load.js';
import { everyPage } from './scenarios/every-page.js';

describe('the web app in Chromium (Playwright)', function () {
  this.timeout(60_000);
  const world = {} as World;
  let close: (() => Promise<void>) | undefined;

  before(async function () {
    close = await openWorld(this, world);
  });
  after(async () => {
    await close?.();
  });

  fanJourney(world);
  creatorDashboard(world);
  everyPage(world);
  firstLoad(world);
});
