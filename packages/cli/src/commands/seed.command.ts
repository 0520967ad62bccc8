import type { Command } from 'commander';
import type { Config, DataAdapters } from '@livedrops/adapters';
import type { UseCases } from '@livedrops/core';
import { withConfigFlags } from '../config-flags.js';
import { parseCount } from '../duration.js';
import { UsageError } from '../errors.js';
import { createOutput, example, type Output } from '../output.js';
import { cliName } from '../cli-name.js';

interface SeedOpts {
  demo?: boolean;
  followers?: string;
  creator?: string;
  databaseUrl?: string;
}

/** A line redrawn with \r on a terminal; elsewhere a line every couple of seconds. */
function progressReporter(out: Output): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return (done, total) => {
    const line = `seeded ${done}/${total} followers`;
    if (tty) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || Date.now() - last > 2000) {
      out.note(line);
      last = Date.now();
    }
  };
}

async function withData<T>(config: Config, work: (uc: UseCases, data: DataAdapters) => Promise<T>): Promise<T> {
  // A memory database would vanish with this process, and with it everything seeded.
  if (!/^(sqlite:|postgres(ql)?:)/.test(config.databaseUrl) || config.databaseUrl === 'sqlite::memory:') {
    throw new UsageError(
      `seed needs a database that outlives this process (sqlite:<path> or postgres://…), not ${config.databaseUrl}`,
    );
  }
  const [{ ADAPTER_TOKENS, createContainer }, { TOKENS }, { asUsageError }] = await Promise.all([
    import('@livedrops/adapters'),
    import('@livedrops/core'),
    import('../admin-config.js'),
  ]);
  const container = await createContainer(config).catch((e: unknown) => Promise.reject(asUsageError(e)));
  try {
    return await work(container.get<UseCases>(TOKENS.UseCases), container.get<DataAdapters>(ADAPTER_TOKENS.Data));
  } finally {
    await container.unbindAllAsync();
  }
}

export function registerSeed(program: Command): void {
  withConfigFlags(program.command('seed'), ['DATABASE_URL'])
    .description('Fill a local database directly (not over HTTP): a demo world, or many followers for load tests')
    .option('--demo', 'a demo creator and fan (both can log in), products, followers and a drop starting in a minute')
    .option('--followers <n>', 'create N follower accounts (who cannot log in) following --creator')
    .option('--creator <handle>', 'the creator to follow, with --followers')
    .addHelpText(
      'after',
      example(
        'livedrops seed --demo',
        'livedrops seed --followers 1000000 --creator demo_creator --database-url sqlite:./livedrops.db',
        'livedrops seed --demo --database-url postgres://127.0.0.1:5432/livedrops',
      ),
    )
    .action(async (opts: SeedOpts, cmd: Command) => {
      const out = createOutput({
        json: cmd.optsWithGlobals<{ json?: boolean }>().json === true,
        color: cmd.optsWithGlobals<{ color?: boolean }>().color !== false,
      });
      if (Boolean(opts.demo) === (opts.followers !== undefined))
        throw new UsageError('give either --demo or --followers N --creator HANDLE');
      if (opts.followers !== undefined && !opts.creator) throw new UsageError('--followers needs --creator HANDLE');
      const count = opts.followers === undefined ? 0 : parseCount(opts.followers, '--followers', 1, 100_000_000);
      // Loaded here, not at the top: client commands should not pay for the database drivers.
      const [{ configFrom }, { seedDemo }, { seedFollowers }] = await Promise.all([
        import('../admin-config.js'),
        import('../seed/seed-demo.js'),
        import('../seed/seed-followers.js'),
      ]);
      const config = configFrom(opts as Record<string, string | undefined>);
      if (opts.demo) {
        const r = await withData(config, (uc, data) => seedDemo(uc, data, Date.now()));
        if (out.json) return out.printJson(r);
        const { c } = out;
        out.line(
          `${c.bold('Demo creator')}  handle ${c.bold(r.creator.handle)}  password ${c.bold(r.creator.password)}`,
        );
        out.line(`${c.bold('Demo fan')}      handle ${c.bold(r.fan.handle)}  password ${c.bold(r.fan.password)}`);
        out.line(
          `${r.products.length} products, ${r.followers} followers, drop ${r.drop.id} "${r.drop.title}" starts ${r.drop.startsAt}`,
        );
        const cli = cliName();
        out.note(
          `\nNext, with the server running (${cli} serve):\n  ${cli} login --handle ${r.creator.handle}\n  ${cli} drop watch ${r.drop.id}`,
        );
        return;
      }
      const started = Date.now();
      const r = await withData(config, (_uc, data) => seedFollowers(data, opts.creator!, count, progressReporter(out)));
      const seconds = (Date.now() - started) / 1000;
      const result = {
        creator: opts.creator,
        creatorId: r.creatorId,
        created: r.created,
        followerCount: r.followerCount,
        seconds,
      };
      if (out.json) return out.printJson(result);
      out.line(
        `${r.created} followers created for ${opts.creator} in ${seconds.toFixed(1)}s (${Math.round(r.created / seconds)}/s); follower count now ${r.followerCount}`,
      );
    });
}
