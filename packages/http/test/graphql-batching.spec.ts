import type { Ports } from '@livedrops/core';
import { expect } from 'chai';
import { liveDrop, registerMany, type Account } from './support/fixtures.js';
import { gqlData } from './support/graphql.js';
import { sleep, startTestServer, type TestServer } from './support/harness.js';
import { follow, quiet } from './support/notifications.js';

// The ports a drop page reads; background loops (the drop scheduler, fan-out) use others, or these
// methods, which are left out so that only what the request itself asks for is counted.
const READ_PORTS = ['users', 'sessions', 'follows', 'products', 'drops', 'orders'] as const;
const BACKGROUND = new Set(['dueToStart', 'followerIds']);

/** Wraps the storage ports the use cases get, counting each call by `port.method`. */
function counting(calls: string[]): (ports: Ports) => Ports {
  return (ports) => {
    const wrapped = { ...ports } as Record<string, unknown>;
    for (const name of READ_PORTS) {
      const port = ports[name] as unknown as Record<string, unknown>;
      wrapped[name] = new Proxy(port, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function' || BACKGROUND.has(String(prop))) return value;
          return (...args: unknown[]) => {
            calls.push(`${name}.${String(prop)}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }
    return wrapped as unknown as Ports;
  };
}

const PAGE = `query($n: Int) { drops(first: $n, status: LIVE) { edges { node {
  id product { title creator { handle } } creator { id handle meFollows } } } } }`;

describe('GraphQL batching (DataLoader)', () => {
  let t: TestServer;
  let fan: Account;
  let makers: Account[];
  const calls: string[] = [];
  before(async () => {
    t = await startTestServer({ decoratePorts: counting(calls) });
    makers = await registerMany(t.client, 'gbmaker', 6, true);
    [fan] = (await registerMany(t.client, 'gbfan', 1)) as [Account];
    for (let i = 0; i < 50; i++) await liveDrop(t.client, makers[i % makers.length]!);
    for (const m of makers.slice(0, 3)) await follow(t.client, fan, m);
    await quiet(300);
  });
  after(() => t.close());

  async function page(n: number): Promise<{ data: any; calls: string[] }> {
    await sleep(50);
    calls.length = 0;
    const data = await gqlData(t.url, PAGE, { token: fan.token, variables: { n } });
    return { data, calls: [...calls] };
  }

  it('reads 50 drops with their products, creators and meFollows in as many storage calls as 2 drops', async () => {
    const big = await page(50);
    const small = await page(2);
    expect(big.data.drops.edges).to.have.length(50);
    expect(small.data.drops.edges).to.have.length(2);
    // The session, the page, then one batched read each: products, creators, follow checks.
    expect(big.calls.sort()).to.deep.equal([
      'drops.list',
      'follows.followedAtMany',
      'products.findByIds',
      'sessions.findUser',
      'users.findCreators',
    ]);
    expect(small.calls.length).to.equal(big.calls.length);
    const followed = new Set(makers.slice(0, 3).map((m) => m.id));
    for (const { node } of big.data.drops.edges) {
      expect(node.creator.meFollows, node.creator.handle).to.equal(followed.has(node.creator.id));
      expect(node.product.creator.handle).to.equal(node.creator.handle);
    }
  });

  it('reads one drop through the same by-id path (and cache) as GET /v1/drops/{id}', async () => {
    const id = (await page(1)).data.drops.edges[0].node.id;
    await sleep(50);
    calls.length = 0;
    await gqlData(t.url, `{ drop(id: "${id}") { id product { title } creator { handle meFollows } } }`, {
      token: fan.token,
    });
    const byKind = calls.filter((c) => !c.startsWith('sessions.'));
    expect(byKind.sort()).to.deep.equal([
      'drops.findById',
      'follows.followedAtMany',
      'products.findById',
      'users.findCreator',
    ]);
  });
});
