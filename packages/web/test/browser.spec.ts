import { Api, startAppServer, type AppServer } from './support/app-server.js';
import type { World } from './support/world.js';
import { findChromium, launchChromium, mustHaveBrowser } from './support/chromium.js';
import { creatorDashboard } from './scenarios/creator-dashboard.js';
import { fanJourney } from './scenarios/fan-journey.js';
import { firstLoad } from './scenarios/first-load.js';
import { everyPage } from './scenarios/every-page.js';

describe('the web app in Chromium (Playwright)', function () {
  this.timeout(60_000);
  const world = {} as World;
  let server: AppServer | undefined;

  before(async function () {
    const chromium = findChromium();
    if (!chromium) {
      const why = 'no Chromium at /usr/bin/chromium (or CHROMIUM_PATH); .ci/setup installs it with apt-get';
      if (mustHaveBrowser()) throw new Error(`A browser is required under CI: ${why}`);
      console.warn(`\n!!! ${why}: the browser suite is SKIPPED (CI=true makes this a failure)\n`);
      this.skip();
    }
    server = await startAppServer();
    world.url = server.url;
    world.api = new Api(server.url);
    world.browser = await launchChromium(chromium!);
  });
  after(async () => {
    await world.browser?.close();
    await server?.close();
  });

  fanJourney(world);
  creatorDashboard(world);
  everyPage(world);
  firstLoad(world);
});
