import type { Command } from 'commander';
import { withConfigFlags } from '../config-flags.js';
import { example } from '../output.js';

export function registerMigrate(program: Command): void {
  withConfigFlags(program.command('migrate'), ['DATABASE_URL'])
    .description('Apply pending database migrations and exit')
    .addHelpText('after', example('livedrops migrate --database-url sqlite:./drops.db'))
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const [{ migrateDatabase }, { configFrom, asUsageError }] = await Promise.all([
        import('@livedrops/adapters'),
        import('../admin-config.js'),
      ]);
      const applied = await migrateDatabase(configFrom(opts)).catch((e: unknown) => Promise.reject(asUsageError(e)));
      process.stderr.write(applied.length ? `applied ${applied.length} migration(s)\n` : 'database is up to date\n');
      if (cmd.optsWithGlobals<{ json?: boolean }>().json) process.stdout.write(`${JSON.stringify({ applied })}\n`);
      else for (const name of applied) process.stdout.write(`${name}\n`);
    });
}
