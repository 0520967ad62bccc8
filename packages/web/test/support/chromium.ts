import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserType } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Debian's Chromium (installed by .ci/setup), or CHROMIUM_PATH. Playwright's own browsers are never downloaded. */
export function findChromium(): string | undefined {
  return [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
}

/** Under CI a missing browser fails the suite; elsewhere it is skipped with one loud line. */
export const mustHaveBrowser = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';

// Headless, with nothing that reaches the network by itself (updates, sync, QUIC probes).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium. Playwright gives it a fresh profile directory of its own (a new
 * --user-data-dir, removed on close), so no run sees another's cookies or cache.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = require('playwright-core') as { chromium: BrowserType };
  return chromium.launch({ executablePath, args: FLAGS, timeout: 30_000 });
}
