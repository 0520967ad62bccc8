import { ConfigError, loadConfig, type Config } from '@livedrops/adapters';
import { UsageError } from './errors.js';
import { FLAGS } from './config-flags.js';

/**
 * Merges flags over the environment and validates. An invalid setting is a usage error
 * (exit 2) naming it, whether found here or later while opening the database.
 * Only the local admin commands load this module (and with it the adapters).
 */
export function configFrom(opts: Record<string, string | undefined>, env: NodeJS.ProcessEnv = process.env): Config {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [flag, name] of FLAGS) {
    const key = flag.slice(2, flag.indexOf(' ')).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (opts[key] !== undefined) merged[name] = opts[key];
  }
  try {
    return loadConfig(merged);
  } catch (e) {
    throw asUsageError(e);
  }
}

export function asUsageError(e: unknown): unknown {
  return e instanceof ConfigError ? new UsageError(e.message) : e;
}
