import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expectProblem } from './support/client.js';
import { startTestServer, type TestServer } from './support/harness.js';

const HEAD = '<head><title>x</title><script type="module" crossorigin src="/assets/app-abc123.js"></script></head>';
const scripts = (html: string): string[] => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe('web pages with a built app: its shell, hashed assets, and Redoc at /docs', () => {
  let t: TestServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedrops-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en">${HEAD}<body><!--app--></body></html>`);
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
    const head = HEAD.replace('<title>x</title>', '<title>Live Drops</title>');
    const start = `<!doctype html><html lang="en">${head}<body><div id="app">`;
    expect(res.text.startsWith(start), res.text.slice(0, 300)).to.equal(true);
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
    for (const path of [
      '/assets/..%2Fsecret.json',
      '/assets/../secret.json',
      '/assets/nope.js',
      '/assets/app-abc123.js.br',
      '/secret.json',
    ]) {
      expectProblem(await t.client.get(path), 404, 'not_found');
    }
  });

  it('GET /docs: Redoc from this server over /openapi.json, the plain reference inside <noscript>', async () => {
    const res = await t.client.get('/docs');
    expect(res.status).to.equal(200);
    expect(res.text)
      .to.include('<redoc spec-url="/openapi.json"')
      .and.include('<script src="/assets/redoc-def456.js"></script>');
    expect(scripts(res.text)).to.deep.equal(['<script src="/assets/redoc-def456.js">']);
    expect(res.text).to.match(
      /<noscript>[\s\S]*GET<\/span> <code>\/v1\/drops\/\{id\}\/stats<\/code>[\s\S]*<\/noscript>/,
    );
    const csp = res.headers.get('content-security-policy')!;
    expect(csp)
      .to.include("script-src 'self'")
      .and.include("connect-src 'self'")
      .and.not.include("script-src 'self' 'unsafe");
  });
});
