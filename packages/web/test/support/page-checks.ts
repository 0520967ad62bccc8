import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const webRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Every run's screenshots, for a person to look at (git-ignored). */
export const SHOTS = join(webRoot, 'test-artifacts', 'screenshots');
/** The README's pictures, refreshed by a run with README_SCREENSHOTS=1 (committed). */
const README_SHOTS = join(webRoot, '..', '..', 'docs', 'screenshots');

export async function shot(page: Page, name: string, o: { readme?: boolean; fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: o.fullPage ?? true });
  if (o.readme && process.env['README_SCREENSHOTS'] === '1') {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(file, join(README_SHOTS, `${name}.png`));
  }
}

/**
 * Records every Content-Security-Policy violation and uncaught error of the context's pages
 * (an init script runs before the page's own and is not subject to its policy).
 */
export async function watchPages(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __problems: string[] };
    w.__problems = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__problems.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`),
    );
    window.addEventListener('error', (e) => w.__problems.push(`error: ${e.message}`));
  });
}

export const problemsOf = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __problems?: string[] }).__problems ?? []);

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now: every WCAG 2.x A and AA
 * rule and axe's best practices, or only `rules` when given.
 */
export async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern; once per document.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: any[] }> } }).axe;
    const runOnly = only
      ? { type: 'rule', values: only }
      : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] };
    const r = await axe.run(document, { resultTypes: ['violations'], runOnly });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: { target: string[] }) => n.target.join(' ')),
    }));
  }, rules);
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`);
}

/** Whether the page is wider than its viewport (something would scroll sideways). */
export const overflowsX = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
