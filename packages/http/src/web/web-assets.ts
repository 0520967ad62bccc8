import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { esc } from './page-html.js';

/** The built web app as the server uses it. */
export interface WebShell {
  /** The built index.html, cut where the page content goes (`<!--app-->`). */
  head: string;
  tail: string;
  /** The built app's directory (`assets/` below it), or null: pages are then served without scripts. */
  dir: string | null;
  /** The local Redoc bundle for /docs (`/assets/…`), or null without a built app. */
  redoc: string | null;
}

const MARK = '<!--app-->';

/** Without a built app (`sh .ci/setup` builds it): the same pages, readable, with no script. */
const BARE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>Live Drops</title></head><body>${MARK}</body></html>`;

/**
 * Reads the app the web package built (`packages/web/dist/app`): its index.html as the page
 * shell, and where the Redoc bundle went. Read once at start-up; a missing or half-built
 * directory serves the bare shell rather than failing the server.
 */
export function loadWebShell(dir: string | undefined): WebShell {
  const index = dir === undefined ? undefined : join(dir, 'index.html');
  const html = index && existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  const at = html?.indexOf(MARK) ?? -1;
  if (dir === undefined || html === undefined || at < 0) {
    return {
      head: BARE.slice(0, BARE.indexOf(MARK)),
      tail: BARE.slice(BARE.indexOf(MARK) + MARK.length),
      dir: null,
      redoc: null,
    };
  }
  const manifest = join(dir, 'web-manifest.json');
  const redoc = existsSync(manifest)
    ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { redoc?: string }).redoc ?? null)
    : null;
  return { head: html.slice(0, at), tail: html.slice(at + MARK.length), dir, redoc };
}

/** A whole page: the shell with this page's title, content and (JSON) data for the app to start from. */
export function page(shell: WebShell, o: { title: string; body: string; json?: string }): string {
  const head = shell.head.replace(/<title>[^<]*<\/title>/, `<title>${esc(o.title)}</title>`);
  const data = o.json === undefined ? '' : `\n<script type="application/json" id="ld-data">${o.json}</script>`;
  return `${head}${o.body}${data}${shell.tail}`;
}
