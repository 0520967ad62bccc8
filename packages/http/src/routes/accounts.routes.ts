import type { UseCases, User } from '@livedrops/core';
import { assertSameOrigin, clearSessionCookies, setSessionCookies } from '../middleware/session-cookie.js';
import { defineRoute, type AnyRoute, type AppContext } from '../routing/route.js';
import { AuthResultJson, LoginBody, RegisterBody, UserJson, userJson } from '../schemas/user.schema.js';

/** The new session as asked: the token in the body, or the web app's cookies and their CSRF token. */
function handOver(ctx: AppContext, mode: 'token' | 'cookie' | undefined, user: User, token: string) {
  if (mode !== 'cookie') return { user: userJson(user), token };
  return { user: userJson(user), csrfToken: setSessionCookies(ctx, token) };
}

export function accountRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/auth/register',
      operationId: 'register',
      tag: 'Accounts',
      summary: 'Create an account and sign in',
      auth: false,
      body: RegisterBody,
      responses: { 201: { description: 'Registered; the token is ready to use.', schema: AuthResultJson } },
      errors: ['handle_taken', 'rate_limited', 'csrf_failed'],
      async handle({ body, ctx }) {
        const { session, ...input } = body;
        // Another site's page must not sign a browser in (to an account of the attacker's choosing).
        if (session === 'cookie') assertSameOrigin(ctx);
        const { user, token } = await uc.register.execute({ ...input, client: ctx.ip });
        return { status: 201, body: handOver(ctx, session, user, token) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/auth/login',
      operationId: 'login',
      tag: 'Accounts',
      summary: 'Sign in with handle and password',
      description:
        'Wrong handle or password → 401. Repeated failures for one handle from one address, ' +
        'or many from one address → 429 with Retry-After.',
      auth: false,
      body: LoginBody,
      responses: { 200: { description: 'Signed in.', schema: AuthResultJson } },
      errors: ['unauthenticated', 'rate_limited', 'csrf_failed'],
      async handle({ body, ctx }) {
        const { session, ...input } = body;
        if (session === 'cookie') assertSameOrigin(ctx);
        const { user, token } = await uc.login.execute({ ...input, client: ctx.ip });
        return { status: 200, body: handOver(ctx, session, user, token) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/auth/logout',
      operationId: 'logout',
      tag: 'Accounts',
      summary: 'Revoke the token used for this request',
      description: 'Any request body is ignored. Signed in by the session cookie, the answer also clears it.',
      auth: true,
      responses: { 204: { description: 'Revoked; the token now answers 401.' } },
      errors: [],
      async handle({ ctx }) {
        await uc.sessions.logout(ctx.state.token!);
        if (ctx.state.credential === 'cookie') clearSessionCookies(ctx);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me',
      operationId: 'me',
      tag: 'Accounts',
      summary: 'The signed-in user',
      auth: true,
      responses: { 200: { description: 'The user behind the token.', schema: UserJson } },
      errors: [],
      handle: ({ user }) => ({ status: 200, body: userJson(user) }),
    }),
  ];
}
