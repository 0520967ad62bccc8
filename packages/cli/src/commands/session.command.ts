import type { Command } from 'commander';
import { writeConfig } from '../config-store.js';
import { resolveCtx, type Ctx } from '../context.js';
import { ApiError, NotLoggedInError, UsageError } from '../errors.js';
import { obtainPassword, promptSecret } from '../prompt.js';
import { example } from '../output.js';

export interface UserJson {
  id: string;
  handle: string;
  displayName: string;
  isCreator: boolean;
  createdAt: string;
}

/** Remembers the session; the token stays in the 0600 file and is never printed. */
function remember(ctx: Ctx, user: UserJson, token: string): void {
  const path = writeConfig(
    { ...ctx.config, api: ctx.api.api, token, user: { id: user.id, handle: user.handle } },
    ctx.env,
  );
  if (ctx.out.json) ctx.out.printJson({ api: ctx.api.api, user });
  else
    ctx.out.note(
      `${ctx.out.ce.green('✓')} Logged in to ${ctx.api.api} as ${user.handle}${user.isCreator ? ' (creator)' : ''} — token saved in ${path}`,
    );
}

export function registerSessionCommands(program: Command): void {
  program
    .command('register')
    .description('Create an account on the API and log in')
    .requiredOption('--handle <handle>', '3-32 of a-z, 0-9 and _')
    .option('--display-name <name>', 'shown to others (default: the handle)')
    .option('--creator', 'a creator account, which can sell products and run drops')
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .addHelpText(
      'after',
      example(
        'livedrops register --handle ada --creator',
        'printf %s "$PW" | livedrops register --handle bob --password-stdin',
      ),
    )
    .action(
      async (
        opts: { handle: string; displayName?: string; creator?: boolean; passwordStdin?: boolean },
        cmd: Command,
      ) => {
        const ctx = resolveCtx(cmd);
        const password = await obtainPassword(opts);
        if (!opts.passwordStdin && (await promptSecret('Confirm password: ')) !== password)
          throw new UsageError('the passwords do not match');
        const body = { handle: opts.handle, password, displayName: opts.displayName, isCreator: opts.creator === true };
        const { user, token } = await ctx.api.send<{ user: UserJson; token: string }>(
          'POST',
          '/v1/auth/register',
          body,
          { auth: false },
        );
        remember(ctx, user, token);
      },
    );

  program
    .command('login')
    .description('Log in and save the token for later commands')
    .requiredOption('--handle <handle>', 'your handle')
    .option('--password-stdin', 'read the password from stdin instead of prompting')
    .addHelpText(
      'after',
      example(
        'livedrops login --handle ada',
        'livedrops login --handle ada --api https://drops.example.com',
        'printf %s "$PW" | livedrops login --handle ada --password-stdin',
      ),
    )
    .action(async (opts: { handle: string; passwordStdin?: boolean }, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const password = await obtainPassword(opts);
      const { user, token } = await ctx.api.send<{ user: UserJson; token: string }>(
        'POST',
        '/v1/auth/login',
        { handle: opts.handle, password },
        { auth: false },
      );
      remember(ctx, user, token);
    });

  program
    .command('logout')
    .description('Revoke the token on the server and forget it')
    .addHelpText('after', example('livedrops logout'))
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      if (!ctx.api.hasToken) throw new NotLoggedInError();
      try {
        await ctx.api.send('POST', '/v1/auth/logout');
      } catch (e) {
        // Already revoked or expired: forgetting it is all that is left to do.
        if (!(e instanceof ApiError && e.problem.status === 401)) throw e;
      }
      if (ctx.config.token && ctx.config.token === ctx.api.token) {
        const { token: _t, user: _u, ...rest } = ctx.config;
        writeConfig(rest, ctx.env);
      }
      if (ctx.out.json) ctx.out.printJson({ api: ctx.api.api, loggedOut: true });
      else ctx.out.note(`Logged out of ${ctx.api.api}`);
    });

  program
    .command('whoami')
    .description('Show who the saved token belongs to')
    .addHelpText('after', example('livedrops whoami', 'livedrops whoami --json | jq -r .user.id'))
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const user = await ctx.api.get<UserJson>('/v1/me', { auth: true });
      if (ctx.out.json) return ctx.out.printJson({ api: ctx.api.api, user });
      const { c } = ctx.out;
      ctx.out.line(`${c.bold(user.handle)}${user.isCreator ? ' (creator)' : ''} on ${ctx.api.api}`);
      ctx.out.line(`${c.dim('id')}  ${user.id}`);
    });
}
