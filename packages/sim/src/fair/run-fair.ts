import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFairAccess, type FairAccessObserved } from '../check/fair-access-check.js';
import { Api } from '../client/api.js';
import { HttpClient } from '../client/http-client.js';
import { PoolClient } from '../client/pool-client.js';
import type { CheckResult } from '../history/observed.js';
import type { SimOptions } from '../options.js';
import { LatencyBook, type LatencySummary } from '../report/latency.js';
import type { TargetResult } from '../report/targets.js';
import { bulkSeedUsers } from '../setup/bulk-seed.js';
import { StreamSwarm } from '../streams/swarm.js';
import { apiUrls, remoteTarget, startEmbedded } from '../target/embedded.js';
import { FairDb } from './fair-db.js';
import { drawUser, type FairCtx, type FairUser, queueUser, STANDING } from './fair-users.js';
import { UserInbox } from './user-inbox.js';
import { warmRoom } from './warm-room.js';

export interface FairReport {
  scenario: 'queue-storm' | 'draw';
  summary: string;
  verdict: 'pass' | 'fail';
  startedAt: string;
  options: Omit<SimOptions, 'log' | 'advanceServerClock'>;
  durationMs: number;
  drop: { id: string; total: number };
  outcomes: Record<string, number>;
  latency: Record<string, LatencySummary>;
  samples: { count: number; peakLivePasses: number };
  check: CheckResult;
  targets: TargetResult[];
}

