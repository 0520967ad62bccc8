import type { ErrorCode } from '@livedrops/core';
import { z } from 'zod';
import { ERROR_MAP } from './errors/error-map.js';
import { PROBLEM_CONTENT_TYPE } from './errors/problem.js';
import type { AnyRoute } from './routing/route.js';
import { ProblemJson } from './schemas/common.schema.js';
import { API_DESCRIPTION } from './openapi-text.js';

type Json = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the route registry: the same zod schemas that
 * validate requests are converted to JSON Schema 2020-12 (OpenAPI 3.1's dialect). Named
 * schemas (`.meta({ id })`) are hoisted from each `$defs` into `components.schemas`.
 */
export function buildOpenApi(routes: AnyRoute[], version: string): Json {
  const schemas: Record<string, Json> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    const json = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
    const defs = (json['$defs'] ?? {}) as Record<string, Json>;
    for (const [name, def] of Object.entries(defs)) schemas[name] = def;
    delete json['$defs'];
    delete json['$schema'];
    return json;
  };
  // ProblemJson carries an id, so this hoists it and yields the `$ref` every error response uses.
  const problemRef = convert(ProblemJson, 'output');

  const paramsOf = (schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] => {
    if (!schema) return [];
    const obj = convert(schema, 'input');
    const required = new Set((obj['required'] as string[] | undefined) ?? []);
    return Object.entries((obj['properties'] ?? {}) as Record<string, Json>).map(([name, s]) => {
      const { description, ...rest } = s;
      return { name, in: where, required: where === 'path' || required.has(name), description, schema: rest };
    });
  };

  const problems = (route: AnyRoute): Record<string, Json> => {
    const codes = new Set<ErrorCode>(route.errors);
    if (route.params || route.query || route.body) codes.add('validation_failed');
    if (route.auth) codes.add('unauthenticated');
    // A cookie-authenticated change without its CSRF token (or from another origin).
    if (route.auth && route.method !== 'get') codes.add('csrf_failed');
    if (route.body || route.rawBody)
      ['payload_too_large', 'unsupported_media_type'].forEach((c) => codes.add(c as ErrorCode));
    // Every request can be refused by the HTTP parser before any route runs.
    codes.add('headers_too_large');
    codes.add('unavailable');
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of codes)
      byStatus.set(ERROR_MAP[code].status, [...(byStatus.get(ERROR_MAP[code].status) ?? []), code]);
    return Object.fromEntries(
      [...byStatus].map(([status, list]) => [
        String(status),
        {
          description: list.map((c) => `\`${c}\``).join(', '),
          content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } },
        },
      ]),
    );
  };

  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes.filter((r) => !r.hidden)) {
    const parameters = [...paramsOf(route.params, 'path'), ...paramsOf(route.query, 'query')];
    if (route.idempotencyKey) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description:
          '1-255 printable ASCII characters, or an RFC 8941 quoted string of them. Scoped to the user; kept 24 h.',
        schema: { type: 'string', minLength: 1, maxLength: 257 },
      });
    }
    const responses: Record<string, Json> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const content = spec.schema
        ? { 'application/json': { schema: convert(spec.schema, 'output') } }
        : spec.contentType
          ? { [spec.contentType]: { schema: { type: 'string' } } }
          : undefined;
      const headers = spec.headers
        ? Object.fromEntries(
            Object.entries(spec.headers).map(([h, description]) => [h, { description, schema: { type: 'string' } }]),
          )
        : undefined;
      responses[status] = { description: spec.description, ...(content && { content }), ...(headers && { headers }) };
    }
    Object.assign(responses, problems(route));
    responses['500'] = {
      description: 'An unexpected error (code `internal_error`); the body carries only the request id to quote.',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } },
    };
    (paths[route.path] ??= {})[route.method] = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description && { description: route.description }),
      security: route.auth ? [{ bearerAuth: [] }, { sessionCookie: [] }] : [],
      ...(parameters.length && { parameters }),
      ...(route.body && {
        requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } },
      }),
      ...(route.rawBody && {
        requestBody: {
          required: true,
          content: Object.fromEntries(
            route.rawBody.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]),
          ),
        },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: 'Live Drops API', version, description: API_DESCRIPTION },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Opaque token from register or login.' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ld_session',
          description:
            'The web app\'s session (`__Host-ld_session` over HTTPS), from register or login with `session: "cookie"`. ' +
            'POST, PUT, PATCH and DELETE also need `X-CSRF-Token` (the `csrfToken` of that answer, also in the ' +
            '`ld_csrf` cookie) and a same-origin request, else 403 `csrf_failed`.',
        },
      },
    },
  };
}
