import type { Command } from 'commander';
import { withConfigFlags } from '../config-flags.js';
import { example } from '../output.js';

export function registerServe(program: Command): void {
  withConfigFlags(program.command('serve'))
    .description('Run the Live Drops HTTP server (migrates the database first)')
    .addHelpText('after', example('livedrops serve --port 8080 --database-url sqlite:./drops.db'))
    .action(async (opts: Record<string, string | undefined>) => {
      // Loaded here, not at the top: client commands should not pay for the server's start-up.
      const [{ installSignalHandlers, startServer }, { configFrom, asUsageError }] = await Promise.all([import('@livedrops/http'), import('../admin-config.js')]);
      const config = configFrom(opts);
      const handle = await startServer(config).catch((e: unknown) => Promise.reject(asUsageError(e)));
      installSignalHandlers(handle);
    });
}
