import type { UseCases } from '@livedrops/core';
import { createHandler } from 'graphql-http';
import { z } from 'zod';
import { HttpError } from '../errors/problem.js';
import { createContext, type GraphQLContext } from '../graphql/context.js';
import { errorFormatter, logInternal } from '../graphql/errors.js';
import { costRule, validateOperation } from '../graphql/limits.js';
import { parseCached } from '../graphql/parse-cache.js';
import { schema, schemaText } from '../graphql/schema.js';
import { authenticate } from '../middleware/auth.js';
import { defineRoute, type AnyRoute, type AppContext } from '../routing/route.js';
import type { LiveStreams } from '../streams/live-streams.js';

export interface GraphQLRouteDeps {
  useCases: UseCases;
  streams: LiveStreams;
  /** False (GRAPHQL_INTROSPECTION=false): introspection queries are refused and the SDL is not served. */
  introspection: boolean;
}

const QUERY_MAX = 32 * 1024;
const query = z.string().min(1).max(QUERY_MAX).meta({ description: 'The GraphQL document.' });
const GraphQLBody = z
  .object({
    query,
    variables: z.record(z.string(), z.unknown()).nullish(),
    operationName: z.string().max(256).nullish(),
    extensions: z.record(z.string(), z.unknown()).nullish(),
  })
  .meta({ id: 'GraphQLRequest', description: 'A GraphQL-over-HTTP request.' });
/** A query-string parameter holding a JSON object (GraphQL over HTTP's GET form). */
const jsonObjectText = (description: string) =>
  z.string().max(QUERY_MAX).refine(isJsonObject, { error: 'must be a JSON object' }).optional().meta({ description });
const GraphQLQuery = z.object({
  query,
  variables: jsonObjectText('JSON object of variables.'),
  operationName: z.string().max(256).optional(),
  extensions: jsonObjectText('JSON object of extensions.'),
});
function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

const GraphQLResult = z
  .object({
    data: z.record(z.string(), z.unknown()).nullable().optional(),
    errors: z
      .array(
        z.object({
          message: z.string(),
          path: z.array(z.union([z.string(), z.int()])).optional(),
          extensions: z
            .object({
              code: z.string().meta({ description: 'The REST problem code (`not_found`, `validation_failed`, …).' }),
            })
            .catchall(z.unknown()),
        }),
      )
      .optional(),
  })
  .meta({ id: 'GraphQLResponse' });

const DESCRIPTION = [
  'One schema over the same use cases as the REST API; the schema is `GET /graphql/schema.graphql`',
  '(also `packages/http/schema.graphql` in the repository).',
  'Anonymous requests read the public catalog; with `Authorization: Bearer` also `me`, `order` and the mutations',
  '(a bad token is a 401 problem, like REST).',
  'Errors are GraphQL errors whose `extensions.code` is the REST problem code. Limits: depth 8, a cost budget, `first` 1..100.',
  'Responses are `application/graphql-response+json` when accepted (request errors then answer 400), else `application/json` (200).',
  'Subscriptions: WebSocket on the same path, subprotocol `graphql-transport-ws`.',
].join(' ');

export function graphqlRoutes(deps: GraphQLRouteDeps): AnyRoute[] {
  const format = errorFormatter({ introspection: deps.introspection });
  const handler = createHandler<AppContext, GraphQLContext, GraphQLContext>({
    schema,
    parse: parseCached,
    context: (req) => req.context,
    // graphql-http hands `validate` what `validationRules` returns: here only the per-request cost rule.
    validationRules: (_req, { contextValue, variableValues, operationName }) => [
      costRule({ context: contextValue ?? {}, variableValues, operationName }),
    ],
    validate: (s, document, rules) => validateOperation(s, document, rules ?? [], deps.introspection),
    onOperation: (req, _args, result) => void logInternal(result.errors, req.context.log),
    formatError: format,
  });
  const execute = async (ctx: AppContext, body: Record<string, unknown> | null) => {
    // No token: the public catalog. A token that does not authenticate: 401, as on REST.
    const user = ctx.get('Authorization') ? await authenticate(ctx, deps.useCases.sessions) : undefined;
    const context = createContext({ useCases: deps.useCases, user, streams: deps.streams, log: ctx.state.log });
    const [text, init] = await handler({
      method: ctx.method,
      url: ctx.url,
      headers: ctx.headers,
      body,
      raw: ctx,
      context,
    });
    const { 'content-type': type, ...headers } = init.headers ?? {};
    if (user) headers['Cache-Control'] = 'no-store';
    return { status: init.status, body: text ?? '', type: type ?? 'application/json', headers };
  };
  const common = {
    tag: 'GraphQL',
    auth: false as const,
    description: DESCRIPTION,
    errors: ['unauthenticated' as const],
  };
  const responses = {
    200: { description: 'A GraphQL response: `data`, and `errors` with codes.', schema: GraphQLResult },
  };
  return [
    defineRoute({
      ...common,
      method: 'post',
      path: '/graphql',
      operationId: 'graphql',
      summary: 'Run a GraphQL query or mutation',
      body: GraphQLBody,
      responses,
      handle: ({ ctx, body }) => execute(ctx, body),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/graphql',
      operationId: 'graphqlGet',
      summary: 'Run a GraphQL query (mutations need POST)',
      query: GraphQLQuery,
      responses,
      handle: ({ ctx }) => execute(ctx, null),
    }),
    defineRoute({
      method: 'get',
      path: '/graphql/schema.graphql',
      operationId: 'graphqlSchema',
      tag: 'GraphQL',
      summary: 'The GraphQL schema (SDL)',
      description: 'Not served when introspection is off (GRAPHQL_INTROSPECTION=false).',
      auth: false,
      responses: { 200: { description: 'The schema in GraphQL SDL.', contentType: 'text/plain; charset=utf-8' } },
      errors: ['not_found'],
      handle: () => {
        if (!deps.introspection) throw new HttpError('not_found', 'No resource at /graphql/schema.graphql');
        return { status: 200, body: schemaText(), type: 'text/plain; charset=utf-8' };
      },
    }),
  ];
}
