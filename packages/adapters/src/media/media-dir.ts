import { basename, dirname, extname, join } from 'node:path';

/** The embedded profile keeps images beside its database: `./livedrops.db` → `./livedrops-media/`. */
export function mediaDirFor(databaseFile: string): string {
  return join(dirname(databaseFile), `${basename(databaseFile, extname(databaseFile))}-media`);
}
