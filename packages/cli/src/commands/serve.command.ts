import type { Command } from 'commander';
import { withConfigFlags } from '../config-flags.js';
import { createOutput, example } from '../output.js';
import { cliName } from '../cli-name.js';

const DEFAULT_DATABASE = 'sqlite:./livedrops.db';

/** The one line a person at a terminal sees once the server is up: where, the docs, what to try. */
export function banner(url: string, databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const db = databaseUrl === DEFAULT_DATABASE ? '' : ` --database-url ${databaseUrl}`;
  return `Live Drops on ${url} — API docs ${url}/docs · try: ${cliName(env)} seed --demo${db}`;
}

export function registerServe(program: Command): void {
  withConfigFlags(program.command('serve'))
    .description('Run the Live Drops HTTP server (migrates the database first)')
    .addHelpText(
      'after',
      `
On a terminal it prints one line saying where it listens, then logs failures and slow requests
as readable lines; elsewhere (or with --log-format json, LOG_FORMAT=json or --json) JSON lines,
one per request.${example('livedrops serve --port 8080 --database-url sqlite:./drops.db', 'livedrops serve --log-format json | tee log')}`,
    )
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      // Loaded here, not at the top: client commands should not pay for the server's start-up.
      const [http, { configFrom, asUsageError }, { webDir }] = await Promise.all([
        import('@livedrops/http'),
        import('../admin-config.js'),
        import('@livedrops/web'),
      ]);
      http.keepRequestsYoung();
      const config = configFrom(opts);
      const g = cmd.optsWithGlobals<{ json?: boolean; color?: boolean }>();
      const format = g.json ? 'json' : (config.logFormat ?? http.defaultLogFormat(process.stdout));
      const logger = http.createLogger(config.logLevel, undefined, format);
      const out = createOutput({ json: false, color: g.color !== false });
      const forPeople = format === 'pretty' && config.logLevel !== 'silent';
      const handle = await http
        .startServer(config, {
          logger,
          // The web app at `/`, when the set-up has built it (else its pages come without scripts).
          ...(webDir() && { webDir: webDir() }),
          ...(forPeople && {
            requestLog: 'notable' as const,
            announce: (url: string) => out.line(out.c.bold(banner(url, config.databaseUrl))),
          }),
        })
        .catch((e: unknown) => Promise.reject(asUsageError(e)));
      http.installSignalHandlers(handle, logger);
    });
}
