import type { Browser, BrowserContext } from 'playwright-core';

export interface LoadReport {
  path: string;
  /** Bytes on the wire for the first load (empty cache), by kind, as the browser received them. */
  transferred: { total: number; js: number; css: number; html: number; other: number };
  /** The same files as gzip would send them (each fetched again with Accept-Encoding: gzip). */
  gzip: { total: number; js: number };
  /** Lighthouse-style timings from the Performance API, in ms. */
  fcp: number;
  lcp: number;
  /** Total blocking time: the part of each long task (> 50 ms) past 50 ms, up to the load's end. */
  tbt: number;
  /** Whether the element of the last LCP entry is still in the page (the app kept what was painted). */
  lcpKept: boolean;
}

export interface Throttle {
  /** CPU slow-down factor (Lighthouse's mobile run uses 4). */
  cpu: number;
  /** Round trip and download speed (Lighthouse's "slow 4G": 150 ms, 1.6 Mbit/s). */
  latencyMs: number;
  downloadBitsPerSecond: number;
}

const kindOf = (type: string): 'js' | 'css' | 'html' | 'other' =>
  /javascript/.test(type) ? 'js' : /css/.test(type) ? 'css' : /html/.test(type) ? 'html' : 'other';

/** Loads `path` in a fresh context (nothing cached) and measures what it cost and how soon it showed. */
export async function measureFirstLoad(
  browser: Browser,
  url: string,
  path: string,
  o: { throttle?: Throttle; javaScript?: boolean } = {},
): Promise<LoadReport> {
  const ctx: BrowserContext = await browser.newContext({
    viewport: { width: 412, height: 823 },
    javaScriptEnabled: o.javaScript ?? true,
  });
  await ctx.addInitScript(() => {
    const w = window as unknown as { __perf: { lcp: number; tbt: number; el?: Element | null } };
    w.__perf = { lcp: 0, tbt: 0 };
    const lcp = (e: PerformanceEntry) => (
      (w.__perf.lcp = e.startTime), (w.__perf.el = (e as PerformanceEntry & { element: Element | null }).element)
    );
    new PerformanceObserver((l) => l.getEntries().forEach(lcp)).observe({
      type: 'largest-contentful-paint',
      buffered: true,
    });
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => (w.__perf.tbt += Math.max(0, e.duration - 50))),
    ).observe({ type: 'longtask', buffered: true });
  });
  const page = await ctx.newPage();
  if (o.throttle) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.throttle.cpu });
    await cdp.send('Network.enable');
    const bytesPerSecond = o.throttle.downloadBitsPerSecond / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: o.throttle.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond / 2,
    });
  }
  const responses: Array<Promise<{ url: string; kind: ReturnType<typeof kindOf>; bytes: number }>> = [];
  page.on('response', (r) => {
    if (!r.url().startsWith(url)) return;
    const kind = kindOf(r.headers()['content-type'] ?? '');
    responses.push(
      r
        .request()
        .sizes()
        .then((s) => ({ url: r.url(), kind, bytes: s.responseBodySize + s.responseHeadersSize })),
    );
  });
  await page.goto(url + path, { waitUntil: 'load' });
  await page.waitForTimeout(1_000); // LCP and long tasks settle after load
  const perf = await page.evaluate(() => {
    const w = window as unknown as { __perf?: { lcp: number; tbt: number; el?: Element | null } };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    return { fcp, lcp: w.__perf?.lcp ?? 0, tbt: w.__perf?.tbt ?? 0, lcpKept: w.__perf?.el?.isConnected ?? false };
  });
  const got = await Promise.all(responses);
  await ctx.close();
  const transferred = { total: 0, js: 0, css: 0, html: 0, other: 0 };
  for (const r of got) {
    transferred.total += r.bytes;
    transferred[r.kind] += r.bytes;
  }
  const gzip = { total: 0, js: 0 };
  for (const r of got) {
    const res = await fetch(r.url, { headers: { 'Accept-Encoding': 'gzip' } });
    const bytes = Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
    gzip.total += bytes;
    if (r.kind === 'js') gzip.js += bytes;
  }
  const round = (n: number) => Math.round(n);
  return {
    path,
    transferred,
    gzip,
    fcp: round(perf.fcp),
    lcp: round(perf.lcp || perf.fcp),
    tbt: round(perf.tbt),
    lcpKept: perf.lcpKept,
  };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export function describeLoad(r: LoadReport): string {
  const t = r.transferred;
  const bytes = `${kb(t.total)} transferred (JS ${kb(t.js)}, CSS ${kb(t.css)}, HTML ${kb(t.html)})`;
  const gzip = `gzip ${kb(r.gzip.total)} (JS ${kb(r.gzip.js)})`;
  return `${r.path}: ${bytes}; ${gzip}; FCP ${r.fcp} ms, LCP ${r.lcp} ms, TBT ${r.tbt} ms`;
}
