import { expect } from 'chai';
import fc from 'fast-check';
import { createProduct, liveDrop, order, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { requestsFor, type FuzzRequest, type FuzzWorld } from './support/openapi-fuzz.js';

const PLANTED = 'ld_FUZZplantedTOKENneverLOGGED0123456789abcdefgh';
const RUNS_PER_OPERATION = 45;
// A valid request to these never ends (the stream) or ends the suite's session (logout); both have their own suites.
const SKIPPED = new Set(['streamNotifications', 'logout']);

/**
 * Every operation of /openapi.json, fuzzed: parameters and bodies valid or mutated (wrong
 * types, NUL, lone surrogates, huge strings, forged cursors, unknown members), with and
 * without valid, junk and planted tokens. Never a 5xx; every 4xx a problem+json whose code
 * the contract lists (GraphQL's request errors carry theirs in `extensions.code`); and a
 * rejected request leaves what the users can see exactly as it was.
 */
describe('fuzzing every operation of /openapi.json', function () {
  this.timeout(120_000);
  let t: TestServer;
  let creator: Account;
  let buyer: Account;
  let world: FuzzWorld;
  before(async () => {
    t = await startTestServer();
    [creator, buyer] = await Promise.all([register(t.client, 'fz_c', true), register(t.client, 'fz_b')]);
    const product = await createProduct(t.client, creator);
    const drop = await liveDrop(t.client, creator, { stock: 50, endsIn: 3_600_000 });
    const placed = await order(t.client, buyer, drop.id, 1);
    await t.client.put(`/v1/me/following/${creator.id}`, { token: buyer.token });
    await createProduct(t.client, creator);
    const cursor = (await t.client.get(`/v1/products?creatorId=${creator.id}&limit=1`)).json.nextCursor as string;
    world = {
      ids: [creator.id, buyer.id, product.id, drop.id, placed.json.id],
      tokens: [creator.token, buyer.token, PLANTED, 'ld_unknown'],
      cursors: [cursor],
    };
  });
  after(() => t.close());

  /** What users can see of the state a rejected request might have touched (times and derived statuses left out). */
  const snapshot = async (): Promise<string> => {
    const get = async (path: string, token?: string) => (await t.client.get(path, token ? { token } : {})).text;
    const parts = await Promise.all([
      get(`/v1/products?creatorId=${creator.id}&limit=100`),
      get(`/v1/drops?creatorId=${creator.id}&limit=100`).then((s) => s.replace(/"status":"[a-z_]+"/g, '')),
      get('/v1/me/orders?limit=100', buyer.token),
      get('/v1/me/following?limit=100', buyer.token),
      get(`/v1/creators/${creator.id}`),
      get('/v1/me', creator.token),
      get('/v1/me', buyer.token),
    ]);
    return parts.join('\n');
  };

  it('never answers 5xx, answers every 4xx with a contract code, and changes nothing when it refuses', async () => {
    const doc = (await t.client.get('/openapi.json')).json;
    const codes = new Set<string>(doc.components.schemas.Problem.properties.code.enum);
    const components = doc.components.schemas;
    let state = await snapshot();
    const tally = { requests: 0, rejected: 0, byStatus: {} as Record<number, number> };
    const send = async (r: FuzzRequest): Promise<void> => {
      const res = await fetch(t.url + r.path, { method: r.method, headers: r.headers, body: r.body });
      const body = await res.text();
      const label = `${r.method} ${r.path.slice(0, 200)} ${(r.body ?? '').slice(0, 200)} → ${res.status} ${body.slice(0, 300)}`;
      tally.requests++;
      tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
      expect(res.status, label).to.be.below(500);
      if (res.status >= 400) {
        tally.rejected++;
        const type = res.headers.get('content-type') ?? '';
        if (r.path.startsWith('/graphql') && /graphql-response\+json/.test(type)) {
          for (const e of JSON.parse(body).errors) expect(codes, label).to.include(e.extensions?.code);
        } else {
          expect(type, label).to.match(/^application\/problem\+json/);
          expect(codes, label).to.include(JSON.parse(body).code);
        }
      }
      if (r.method === 'GET') return;
      const now = await snapshot();
      if (res.status >= 400) expect(now, `state changed after ${label}`).to.equal(state);
      state = now;
    };
    for (const [template, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (SKIPPED.has(op.operationId)) continue;
        await fc.assert(fc.asyncProperty(requestsFor(method, template, op, components, world), send), {
          numRuns: RUNS_PER_OPERATION,
          endOnFailure: true,
        });
      }
    }
    console.log(
      `      fuzz: ${tally.requests} requests, ${tally.rejected} rejected; by status ${JSON.stringify(tally.byStatus)}`,
    );
    expect(tally.requests).to.be.at.least(1_000);
    // The planted token went out in headers and bodies throughout; the log never holds it.
    expect(t.rawLogs.join('')).not.to.include(PLANTED);
  });
});
