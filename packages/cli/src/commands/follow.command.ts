import type { Command } from 'commander';
import { resolveCtx } from '../context.js';
import { resolveCreator, type CreatorJson } from '../creators.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { example } from '../output.js';

const who = (c: CreatorJson): string => `@${c.handle}${c.displayName !== c.handle ? ` (${c.displayName})` : ''}`;

export function registerFollowCommands(program: Command): void {
  pagingOptions(
    program
      .command('creators [query]')
      .description('Find creators by the start of their handle or name (accents and case do not matter)'),
  )
    .addHelpText('after', example('livedrops creators ada', 'livedrops creators "émile z" --json'))
    .action(async (query: string | undefined, opts: ListFlags, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const list = await fetchList<CreatorJson>(ctx, '/v1/creators', opts, {
        query: { q: query },
        flags: { q: 'query' },
      });
      const empty = query ? `no creator's handle or name starts with "${query}"` : 'no creators yet';
      const row = (c: CreatorJson): string[] => [`@${c.handle}`, c.displayName, String(c.followerCount)];
      printList(ctx, list, empty, (items) => ctx.out.table(['HANDLE', 'NAME', 'FOLLOWERS'], items.map(row)));
    });

  program
    .command('follow <creator>')
    .description('Follow a creator (by handle, or id), to hear when their drops start, run low and sell out')
    .addHelpText('after', example('livedrops follow ada', 'livedrops follow @ada --json'))
    .action(async (text: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const creator = await resolveCreator(ctx, text);
      const path = `/v1/me/following/${encodeURIComponent(creator.id)}`;
      const r = await ctx.api.request<{ creatorId: string; followedAt: string }>('PUT', path, { auth: true });
      const created = r.status === 201;
      const { id, handle, displayName } = creator;
      if (ctx.out.json) return ctx.out.printJson({ ...r.body, created, creator: { id, handle, displayName } });
      ctx.out.note(
        created ? `Now following ${who(creator)}` : `Already following ${who(creator)} (since ${r.body.followedAt})`,
      );
    });

  program
    .command('unfollow <creator>')
    .description('Stop following a creator, by handle or id (fine if you were not)')
    .addHelpText('after', example('livedrops unfollow ada'))
    .action(async (text: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const creator = await resolveCreator(ctx, text);
      await ctx.api.send('DELETE', `/v1/me/following/${encodeURIComponent(creator.id)}`);
      if (ctx.out.json) return ctx.out.printJson({ creatorId: creator.id, handle: creator.handle, following: false });
      ctx.out.note(`Not following ${who(creator)}`);
    });
}
