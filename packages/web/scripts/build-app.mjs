#!/usr/bin/env node
// Builds the web app into dist/app, for `livedrops serve` to serve (run by .ci/setup):
// type-checks app/ (Vite only strips types), bundles it with Vite, copies the Redoc bundle for
// /docs beside it (with its one CDN reference, a logo, made local), and writes Brotli and gzip
// copies of every asset so the server sends them without compressing on each request.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = join(here, 'dist', 'app');
const require = createRequire(join(here, 'package.json'));
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

execFileSync(process.execPath, [join(packageDir('typescript'), 'bin', 'tsc'), '-p', join(here, 'app')], {
  stdio: 'inherit',
});
await build({ configFile: join(here, 'vite.config.mjs') });

// Redoc's standalone bundle shows a Redocly logo from their CDN; the page's CSP would block it,
// so it becomes a local file. Anything else reaching outside would show up here first.
const logo = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
let redoc = readFileSync(join(packageDir('redoc'), 'bundles', 'redoc.standalone.js'), 'utf8');
if (!redoc.includes(logo)) throw new Error(`build-app: the Redoc bundle no longer names ${logo}; check what it loads`);
redoc = redoc.replaceAll(logo, '/favicon.svg');
const redocName = `redoc.standalone-${createHash('sha256').update(redoc).digest('hex').slice(0, 10)}.js`;
writeFileSync(join(out, 'assets', redocName), redoc);
writeFileSync(join(out, 'web-manifest.json'), `${JSON.stringify({ redoc: `/assets/${redocName}` }, null, 2)}\n`);

for (const name of readdirSync(join(out, 'assets'))) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const file = join(out, 'assets', name);
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}
console.error(`build-app: built ${out}`);
