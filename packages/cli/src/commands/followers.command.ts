import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { currentUser, listLimit, resolveCtx } from '../context.js';
import { csvRow } from '../csv.js';
import { CliError, UsageError } from '../errors.js';
import { example } from '../output.js';

interface FollowerJson {
  user: { id: string; handle: string; displayName: string };
  followedAt: string;
}

const CSV_HEADER = ['id', 'handle', 'displayName', 'followedAt'];

export function registerFollowersCommands(program: Command): void {
  const followers = program.command('followers').description('Your audience (creators only)');

  followers
    .command('list')
    .description('List your followers, newest first')
    .option('--limit <n>', 'how many to show', '20')
    .addHelpText('after', example('livedrops followers list --limit 50'))
    .action(async (opts: { limit: string }, cmd: Command) => {
      const max = listLimit(opts.limit);
      const ctx = resolveCtx(cmd);
      const me = await currentUser(ctx);
      const items = await ctx.api.list<FollowerJson>(`/v1/creators/${encodeURIComponent(me.id)}/followers`, { auth: true, max });
      if (ctx.out.json) return ctx.out.printJson(items);
      if (!items.length) return ctx.out.note('no followers yet');
      ctx.out.table(['ID', 'HANDLE', 'NAME', 'FOLLOWED'], items.map((f) => [f.user.id, f.user.handle, f.user.displayName, f.followedAt]));
    });

  followers
    .command('export')
    .description('Export every follower, walking all pages (progress on stderr)')
    .requiredOption('--format <format>', 'csv or jsonl')
    .option('--output <file>', 'write to this file (created 0600) instead of stdout')
    .addHelpText('after', example('livedrops followers export --format csv --output followers.csv', 'livedrops followers export --format jsonl | wc -l'))
    .action(async (opts: { format: string; output?: string }, cmd: Command) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') throw new UsageError(`invalid --format "${opts.format}": expected csv or jsonl`);
      const ctx = resolveCtx(cmd);
      const me = await currentUser(ctx);
      const file: WriteStream | undefined = opts.output ? createWriteStream(opts.output, { mode: 0o600 }) : undefined;
      if (file) await once(file, 'open').catch((e: Error) => Promise.reject(new CliError(`cannot write ${opts.output}: ${e.message}`)));
      const sink = file ?? process.stdout;
      // Honour backpressure: a million rows must not pile up in memory ahead of a slow disk or pipe.
      const write = async (text: string): Promise<void> => {
        if (!sink.write(text)) await once(sink, 'drain');
      };
      const progressTty = process.stderr.isTTY === true;
      let count = 0;
      let lastNote = Date.now();
      if (opts.format === 'csv') await write(csvRow(CSV_HEADER));
      for await (const page of ctx.api.pages<FollowerJson>(`/v1/creators/${encodeURIComponent(me.id)}/followers`, { auth: true })) {
        let chunk = '';
        for (const f of page) {
          chunk += opts.format === 'csv' ? csvRow([f.user.id, f.user.handle, f.user.displayName, f.followedAt]) : `${JSON.stringify(f)}\n`;
        }
        await write(chunk);
        count += page.length;
        // On a terminal one line redrawn with \r; elsewhere a line every few seconds, not per page.
        if (progressTty) process.stderr.write(`\rexported ${count} followers…`);
        else if (Date.now() - lastNote > 2000) {
          ctx.out.note(`exported ${count} followers…`);
          lastNote = Date.now();
        }
      }
      if (file) await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
      if (progressTty) process.stderr.write(`\r${' '.repeat(40)}\r`);
      ctx.out.note(`exported ${count} followers${opts.output ? ` to ${opts.output}` : ''}`);
      if (ctx.out.json && file) ctx.out.printJson({ exported: count, format: opts.format, output: opts.output });
    });
}
