import { ConfigError } from '../config.js';
import type { PgPoolOptions } from './pg-pool.js';

// Pool settings travel in DATABASE_URL, the way Prisma reads `connection_limit`: one
// setting names the whole database connection, and every entry point (serve, migrate,
// seed, the simulator) understands it without a flag of its own.
const PARAMS = {
  connection_limit: 'max',
  statement_timeout: 'statementTimeoutMs',
  connect_timeout: 'connectTimeoutMs',
} as const;

/**
 * Splits `postgres://…?connection_limit=8&statement_timeout=5000&connect_timeout=3000`
 * (times in ms) into the URL node-postgres gets and our pool options. An invalid value
 * stops start-up naming DATABASE_URL.
 */
export function parsePostgresUrl(databaseUrl: string): PgPoolOptions {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
  }
  const opts: PgPoolOptions = { url: '' };
  for (const [param, key] of Object.entries(PARAMS) as Array<
    [keyof typeof PARAMS, (typeof PARAMS)[keyof typeof PARAMS]]
  >) {
    const text = url.searchParams.get(param);
    if (text === null) continue;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1)
      throw new ConfigError('DATABASE_URL', `${param}=${text} is not a positive integer`);
    opts[key] = n;
    url.searchParams.delete(param);
  }
  opts.url = url.toString();
  return opts;
}
