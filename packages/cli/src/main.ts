#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerDropCommands } from './commands/drop.command.js';
import { registerFollowCommands } from './commands/follow.command.js';
import { registerFollowersCommands } from './commands/followers.command.js';
import { registerMigrate } from './commands/migrate.command.js';
import { registerOrderCommands } from './commands/orders.command.js';
import { registerProductCommands } from './commands/product.command.js';
import { registerSearchCommand } from './commands/search.command.js';
import { registerSeed } from './commands/seed.command.js';
import { registerServe } from './commands/serve.command.js';
import { registerSessionCommands } from './commands/session.command.js';
import { registerSim } from './commands/sim.command.js';
import { registerWaitlistCommands } from './commands/waitlist.command.js';
import { registerDrawCommands } from './commands/draw.command.js';
import { registerQueueCommands } from './commands/queue.command.js';
import { describeFailure, failureJson } from './errors.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// `--json` promises one JSON document on stdout, failures included; known before parsing,
// since a usage error may stop the parse itself. (After `--`, it is an argument, not the flag.)
const dashdash = process.argv.indexOf('--');
const wantsJson = process.argv.slice(2, dashdash < 0 ? undefined : dashdash).includes('--json');
let commanderMessage: string | undefined;

const program = new Command('livedrops')
  .version(pkg.version)
  .description('Live Drops: run drops from the terminal, against any Live Drops API; or run the server itself.')
  // Global flags, accepted before or after the subcommand (`livedrops drop list --json`).
  .option(
    '--api <url>',
    'API address [env LIVEDROPS_API; default: the one you logged in to, else http://127.0.0.1:3000]',
  )
  .option('--json', 'stable machine-readable JSON on stdout')
  .option('--no-color', 'no colours (also NO_COLOR=1 or TERM=dumb)')
  .configureHelp({ showGlobalOptions: true })
  .configureOutput({
    // Usage errors as one line in our voice, pointing at the help instead of dumping it.
    outputError: (text, write) => {
      commanderMessage = `${text
        .replace(/^error: /, '')
        .trim()
        .replace(/\s*\n\s*/g, ' ')} (see --help)`;
      write(`livedrops: ${commanderMessage}\n`);
    },
  })
  .exitOverride()
  .addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 failure, 2 usage, 3 not logged in or unauthorized, 4 conflict
(sold out, not live, handle taken…), 5 server unreachable.

Examples:
  $ livedrops login --handle ada
  $ livedrops drop list --status live
  $ livedrops drop watch 0193a2b4-…`,
  );

registerSessionCommands(program);
registerProductCommands(program);
registerSearchCommand(program);
registerDropCommands(program);
registerFollowersCommands(program);
registerFollowCommands(program);
registerOrderCommands(program);
registerWaitlistCommands(program);
registerDrawCommands(program);
registerQueueCommands(program);
registerServe(program);
registerMigrate(program);
registerSeed(program);
registerSim(program);

// exitOverride is inherited only by commands created after it, so set it on every one.
const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
for (const c of all(program)) c.exitOverride();

// `livedrops followers export --format jsonl | head` closes the pipe early: that is the reader
// saying "enough", not a failure worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/**
 * One line per failure on stderr; the exit code says which kind (docs/cli.md). With --json the
 * failure is also the one document on stdout, unless the command already printed its own.
 */
program.parseAsync(process.argv).catch((e: unknown) => {
  const failure = describeFailure(e);
  if (failure.line) process.stderr.write(`livedrops: ${failure.line}\n`);
  const printed = failure.exitCode === 0 || failure.reported === true;
  if (wantsJson && !printed) process.stdout.write(`${JSON.stringify(failureJson(failure, commanderMessage))}\n`);
  process.exit(failure.exitCode);
});
