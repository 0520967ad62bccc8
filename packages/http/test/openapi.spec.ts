import { expect } from 'chai';
import { startTestServer, type TestServer } from './support/harness.js';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string; required: boolean }>;
        responses: Record<string, unknown>;
        requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
        security: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const CONTRACT: Array<[string, string]> = [
  ['post', '/v1/auth/register'],
  ['post', '/v1/auth/login'],
  ['post', '/v1/auth/logout'],
  ['get', '/v1/me'],
  ['get', '/v1/creators/{id}'],
  ['get', '/v1/creators/{id}/followers'],
  ['get', '/v1/me/following'],
  ['put', '/v1/me/following/{creatorId}'],
  ['delete', '/v1/me/following/{creatorId}'],
  ['get', '/v1/me/following/{creatorId}'],
  ['post', '/v1/products'],
  ['get', '/v1/products'],
  ['get', '/v1/products/{id}'],
  ['patch', '/v1/products/{id}'],
  ['post', '/v1/drops'],
  ['post', '/v1/drops/{id}/cancel'],
  ['get', '/v1/drops'],
  ['get', '/v1/drops/{id}'],
  ['get', '/v1/drops/{id}/stats'],
  ['post', '/v1/orders'],
  ['get', '/v1/orders/{id}'],
  ['get', '/v1/me/orders'],
  ['get', '/v1/me/notifications'],
  ['post', '/v1/me/notifications/ticket'],
  ['get', '/v1/me/notifications/stream'],
  ['get', '/livez'],
  ['get', '/readyz'],
  ['get', '/metrics'],
  ['get', '/openapi.json'],
  ['post', '/graphql'],
  ['get', '/graphql'],
  ['get', '/graphql/schema.graphql'],
  // 1.1: Search and Media.
  ['get', '/v1/search'],
  ['put', '/v1/products/{id}/image'],
  ['get', '/media/{key}'],
  // 1.1: Checkout and Waitlist.
  ['post', '/v1/orders/{id}/payment'],
  ['post', '/v1/orders/{id}/cancel'],
  ['put', '/v1/me/waitlist/{dropId}'],
  ['delete', '/v1/me/waitlist/{dropId}'],
  ['get', '/v1/me/waitlist'],
  // 1.1: Fair access.
  ['get', '/v1/drops/{id}/fairness'],
  ['post', '/v1/drops/{id}/entries'],
  ['post', '/v1/drops/{id}/queue'],
  ['get', '/v1/drops/{id}/queue'],
  // Beside api.md: finding creators by handle or prefix, and the document as a page.
  ['get', '/v1/creators'],
  ['get', '/docs'],
];

