import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../routing/route.js';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  json: 'application/json',
};
// Built names only: letters, digits, dots, dashes and underscores; never a path.
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * Sends one built file, preferring the Brotli or gzip copy made at build time when the
 * client takes it. Hashed names (everything under /assets/) never change: cached for a year.
 * Returns false when there is no such file.
 */
export function sendStatic(ctx: AppContext, dir: string, name: string, immutable: boolean): boolean {
  const ext = name.slice(name.lastIndexOf('.') + 1);
  if (!NAME.test(name) || name.includes('..') || !TYPES[ext]) return false;
  const file = join(dir, name);
  if (!existsSync(file)) return false;
  const accepts = ctx.get('Accept-Encoding');
  const encoded = [
    { suffix: '.br', encoding: 'br' },
    { suffix: '.gz', encoding: 'gzip' },
  ].find((e) => new RegExp(`\\b${e.encoding}\\b`).test(accepts) && existsSync(file + e.suffix));
  const path = encoded ? file + encoded.suffix : file;
  ctx.status = 200;
  ctx.type = TYPES[ext]!;
  ctx.vary('Accept-Encoding');
  if (encoded) ctx.set('Content-Encoding', encoded.encoding);
  ctx.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
  ctx.length = statSync(path).size;
  // HEAD: headers only (a stream Koa never reads would hold its file open).
  if (ctx.method !== 'HEAD') ctx.body = createReadStream(path);
  return true;
}
