import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { currentUser, resolveCtx, type Ctx } from '../context.js';
import { csvRow } from '../csv.js';
import { CliError, UsageError } from '../errors.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { example } from '../output.js';
import { cliName } from '../cli-name.js';

interface FollowerJson {
  user: { id: string; handle: string; displayName: string };
  followedAt: string;
}

const CSV_HEADER = ['id', 'handle', 'displayName', 'followedAt'];

/** Only creators have followers: say so, rather than listing none. */
async function creatorSelf(ctx: Ctx): Promise<{ id: string; handle: string }> {
  const me = await currentUser(ctx);
  if (!me.isCreator) {
    const how = `${cliName()} register --creator`;
    throw new CliError(
      `@${me.handle} is a fan account: only creators have followers (a creator account is made with: ${how})`,
    );
  }
  return me;
}

type ExportFormat = 'csv' | 'jsonl' | 'json';

/**
 * `--format`, else what the --output name says (.jsonl/.ndjson, else csv). To stdout with
 * --json, one JSON array (the one document --json promises), streamed like the rest.
 */
export function exportFormat(format: string | undefined, output: string | undefined, json: boolean): ExportFormat {
  if (json && !output) {
    if (format !== undefined) {
      throw new UsageError('--json prints the followers as one JSON array: leave out --format, or give --output FILE');
    }
    return 'json';
  }
  const chosen = format ?? (/\.(jsonl|ndjson)$/i.test(output ?? '') ? 'jsonl' : 'csv');
  if (chosen !== 'csv' && chosen !== 'jsonl')
    throw new UsageError(`invalid --format "${chosen}": expected csv or jsonl`);
  return chosen;
}

const ROW: Record<ExportFormat, (f: FollowerJson, first: boolean) => string> = {
  csv: (f) => csvRow([f.user.id, f.user.handle, f.user.displayName, f.followedAt]),
  jsonl: (f) => `${JSON.stringify(f)}\n`,
  json: (f, first) => `${first ? '' : ',\n'}${JSON.stringify(f)}`,
};

export function registerFollowersCommands(program: Command): void {
  const followers = program.command('followers').description('Your audience (creators only)');

  pagingOptions(followers.command('list').description('List your followers, newest first'))
    .addHelpText('after', example('livedrops followers list --limit 50'))
    .action(async (opts: ListFlags, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const me = await creatorSelf(ctx);
      const list = await fetchList<FollowerJson>(ctx, `/v1/creators/${encodeURIComponent(me.id)}/followers`, opts, {
        auth: true,
      });
      const row = (f: FollowerJson): string[] => [`@${f.user.handle}`, f.user.displayName, f.followedAt];
      printList(ctx, list, 'no followers yet', (items) =>
        ctx.out.table(['HANDLE', 'NAME', 'FOLLOWED'], items.map(row)),
      );
    });

  followers
    .command('export')
    .description('Export every follower, walking all pages (progress on stderr)')
    .option(
      '--format <format>',
      'csv or jsonl (default: by the --output name, else csv; --json to stdout: one JSON array)',
    )
    .option('--output <file>', 'write to this file (created 0600) instead of stdout')
    .addHelpText(
      'after',
      example('livedrops followers export --output followers.csv', 'livedrops followers export --format jsonl | wc -l'),
    )
    .action(async (opts: { format?: string; output?: string }, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const format = exportFormat(opts.format, opts.output, ctx.out.json);
      const me = await creatorSelf(ctx);
      const file: WriteStream | undefined = opts.output ? createWriteStream(opts.output, { mode: 0o600 }) : undefined;
      if (file)
        await once(file, 'open').catch((e: Error) =>
          Promise.reject(new CliError(`cannot write ${opts.output}: ${e.message}`)),
        );
      const sink = file ?? process.stdout;
      // Honour backpressure: a million rows must not pile up in memory ahead of a slow disk or pipe.
      const write = async (text: string): Promise<void> => {
        if (!sink.write(text)) await once(sink, 'drain');
      };
      const progressTty = process.stderr.isTTY === true;
      let count = 0;
      let lastNote = Date.now();
      if (format === 'csv') await write(csvRow(CSV_HEADER));
      if (format === 'json') await write('[\n');
      for await (const { data: page } of ctx.api.pages<FollowerJson>(
        `/v1/creators/${encodeURIComponent(me.id)}/followers`,
        { auth: true },
      )) {
        let chunk = '';
        for (const f of page) chunk += ROW[format](f, count === 0 && chunk === '');
        await write(chunk);
        count += page.length;
        // On a terminal one line redrawn with \r; elsewhere a line every few seconds, not per page.
        if (progressTty) process.stderr.write(`\rexported ${count} followers…`);
        else if (Date.now() - lastNote > 2000) {
          ctx.out.note(`exported ${count} followers…`);
          lastNote = Date.now();
        }
      }
      if (format === 'json') await write(`${count ? '\n' : ''}]\n`);
      if (file)
        await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
      if (progressTty) process.stderr.write(`\r${' '.repeat(40)}\r`);
      ctx.out.note(`exported ${count} followers${opts.output ? ` to ${opts.output}` : ''}`);
      if (ctx.out.json && file) ctx.out.printJson({ exported: count, format, output: opts.output });
    });
}