describe('GET /openapi.json', () => {
  let t: TestServer;
  let doc: Doc;
  before(async () => {
    t = await startTestServer();
    doc = (await t.client.get('/openapi.json')).json as Doc;
  });
  after(() => t.close());

  it('is an OpenAPI 3.1 document with every path and method of the contract', () => {
    expect(doc.openapi).to.equal('3.1.0');
    for (const [method, path] of CONTRACT) expect(doc.paths[path]?.[method], `${method} ${path}`).to.be.an('object');
    const count = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(count).to.equal(CONTRACT.length);
  });

  it('is structurally sound: path params declared, responses described, operation ids unique', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      const vars = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        const o = op as typeof op & { operationId: string };
        expect(ids.has(o.operationId), o.operationId).to.equal(false);
        ids.add(o.operationId);
        const declared = (o.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, `${method} ${path}`).to.have.members(vars);
        for (const p of o.parameters ?? []) expect(p).to.have.property('schema');
        for (const r of Object.values(o.responses))
          expect((r as { description: string }).description).to.be.a('string').and.not.be.empty;
      }
    }
  });

  it('declares bearer and session-cookie auth, the Problem schema and problem responses', () => {
    expect(doc.components.securitySchemes['bearerAuth']).to.deep.include({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes['sessionCookie']).to.deep.include({
      type: 'apiKey',
      in: 'cookie',
      name: 'ld_session',
    });
    expect(doc.components.schemas['Problem']).to.be.an('object');
    const me = doc.paths['/v1/me']!['get']!;
    expect(me.security).to.deep.equal([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(me.responses).to.not.have.property('403'); // reads need no CSRF token
    const follow = doc.paths['/v1/me/following/{creatorId}']!['put']!;
    expect((follow.responses['403'] as { description: string }).description).to.include('`csrf_failed`');
    expect(me.responses['401']).to.deep.include({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    const order = doc.paths['/v1/orders']!['post']!;
    for (const status of ['201', '400', '401', '404', '409', '413', '415', '422'])
      expect(order.responses, status).to.have.property(status);
  });

  it('documents pagination params on every list and the Idempotency-Key header', () => {
    for (const path of [
      '/v1/products',
      '/v1/drops',
      '/v1/me/following',
      '/v1/creators/{id}/followers',
      '/v1/me/orders',
      '/v1/creators',
    ]) {
      const names = (doc.paths[path]!['get']!.parameters ?? []).map((p) => p.name);
      expect(names, path).to.include.members(['limit', 'after']);
    }
    const header = doc.paths['/v1/orders']!['post']!.parameters!.find((p) => p.name === 'Idempotency-Key');
    expect(header).to.include({ in: 'header', required: true });
  });

  it('documents image uploads as raw bodies of the three image types, and /media as immutable', () => {
    const put = doc.paths['/v1/products/{id}/image']!['put']!;
    expect(Object.keys(put.requestBody!.content)).to.have.members(['image/jpeg', 'image/png', 'image/webp']);
    expect(put.responses).to.include.keys('200', '404', '413', '415');
    const media = doc.paths['/media/{key}']!['get']! as unknown as {
      responses: Record<string, { headers?: Record<string, unknown> }>;
    };
    expect(media.responses['200']!.headers).to.include.keys('Cache-Control', 'ETag');
    expect(media.responses).to.include.keys('304', '404');
  });

  it('documents how creators are found: handle (exact) and q (prefix), and @handle in the path', () => {
    const find = doc.paths['/v1/creators']!['get']! as unknown as {
      parameters: Array<{ name: string; description?: string }>;
      description: string;
    };
    expect(find.parameters.map((p) => p.name)).to.include.members(['handle', 'q']);
    expect(find.description)
      .to.match(/exact match, case-insensitive/)
      .and.match(/starts with it/);
    expect(JSON.stringify(doc.paths['/v1/creators/{id}'])).to.include('@ada');
    expect(JSON.stringify(doc.components.schemas['Drop'])).to.include('"creator"');
  });

  it('generates request bodies from the validating schemas: strict, with required fields', () => {
    const schema = doc.paths['/v1/products']!['post']!.requestBody!.content['application/json']!.schema;
    expect(schema).to.include({ type: 'object', additionalProperties: false });
    expect(schema['required']).to.have.members(['title', 'priceCents']);
    expect((schema['properties'] as Record<string, unknown>)['priceCents']).to.deep.include({
      type: 'integer',
      minimum: 1,
      maximum: 1e9,
    });
  });

  it('every $ref resolves to a component schema', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).to.be.above(10);
    for (const ref of refs) {
      expect(ref).to.match(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).to.be.an('object');
    }
  });

  it('describes /graphql: the request envelope, and where the schema is', () => {
    const op = doc.paths['/graphql']!['post']! as unknown as {
      description: string;
      requestBody: { content: Record<string, { schema: unknown }> };
    };
    expect(op.description)
      .to.include('/graphql/schema.graphql')
      .and.include('graphql-transport-ws')
      .and.include('extensions.code');
    expect(op.requestBody.content['application/json']!.schema).to.deep.equal({
      $ref: '#/components/schemas/GraphQLRequest',
    });
    expect(doc.components.schemas['GraphQLRequest']).to.deep.include({ required: ['query'] });
  });

  it('writes the decisions api.md leaves open into descriptions', () => {
    const text = JSON.stringify(doc);
    expect(text).to.include('newest created first');
    expect(text).to.include('`path` names the input');
  });

  it('GET /docs: the same document as one page, nothing loaded or run, under a strict CSP', async () => {
    const res = await t.client.get('/docs');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(res.headers.get('content-security-policy')).to.include("default-src 'none'");
    expect(res.text).to.not.match(/<script|src=|@import/i);
    expect(res.text).to.include('href="/openapi.json"');
    for (const [method, path] of CONTRACT)
      expect(res.text, `${method} ${path}`).to.include(`${method.toUpperCase()}</span> <code>${path}</code>`);
  });
});
