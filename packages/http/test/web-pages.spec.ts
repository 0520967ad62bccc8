import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expectProblem } from './support/client.js';
import { createDrop, createProduct, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';

/** What a browser reads: the page's JSON data block, parsed. */
const dataOf = (html: string): any => JSON.parse(/<script type="application\/json" id="ld-data">([^<]*)<\/script>/.exec(html)![1]!);
const scripts = (html: string): string[] => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe('web pages: served beside the API, readable without JavaScript', () => {
  let t: TestServer;
  let creator: Account;
  let live: any;
  let upcoming: any;
  before(async () => {
    t = await startTestServer();
    creator = await register(t.client, 'webstar', true);
    const product = await createProduct(t.client, creator, { title: 'Tee <script>alert(1)</script> & co', priceCents: 4999, currency: 'EUR' });
    live = await createDrop(t.client, creator, product.id, { stock: 8 });
    upcoming = await createDrop(t.client, creator, product.id, { startsIn: 3_600_000, endsIn: 7_200_000 });
  });
  after(() => t.close());

  it('GET /: the live and upcoming drops as HTML, under a strict CSP, with their data for the app', async () => {
    const res = await t.client.get('/');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    for (const rule of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "require-trusted-types-for 'script'"]) {
      expect(csp).to.include(rule);
    }
    expect(csp).to.not.include('unsafe');
    expect(res.headers.get('cache-control')).to.equal('no-cache');
    expect(res.text).to.include('<h2 id="h-live-now">Live now</h2>').and.include('<h2 id="h-coming-up">Coming up</h2>');
    expect(res.text).to.include(`<a class="drop-link" href="/drops/${live.id}">`);
    expect(res.text).to.include(`href="/drops/${upcoming.id}"`).and.include(`<time datetime="${upcoming.startsAt}">`);
    expect(res.text).to.include('<progress class="stock" max="8" value="8" aria-label="Units left">');
    expect(res.text).to.include('Tee &lt;script&gt;alert(1)&lt;/script&gt; &amp; co').and.include('€49.99');
    // The only script element is the data block, and nothing in it can end it early.
    expect(scripts(res.text)).to.deep.equal(['<script type="application/json" id="ld-data">']);
    const data = dataOf(res.text);
    expect(data.page).to.equal('home');
    expect(data.now).to.be.a('number');
    expect(data.live.map((d: { id: string }) => d.id)).to.include(live.id);
    expect(data.upcoming.map((d: { id: string }) => d.id)).to.include(upcoming.id);
    expect(data.live.find((d: { id: string }) => d.id === live.id).product.title).to.equal('Tee <script>alert(1)</script> & co');
  });

  it('GET /drops/{id}: the drop as HTML; an unknown drop is a 404 page; a malformed id is the API\'s 404', async () => {
    const res = await t.client.get(`/drops/${live.id}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.include('<title>Tee &lt;script&gt;alert(1)&lt;/script&gt; &amp; co · Live Drops</title>');
    expect(res.text).to.include('Live · 8 of 8 left').and.include(`by @${creator.handle}`);
    expect(dataOf(res.text)).to.deep.include({ page: 'drop' });
    expect(dataOf(res.text).drop).to.deep.include({ id: live.id, status: 'live' });
    const missing = await fetch(`${t.url}/drops/no-such-drop`, { headers: { Accept: 'text/html,*/*;q=0.8' } });
    expect(missing.status).to.equal(404);
    expect(missing.headers.get('content-type')).to.match(/^text\/html/);
    expect(await missing.text()).to.include('No such drop');
    expectProblem(await t.client.get('/drops/no-such-drop'), 404, 'not_found');
    expectProblem(await t.client.get('/drops/a.b'), 404, 'not_found');
  });

  it("the app's other routes get the shell (with a no-script note); other paths stay the API's", async () => {
    for (const path of ['/login', '/inbox', '/studio', '/studio/drops/new', `/studio/drops/${live.id}`, `/creators/${creator.id}`]) {
      const res = await t.client.get(path);
      expect(res.status, path).to.equal(200);
      expect(res.text, path).to.include('<noscript>').and.include('<main id="main">');
    }
    expectProblem(await t.client.get('/nope'), 404, 'not_found');
    expectProblem(await t.client.get('/studio/secret/x'), 404, 'not_found');
    expectProblem(await t.client.post('/login', { body: {} }), 404, 'not_found');
  });

  it('compresses pages for clients that take it (Brotli first, then gzip)', async () => {
    for (const [accept, encoding] of [['gzip, br', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
      const res = await fetch(`${t.url}/`, { headers: { 'Accept-Encoding': accept } });
      expect(res.headers.get('content-encoding'), accept).to.equal(encoding);
      expect(res.headers.get('vary')).to.include('Accept-Encoding');
      expect(await res.text()).to.include('Live now'); // fetch inflates what it asked for
    }
  });
});

describe('web pages with a built app: its shell, hashed assets, and Redoc at /docs', () => {
  let t: TestServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedrops-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><title>x</title><script type="module" crossorigin src="/assets/app-abc123.js"></script></head><body><!--app--></body></html>');
    const js = 'console.log("app");'.repeat(50);
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), js);
    writeFileSync(join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync(js));
    writeFileSync(join(dir, 'assets', 'app-abc123.js.gz'), gzipSync(js));
    writeFileSync(join(dir, 'assets', 'redoc-def456.js'), 'void 0;');
    writeFileSync(join(dir, 'web-manifest.json'), JSON.stringify({ redoc: '/assets/redoc-def456.js' }));
    writeFileSync(join(dir, 'secret.json'), '{}');
    t = await startTestServer({ webDir: dir });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("pages are the built index.html around the content, with the page's title", async () => {
    const res = await t.client.get('/');
    expect(res.text).to.match(/^<!doctype html><html lang="en"><head><title>Live Drops<\/title><script type="module" crossorigin src="\/assets\/app-abc123.js"><\/script><\/head><body><div id="app">/);
  });

  it('serves hashed assets for a year, precompressed when accepted; nothing outside assets/', async () => {
    const br = await fetch(`${t.url}/assets/app-abc123.js`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.status).to.equal(200);
    expect(br.headers.get('content-encoding')).to.equal('br');
    expect(br.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(await br.text()).to.equal('console.log("app");'.repeat(50));
    const plain = await fetch(`${t.url}/assets/app-abc123.js`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).to.equal(null);
    expect(Number(plain.headers.get('content-length'))).to.equal(19 * 50);
    const head = await fetch(`${t.url}/assets/app-abc123.js`, { method: 'HEAD' });
    expect(head.status).to.equal(200);
    for (const path of ['/assets/..%2Fsecret.json', '/assets/../secret.json', '/assets/nope.js', '/assets/app-abc123.js.br', '/secret.json']) {
      expectProblem(await t.client.get(path), 404, 'not_found');
    }
  });

  it('GET /docs: Redoc from this server over /openapi.json, the plain reference inside <noscript>', async () => {
    const res = await t.client.get('/docs');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('<redoc spec-url="/openapi.json"').and.include('<script src="/assets/redoc-def456.js"></script>');
    expect(scripts(res.text)).to.deep.equal(['<script src="/assets/redoc-def456.js">']);
    expect(res.text).to.match(/<noscript>[\s\S]*GET<\/span> <code>\/v1\/drops\/\{id\}\/stats<\/code>[\s\S]*<\/noscript>/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).to.include("script-src 'self'").and.include("connect-src 'self'").and.not.include("script-src 'self' 'unsafe");
  });
});
