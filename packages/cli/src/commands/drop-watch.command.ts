import type { Command } from 'commander';
import { resolveCtx } from '../context.js';
import { parseDuration } from '../duration.js';
import { watchDrop } from '../watch/drop-watcher.js';
import { example } from '../output.js';

export function registerDropWatch(drop: Command): void {
  drop
    .command('watch <id>')
    .description('Watch a drop live until it sells out or ends: stock bar, orders per second, time left, notifications')
    .option('--give-up-after <duration>', 'stop (exit 5) when the server stays unreachable this long', '30s')
    .addHelpText(
      'after',
      `
On a terminal the view redraws in place; otherwise (pipes, logs) it prints one line per
change, and with --json one JSON object per line. Notifications come from the API's
event stream when you are logged in; without it the stock is polled every 500 ms.
Exits 0 when the drop is sold out, ended or cancelled, and on Ctrl-C.
${example('livedrops drop watch 0193a2b4-…', 'livedrops drop watch 0193a2b4-… --json | jq -c "select(.type==\\"drop\\") | .drop.stock"')}`,
    )
    .action(async (id: string, opts: { giveUpAfter: string }, cmd: Command) => {
      const giveUpMs = parseDuration(opts.giveUpAfter, '--give-up-after');
      await watchDrop(resolveCtx(cmd), id, { intervalMs: 500, giveUpMs });
    });
}
