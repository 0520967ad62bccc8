import type { Browser } from 'playwright-core';
import type { Api } from './app-server.js';

/** What every scenario shares: one server with the built app, one browser. */
export interface World {
  url: string;
  api: Api;
  browser: Browser;
}
