import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the built app is (`dist/app`, made by `scripts/build-app.mjs` from `.ci/setup`), for
 * `livedrops serve` to hand to the HTTP server; undefined when it has not been built, and the
 * server then serves its pages without scripts.
 */
export function webDir(): string | undefined {
  const dir = fileURLToPath(new URL('../app/', import.meta.url));
  return existsSync(`${dir}index.html`) ? dir : undefined;
}
