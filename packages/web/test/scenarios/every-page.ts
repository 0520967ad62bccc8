import { expect } from 'chai';
import type { World } from '../support/world.js';
import { handle, signedInContext } from '../support/app-server.js';
import { axeViolations, overflowsX, problemsOf, shot, watchPages } from '../support/page-checks.js';

type Who = 'anon' | 'fan' | 'creator';
// Every rule on the phone in dark; on the desktop in light, the rules that light and width change.
const PHONE = {
  label: '375-dark',
  viewport: { width: 375, height: 740 },
  colorScheme: 'dark' as const,
  rules: undefined,
};
const DESKTOP = {
  label: '1280-light',
  viewport: { width: 1280, height: 900 },
  colorScheme: 'light' as const,
  rules: ['color-contrast', 'link-in-text-block', 'target-size', 'scrollable-region-focusable'],
};

export function everyPage(w: World): void {
  describe('every page', () => {
    let pages: Array<{ name: string; path: string; who: Who }>;
    const logins: Record<Who, string | undefined> = { anon: undefined, fan: undefined, creator: undefined };
    before(async () => {
      const creator = await w.api.register(handle('pages_star'), true);
      const fan = await w.api.register(handle('pages_fan'));
      Object.assign(logins, { fan: fan.handle, creator: creator.handle });
      const product = await w.api.call('POST', '/v1/products', creator.token, {
        title: 'Canvas tote',
        description: 'Heavy cotton',
        priceCents: 2400,
        currency: 'EUR',
      });
      const now = Date.now();
      const drop = await w.api.call('POST', '/v1/drops', creator.token, {
        productId: product.id,
        startsAt: new Date(now - 1_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        stock: 40,
        perUserLimit: 2,
      });
      await w.api.call('PUT', `/v1/me/following/${creator.id}`, fan.token);
      await w.api.order(fan.token, drop.id, 2);
      pages = [
        { name: 'home', path: '/', who: 'anon' },
        { name: 'login', path: '/login', who: 'anon' },
        { name: 'register', path: '/register', who: 'anon' },
        { name: 'drop', path: `/drops/${drop.id}`, who: 'fan' },
        { name: 'creator', path: `/creators/${creator.id}`, who: 'fan' },
        { name: 'orders', path: '/orders', who: 'fan' },
        { name: 'inbox', path: '/inbox', who: 'fan' },
        { name: 'following', path: '/following', who: 'fan' },
        { name: 'studio', path: '/studio', who: 'creator' },
        { name: 'product-form', path: `/studio/products/${product.id}`, who: 'creator' },
        { name: 'schedule-form', path: '/studio/drops/new', who: 'creator' },
        { name: 'dashboard-small', path: `/studio/drops/${drop.id}`, who: 'creator' },
      ];
    });

    it('pass axe (nothing serious or critical) in light and dark, fit 375 px, keep the CSP', async function () {
      this.timeout(180_000); // 12 pages, each scanned twice
      // The scan itself must be able to fail: a picture without a text alternative is critical.
      const probe = await w.browser.newPage();
      await probe.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>');
      expect((await axeViolations(probe)).join()).to.match(/^image-alt \(critical\)/);
      await probe.close();

      const failures: string[] = [];
      for (const who of ['anon', 'fan', 'creator'] as const) {
        const ctx = await w.browser.newContext({ viewport: PHONE.viewport, colorScheme: PHONE.colorScheme });
        await watchPages(ctx);
        if (logins[who]) await signedInContext(ctx, w.url, logins[who]!);
        const page = await ctx.newPage();
        // One load per person; the rest is the app's own navigation (as a person clicks through),
        // and each page is looked at on the phone, then on the desktop, in the same document (axe
        // stays loaded; the app redraws for the width and the colour scheme as it would live).
        for (const [i, p] of pages.filter((x) => x.who === who).entries()) {
          await page.setViewportSize(PHONE.viewport);
          await page.emulateMedia({ colorScheme: PHONE.colorScheme });
          if (i === 0) await page.goto(w.url + p.path);
          else
            await page.evaluate(
              (path) => (history.pushState(null, '', path), dispatchEvent(new PopStateEvent('popstate'))),
              p.path,
            );
          await page.waitForFunction(
            (path) =>
              location.pathname === path &&
              !document.querySelector('.loading') &&
              document.querySelector('main h1, main h2'),
            p.path,
          );
          for (const v of [PHONE, DESKTOP]) {
            await page.setViewportSize(v.viewport);
            await page.emulateMedia({ colorScheme: v.colorScheme });
            for (const a of await axeViolations(page, v.rules)) failures.push(`${p.name} ${v.label}: ${a}`);
            if (v === PHONE && (await overflowsX(page))) failures.push(`${p.name} ${v.label}: scrolls sideways`);
            await shot(page, `${p.name}-${v.label}`);
          }
        }
        for (const problem of await problemsOf(page)) failures.push(`${who}: ${problem}`);
        await ctx.close();
      }
      expect(failures).to.deep.equal([]);
    });

    it('without JavaScript, / lists the drops and a drop page tells what is left', async () => {
      const ctx = await w.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
      const page = await ctx.newPage();
      await page.goto(`${w.url}/`);
      expect(await page.textContent('#h-live-now')).to.equal('Live now');
      expect(await page.$$eval('.drop-card .drop-title', (els) => els.map((e) => e.textContent))).to.include(
        'Canvas tote',
      );
      await shot(page, 'home-no-javascript');
      await page.click('a.drop-link:has-text("Canvas tote")');
      expect(await page.textContent('.drop-status')).to.match(/^Live · \d+ of 40 left$/);
      await ctx.close();
    });

    it('/docs: the API reference, rendered by Redoc from this server, nothing from elsewhere', async () => {
      const ctx = await w.browser.newContext({ viewport: { width: 1280, height: 900 } });
      await watchPages(ctx);
      const page = await ctx.newPage();
      const elsewhere: string[] = [];
      page.on(
        'request',
        (r) =>
          void (
            !r.url().startsWith(w.url) &&
            !r.url().startsWith('blob:') &&
            !r.url().startsWith('data:') &&
            elsewhere.push(r.url())
          ),
      );
      await page.goto(`${w.url}/docs`);
      await page.getByText('/v1/drops/{id}/stats').first().waitFor({ timeout: 15_000 });
      expect(await page.textContent('h1')).to.include('Live Drops API');
      await shot(page, 'docs', { fullPage: false });
      expect(elsewhere).to.deep.equal([]);
      expect(await problemsOf(page)).to.deep.equal([]);
      await ctx.close();
    });
  });
}
