import type { Browser } from 'playwright-core';
import { Api, startAppServer, type AppServer } from './app-server.js';
import { findChromium, launchChromium, mustHaveBrowser } from './chromium.js';

/** What every scenario shares: one server with the built app, one browser. */
export interface World {
  url: string;
  api: Api;
  browser: Browser;
}

/** The server's clock in a test: real time plus the jumps the test makes (a hold's deadline, reached at once). */
export class SkewedClock {
  private skewMs = 0;
  now(): number {
    return Date.now() + this.skewMs;
  }
  jump(ms: number): void {
    this.skewMs += ms;
  }
}

/**
 * Fills `world` in a `before` hook: the server (on `clock` when given) and Chromium. Without a
 * browser the suite is skipped with one loud line, or fails under CI. Returns the closer.
 */
export async function openWorld(ctx: Mocha.Context, world: World, clock?: SkewedClock): Promise<() => Promise<void>> {
  const chromium = findChromium();
  if (!chromium) {
    const why = 'no Chromium at /usr/bin/chromium (or CHROMIUM_PATH); .ci/setup installs it with apt-get';
    if (mustHaveBrowser()) throw new Error(`A browser is required under CI: ${why}`);
    console.warn(`\n!!! ${why}: the browser suite is SKIPPED (CI=true makes this a failure)\n`);
    ctx.skip();
  }
  let server: AppServer | undefined;
  try {
    server = await startAppServer(clock);
    world.url = server.url;
    world.api = new Api(server.url);
    world.browser = await launchChromium(chromium!);
  } catch (e) {
    await server?.close();
    throw e;
  }
  return async () => {
    await world.browser?.close();
    await server?.close();
  };
}
