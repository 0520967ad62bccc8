import type { UseCases } from '@livedrops/core';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { AuthResultJson, LoginBody, RegisterBody, UserJson, userJson } from '../schemas/user.schema.js';

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
      errors: ['handle_taken', 'rate_limited'],
      async handle({ body, ctx }) {
        const { user, token } = await uc.register.execute({ ...body, client: ctx.ip });
        return { status: 201, body: { user: userJson(user), token } };
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
      errors: ['unauthenticated', 'rate_limited'],
      async handle({ body, ctx }) {
        const { user, token } = await uc.login.execute({ ...body, client: ctx.ip });
        return { status: 200, body: { user: userJson(user), token } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/auth/logout',
      operationId: 'logout',
      tag: 'Accounts',
      summary: 'Revoke the token used for this request',
      description: 'Any request body is ignored.',
      auth: true,
      responses: { 204: { description: 'Revoked; the token now answers 401.' } },
      errors: [],
      async handle({ ctx }) {
        await uc.sessions.logout(ctx.state.token!);
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