export interface FairRunResult {
  report: FairReport;
  table: string;
  dir: string;
  files: { report: string };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const SAMPLE_MS = 200;
/** queue-storm: the share of users that are scripts joining in the last 50 ms (late but fast). */
const BOTS = 0.05;

/**
 * `queue-storm`: a waiting room of `stock` units; `buyers` users join in the last second before
 * the start (5 % of them scripts joining in the last 50 ms), poll their place and order with
 * their pass. `draw`: a pay drop drawn from `buyers` entries made over the lead time. Either
 * way the database is sampled all along and the end is checked by the fair-access checker.
 */
export async function runFairAccess(
  o: SimOptions & { scenario: 'queue-storm' | 'draw' },
  dir: string,
  log: (l: string) => void,
): Promise<FairRunResult> {
  mkdirSync(dir, { recursive: true });
  // `--api URL1,URL2,…`: instances of one deployment; setup and the read-back go to the first.
  const urls = o.embedded ? [] : apiUrls(o.api!);
  const target = o.embedded ? await startEmbedded(join(dir, 'server.log')) : remoteTarget(urls[0]!, o.databaseUrl);
  if (!target.databaseUrl) throw new Error(`sim ${o.scenario} reads the server's database: give --database-url`);
  const bases = o.embedded ? [target.url] : urls;
  const http = bases.map((u) => new PoolClient(u, Math.ceil(o.connections / bases.length)));
  const api = new Api(new HttpClient(target.url, 16));
  const db = await FairDb.open(target.databaseUrl);
  const queue = o.scenario === 'queue-storm';
  // The waiting room's users with their app open hear their place on their stream (in order per user).
  const inbox = new UserInbox();
  const swarm =
    queue && o.streams > 0
      ? new StreamSwarm(o.streamsVia, {
          types: ['queue.position', 'queue.admitted', 'queue.closed'],
          on: (k, type, data, at) => inbox.deliver(k, { type, data, at }),
        })
      : undefined;
  const t0 = Date.now();
  try {
    const tag = `f${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const creator = await api.register(`${tag}_c`, randomBytes(12).toString('base64url'), true);
    const product = await api.call<{ id: string }>('POST', '/v1/products', [201], {
      token: creator.token,
      body: { title: 'Fair print', priceCents: 2500 },
    });
    const seeded = await bulkSeedUsers(target.databaseUrl, {
      count: o.buyers,
      withTokens: o.buyers,
      tag: `${tag}_u`,
      followsOf: () => [],
    });
    const users: FairUser[] = seeded.ids.map((userId, index) => ({
      index,
      userId,
      token: seeded.tokens[index]!,
      at: index % http.length,
    }));
    if (swarm) {
      const s = await swarm.connect(bases, users.slice(0, o.streams));
      log(`streams: ${s.ok}/${Math.min(o.streams, users.length)} connected in ${(s.ms / 1000).toFixed(1)} s`);
    }
    await Promise.all(http.map((h) => h.preconnect(Math.ceil(o.connections / http.length))));
    if (queue) {
      const ctx = { http, inbox, streams: swarm ? o.streams : 0 };
      const warm = await warmRoom({
        api,
        creatorToken: creator.token,
        productId: product.id,
        users,
        ctx,
        ms: o.warmUpMs,
      });
      if (warm > 0) log(`warm-up: ${warm} of the users through a small waiting room of its own (not recorded)`);
    }
    const startsAt = Date.now() + o.leadMs;
    const at = (ms: number) => new Date(ms).toISOString();
    const body = queue
      ? { access: 'queue', startsAt: at(startsAt), stock: o.stock }
      : {
          access: 'draw',
          checkout: 'pay',
          holdSeconds: o.holdSeconds,
          entriesOpenAt: at(Date.now()),
          entriesCloseAt: at(startsAt),
          startsAt: at(startsAt + 1000),
          stock: o.stock,
        };
    const drop = await api.call<{ id: string }>('POST', '/v1/drops', [201], {
      token: creator.token,
      body: { productId: product.id, endsAt: at(startsAt + 3_600_000), ...body },
    });
    log(`${o.scenario}: drop ${drop.id} (${o.stock} units); ${o.buyers} users`);
    let running = true;
    const c: FairCtx = {
      http,
      latency: new LatencyBook(),
      dropId: drop.id,
      startsAt,
      pollMs: 1000,
      inbox,
      streams: swarm ? o.streams : 0,
      outcomes: {},
      running: () => running,
    };
    const samples: FairAccessObserved['samples'] = [];
    const sampling = (async () => {
      while (running) {
        samples.push(await db.sample(drop.id, Date.now() - t0));
        await sleep(SAMPLE_MS);
      }
    })();
    const joinAt = (u: FairUser) =>
      u.index < o.buyers * BOTS ? startsAt - 50 * Math.random() : startsAt - 1000 + 950 * Math.random();
    const enterAt = () => Date.now() + (o.leadMs - 500) * Math.random();
    const work = users.map((u) => (queue ? queueUser(c, u, joinAt(u)) : drawUser(c, u, enterAt())));
    // Cleared once every user is done: a pending timer would keep the process up until it fired.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((r) => (timer = setTimeout(r, o.leadMs + o.durationMs)));
    await Promise.race([Promise.all(work), deadline]);
    clearTimeout(timer);
    if (!queue) await untilShuffled(api, drop.id, o.settleMs);
    running = false;
    await Promise.all([sampling, ...work]);
    const fair = await api.call<FairAccessObserved['fairness'] & { seed: string | null }>(
      'GET',
      `/v1/drops/${drop.id}/fairness`,
      [200],
    );
    const observed: FairAccessObserved = {
      ...(await db.record(drop.id)),
      samples,
      fairness: fair.seed === null ? null : fair,
    };
    return report(o, dir, t0, drop.id, c, observed);
  } finally {
    for (const h of [...http, api.http]) h.close();
    swarm?.close();
    await db.close();
    await target.close();
  }
}

async function untilShuffled(api: Api, dropId: string, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  while (
    Date.now() < end &&
    (await api.call<{ seed: string | null }>('GET', `/v1/drops/${dropId}/fairness`, [200])).seed === null
  )
    await sleep(200);
}

function report(
  o: SimOptions & { scenario: 'queue-storm' | 'draw' },
  dir: string,
  t0: number,
  dropId: string,
  c: FairCtx,
  ob: FairAccessObserved,
): FairRunResult {
  const check = checkFairAccess(ob);
  const latency: Record<string, LatencySummary> = {};
  for (const name of c.latency.names()) {
    const s = c.latency.summary(name);
    if (s) latency[name] = s;
  }
  const known = latency[STANDING]?.p99 ?? null;
  const targets: TargetResult[] =
    o.scenario === 'queue-storm'
      ? [
          {
            label: 'every user knows their position (or that the drop is over) within 2 s of the start (p99)',
            basis: `${STANDING}, p99`,
            actual: known,
            limit: 2000,
            unit: 'ms',
            met: known !== null && known <= 2000,
          },
        ]
      : [];
  const { log: _l, advanceServerClock: _a, ...options } = o;
  const r: FairReport = {
    scenario: o.scenario,
    summary: `${o.buyers.toLocaleString('en-US')} users, ${o.stock} units, ${o.scenario === 'draw' ? 'a draw' : 'a waiting room'}`,
    verdict: check.valid && targets.every((t) => t.met) ? 'pass' : 'fail',
    startedAt: new Date(t0).toISOString(),
    options,
    durationMs: Date.now() - t0,
    drop: { id: dropId, total: o.stock },
    outcomes: c.outcomes,
    latency,
    samples: { count: ob.samples.length, peakLivePasses: Math.max(0, ...ob.samples.map((s) => s.livePasses)) },
    check,
    targets,
  };
  const files = { report: join(dir, 'report.json') };
  writeFileSync(files.report, `${JSON.stringify(r, null, 2)}\n`);
  const lines = [
    `livedrops sim ${o.scenario}: ${r.verdict.toUpperCase()}  (seed ${o.seed})`,
    r.summary,
    `answers: ${Object.entries(r.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${v} × ${k}`)
      .join(' · ')}`,
    ...Object.entries(latency).map(([k, s]) => `${k}: p50 ${s.p50} ms, p99 ${s.p99} ms (${s.count})`),
    ...targets.map((t) => `${t.met ? 'met' : 'MISSED'}: ${t.label} (${t.actual ?? '-'} ms)`),
    ...check.violations.map((v) => `VIOLATION ${v.kind}: ${v.message}`),
    `report: ${files.report}`,
  ];
  return { report: r, table: lines.join('\n'), dir, files };
}
