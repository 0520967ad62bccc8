import type { Command } from 'commander';
import { resolveCtx } from '../context.js';
import { example } from '../output.js';

export function registerFollowCommands(program: Command): void {
  program
    .command('follow <creatorId>')
    .description('Follow a creator, to hear when their drops start, run low and sell out')
    .addHelpText('after', example('livedrops follow 0193a2b4-…'))
    .action(async (creatorId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const r = await ctx.api.request<{ creatorId: string; followedAt: string }>('PUT', `/v1/me/following/${encodeURIComponent(creatorId)}`, { auth: true });
      const created = r.status === 201;
      if (ctx.out.json) return ctx.out.printJson({ ...r.body, created });
      ctx.out.note(created ? `Now following ${creatorId}` : `Already following ${creatorId} (since ${r.body.followedAt})`);
    });

  program
    .command('unfollow <creatorId>')
    .description('Stop following a creator (fine if you were not)')
    .addHelpText('after', example('livedrops unfollow 0193a2b4-…'))
    .action(async (creatorId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      await ctx.api.send('DELETE', `/v1/me/following/${encodeURIComponent(creatorId)}`);
      if (ctx.out.json) return ctx.out.printJson({ creatorId, following: false });
      ctx.out.note(`Not following ${creatorId}`);
    });
}
