import { ConfigError, loadConfig, type Config } from '@livedrops/adapters';
import { UsageError } from './errors.js';
import { FLAGS, flagOf } from './config-flags.js';

/**
 * Merges flags over the environment and validates. An invalid setting is a usage error
 * (exit 2) naming it, whether found here or later while opening the database.
 * Only the local admin commands load this module (and with it the adapters).
 */
export function configFrom(opts: Record<string, string | undefined>, env: NodeJS.ProcessEnv = process.env): Config {
  const merged: Record<string, string | undefined> = { ...env };
  const fromFlags = new Set<string>();
  for (const [flag, name] of FLAGS) {
    const key = flag.slice(2, flag.indexOf(' ')).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (opts[key] === undefined) continue;
    merged[name] = opts[key];
    fromFlags.add(name);
  }
  try {
    return loadConfig(merged);
  } catch (e) {
    throw asUsageError(e, fromFlags);
  }
}

/** A ConfigError as a usage error, naming the flag when the value came from one (`--log-level`, not LOG_LEVEL). */
export function asUsageError(e: unknown, fromFlags: ReadonlySet<string> = new Set()): unknown {
  if (!(e instanceof ConfigError)) return e;
  const flag = fromFlags.has(e.setting) ? flagOf(e.setting) : undefined;
  return new UsageError(flag ? e.message.replace(`invalid ${e.setting}:`, `invalid ${flag}:`) : e.message);
}
