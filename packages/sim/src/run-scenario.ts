import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkHistory } from './check/checker.js';
import { observeRun } from './check/observe-run.js';
import { resolveIndeterminate } from './check/resolve.js';
import { Api } from './client/api.js';
import { HttpClient } from './client/http-client.js';
import { History } from './history/history.js';
import { runLoad } from './load/driver.js';
import { StockSampler } from './load/stock-sampler.js';
import { watchInboxes } from './load/inbox-watch.js';
import { warmUp } from './load/warm-up.js';
import { Workload } from './load/schedule.js';
import { validateOptions, type ScenarioName, type SimOptions } from './options.js';
import { createProgress } from './progress.js';
import { LatencyBook } from './report/latency.js';
import { writeResults, type RunResult } from './results.js';
import { scenarioOptions } from './scenarios/scenarios.js';
import { settle } from './settle.js';
import { createDrops, setupWorld } from './setup/world.js';
import { StreamSwarm } from './streams/swarm.js';
import { remoteTarget, startEmbedded } from './target/embedded.js';
import { watchCpu } from './target/cpu-watch.js';
import { RssSampler } from './target/server-rss.js';
import { runCheckout } from './checkout/run-checkout.js';
import type { CheckoutRunResult } from './checkout/checkout-report.js';
import { runFairAccess, type FairRunResult } from './fair/run-fair.js';

/** Options that cannot work together; the CLI turns it into a usage error (exit 2). */
export class SimOptionsError extends Error {}

// Four stock readings a second: finer than the charts' buckets, and one list request per creator each.
const STOCK_SAMPLE_MS = 250;
const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Runs one scenario end to end: set the world up, connect the streams, open the drops,
 * drive the load, wait for quiescence, replay indeterminate keys, read the state back,
 * check it, and write history.jsonl, notifications.jsonl, observed.json, report.json and
 * report.html. `result.report.verdict` is `fail` on any violation or missed target.
 */
export async function runScenario(input: Partial<SimOptions> & { scenario: 'checkout' }): Promise<CheckoutRunResult>;
export async function runScenario(
  input: Partial<SimOptions> & { scenario: 'queue-storm' | 'draw' },
): Promise<FairRunResult>;
export async function runScenario(input: Partial<SimOptions> & { scenario: ScenarioName }): Promise<RunResult>;
export async function runScenario(
  input: Partial<SimOptions> & { scenario: ScenarioName },
): Promise<RunResult | CheckoutRunResult | FairRunResult> {
  const o = scenarioOptions(input.scenario, input);
  const problems = validateOptions(o);
  if (problems.length) throw new SimOptionsError(problems.join('; '));
  const log =
    o.log ?? (o.progress === 'none' ? () => undefined : (line: string) => void process.stderr.write(`${line}\n`));
  const dir = o.outDir ?? join('sim-results', stamp());
  if (o.scenario === 'checkout') return runCheckout(o, dir, log);
  if (o.scenario === 'queue-storm' || o.scenario === 'draw')
    return runFairAccess({ ...o, scenario: o.scenario }, dir, log);
  mkdirSync(dir, { recursive: true });
  const progress = createProgress(o.progress, log);
  progress.phase(
    `sim ${o.scenario}: ${o.embedded ? 'starting an embedded server (SQLite, temporary file)' : `against ${o.api}`}`,
  );
  const serverLogFile = o.embedded ? join(dir, 'server.log') : undefined;
  const target = serverLogFile ? await startEmbedded(serverLogFile) : remoteTarget(o.api!, o.databaseUrl);
  const http = new HttpClient(target.url, o.connections);
  const api = new Api(new HttpClient(target.url, 32));
  const rss = new RssSampler(api.http);
  const swarm = o.streams > 0 ? new StreamSwarm(o.streamsVia) : undefined;
  try {
    progress.phase(
      `setup: ${o.creators} creator(s) over the API; ${Math.max(o.followers, o.buyers).toLocaleString('en-US')} users ${target.databaseUrl ? 'in bulk through the adapters' : 'over the API'}`,
    );
    const world = await setupWorld(api, target, o, log);
    const streamUsers = world.userIds.slice(0, o.streams).map((userId, i) => ({ userId, token: world.tokens[i]! }));
    const streams = swarm ? await swarm.connect(target.url, streamUsers) : { ok: 0, failed: 0, ms: 0 };
    if (swarm)
      progress.phase(`streams: ${streams.ok}/${streamUsers.length} connected in ${(streams.ms / 1000).toFixed(1)} s`);
    const history = new History(join(dir, 'history.jsonl'));
    const firstStart = Date.now() + o.leadMs;
    world.drops = await createDrops(api, world, o, firstStart);
    progress.phase(
      `drops: ${world.drops.length} created; the first starts in ${((firstStart - Date.now()) / 1000).toFixed(1)} s`,
    );
    await http.preconnect(o.closed > 0 ? Math.min(o.closed, o.connections) : o.connections);
    await warmUp(http, world, world.drops, o.warmUpRate, Math.min(o.warmUpMs, firstStart - Date.now() - 200));
    await sleep(firstStart - Date.now());
    const latency = new LatencyBook();
    const ctx = { http, history, latency, o, world, drops: world.drops };
    const cpu = watchCpu(() => [process.pid, ...(swarm?.pid ? [swarm.pid] : [])]);
    const [from, to] = world.samplers;
    const reach = watchInboxes(
      api.http,
      world.tokens.slice(from, to),
      world.drops[0]!.id,
      world.drops[0]!.startsAt,
      latency,
    );
    const sampler = new StockSampler(
      api.http,
      history,
      world.creators.map((c) => c.id),
      new Set(world.drops.map((d) => d.id)),
    );
    sampler.start(STOCK_SAMPLE_MS);
    const load = await runLoad(
      ctx,
      new Workload(
        o,
        world.drops.map((d) => d.startsAt - firstStart),
      ),
      (p) => progress.load(p),
    );
    const readings = await sampler.stop();
    const cpuShare = cpu();
    const inboxReach = await reach;
    progress.phase(
      `load done: ${load.intents.ok} bought, ${load.intents.fail} refused, ${load.intents.unknown} unknown; waiting for notifications`,
    );
    await settle(swarm, 750, o.settleMs);
    const tokens = new Map(world.userIds.map((id, i) => [id, world.tokens[i]!]));
    const resolution = await resolveIndeterminate(http, history, (id) => tokens.get(id));
    if (resolution.replayed > 0) {
      progress.phase(`replayed ${resolution.replayed} indeterminate key(s): ${resolution.stillUnknown} still unknown`);
      await settle(swarm, 500, o.settleMs);
    }
    progress.phase('checking: reading drops, orders and inboxes back through the API');
    const observed = await observeRun(api, world, history, swarm);
    await history.close();
    const check = checkHistory(history.ops, observed);
    await rss.sample();
    return writeResults({
      dir,
      o,
      world,
      history,
      latency,
      load,
      observed,
      check,
      resolution,
      streams,
      target: { mode: o.embedded ? 'embedded' : 'api', url: target.url },
      rss,
      cpu: cpuShare,
      inboxReach,
      readings,
      serverLogFile,
    });
  } finally {
    progress.stop();
    rss.stop();
    swarm?.close();
    http.close();
    api.http.close();
    await target.close();
  }
}
