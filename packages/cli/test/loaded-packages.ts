// Preloaded (`node --import`) into a CLI subprocess by conventions.spec.ts: at exit, writes the
// packages the process loaded through require (every driver and the server's frameworks are
// CommonJS) to the file named by LIVEDROPS_TEST_LOADED, one per line.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
const out = process.env.LIVEDROPS_TEST_LOADED;
process.on('exit', () => {
  const names = new Set<string>();
  for (const path of Object.keys(cache)) {
    const m = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (m) names.add(m[1]!);
  }
  if (out) writeFileSync(out, [...names].sort().join('\n'));
});
