import type { Command } from 'commander';
import { resolveCtx } from '../context.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { example } from '../output.js';

interface EntryJson {
  dropId: string;
  joinedAt: string;
}

/** `waitlist join|leave|list`: units that come back to a drop are offered in join order. */
export function registerWaitlistCommands(program: Command): void {
  const waitlist = program
    .command('waitlist')
    .description("Wait for a drop's returned units (expired or cancelled holds are offered in join order)");
  waitlist
    .command('join <dropId>')
    .description('Join the waitlist of a drop (fine if you already wait)')
    .addHelpText(
      'after',
      `
When units come back, the first waiting user gets a hold of one unit and an order.offered
notification; pay for it with \`livedrops order pay\` before it expires.
${example('livedrops waitlist join 0193a2b4-…')}`,
    )
    .action(async (dropId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const r = await ctx.api.request<EntryJson>('PUT', `/v1/me/waitlist/${encodeURIComponent(dropId)}`, {
        auth: true,
      });
      const created = r.status === 201;
      if (ctx.out.json) return ctx.out.printJson({ ...r.body, created });
      ctx.out.note(
        created ? `Waiting for drop ${dropId}` : `Already waiting for drop ${dropId} (since ${r.body.joinedAt})`,
      );
    });
  waitlist
    .command('leave <dropId>')
    .description('Leave the waitlist of a drop (fine if you were not on it)')
    .action(async (dropId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      await ctx.api.send('DELETE', `/v1/me/waitlist/${encodeURIComponent(dropId)}`);
      if (ctx.out.json) return ctx.out.printJson({ dropId, waiting: false });
      ctx.out.note(`Not waiting for drop ${dropId}`);
    });
  pagingOptions(waitlist.command('list').description('The drops you wait for, newest first')).action(
    async (opts: ListFlags, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const list = await fetchList<EntryJson>(ctx, '/v1/me/waitlist', opts, { auth: true });
      printList(ctx, list, 'not waiting for any drop', (items) =>
        ctx.out.table(
          ['DROP', 'JOINED'],
          items.map((e) => [e.dropId, e.joinedAt]),
        ),
      );
    },
  );
}
