import { expect } from 'chai';
import { runCli } from './cli-process.js';
import { checkRun, expectedStreams, type FaultReport } from './cluster/fault-checks.js';
import { Cluster, placeOrder, type OrderRecord, type Person } from './cluster/fault-clients.js';
import { Follower } from './cluster/fault-follower.js';
import { freePort, Instance } from './cluster/instances.js';
import { logoutProbe } from './cluster/logout-probe.js';
import { checkPayDrop, payDropBuyers, untilPayDropSettles, type HoldRecord } from './cluster/pay-flow.js';
import { pg, probeServices, rabbit, redis } from './cluster/services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const problem = await probeServices();
const mustHave = process.env.CI === 'true' || process.env.CI === '1';
if (problem && !mustHave)
  console.warn(`\n!!! ${problem}: the multi-instance fault test is SKIPPED (CI=true makes this a failure)\n`);

const FANS = 24;
const DROPS = 4;
const STOCK = 200;
/** The pay drop's buyers, and its stock: fewer units than they ask for, so holds compete. */
const PAYERS = 12;
const PAY_STOCK = 12;

async function register(c: Cluster, handle: string, isCreator = false): Promise<Person> {
  const a = await c.call('POST', '/v1/auth/register', { handle, password: 'fault-test-password', isCreator });
  if (a.status !== 201) throw new Error(`register ${handle}: ${a.status} ${JSON.stringify(a.json)}`);
  return { id: a.json.user.id, handle, token: a.json.token };
}

/**
 * Three `livedrops serve` processes on one PostgreSQL database, one Redis prefix and one
 * RabbitMQ vhost of their own. A flash sale of four drops runs across them (clients retry
 * on another instance with the same Idempotency-Key; followers' streams spread over all
 * three and reconnect elsewhere with Last-Event-ID), and meanwhile, in turn: one instance
 * is killed with SIGKILL (and started again), Redis restarts empty, RabbitMQ restarts,
 * and every PostgreSQL connection to the database is terminated. Beside it a pay drop takes
 * holds through instance b and pays for them (the kill lands on payments in the gateway), and b
 * is killed again when the unpaid holds fall due: the others expire them, once. Then the
 * database says whether anything was oversold, duplicated, lost, left held or not delivered.
 */
(problem && !mustHave ? describe.skip : describe)('three instances through faults (production profile)', function () {
  this.timeout(240_000);
  const pid = process.pid;
  let db: { name: string; url: string } | undefined;
  const vhost = `livedrops-fault-${pid}`;
  const prefix = `ldfault:${pid}:`;
  const instances: Instance[] = [];
  const followers: Follower[] = [];

  before(async () => {
    if (problem) throw new Error(`the fault test needs PostgreSQL, Redis and RabbitMQ: ${problem}`);
    db = await pg.createDatabase();
    await rabbit.addVhost(vhost);
    const migrated = await runCli(['migrate'], { DATABASE_URL: db.url }, 60_000);
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      AMQP_URL: `amqp://guest:guest@127.0.0.1:5672/${encodeURIComponent(vhost)}`,
    };
    for (const name of ['a', 'b', 'c']) instances.push(new Instance(name, await freePort(), env));
    await Promise.all(instances.map((i) => i.start()));
  });

  after(async () => {
    for (const f of followers) f.stop();
    await Promise.all(instances.map((i) => i.stop()));
    // Whatever happened, the machine's services are left running, and this run's data gone.
    await redis.ensure();
    await rabbit.ensure();
    await rabbit.deleteVhost(vhost);
    await redis.deleteKeys(prefix).catch(() => undefined);
    if (db) await pg.dropDatabase(db.name).catch(() => undefined);
  });

  it('oversells nothing, duplicates and loses no order and no event, and every follower hears every drop start', async () => {
    const c = new Cluster(instances.map((i) => i.url));
    const tag = Math.random().toString(36).slice(2, 7);
    const creator = await register(c, `fc_${tag}`, true);
    const fans = await Promise.all(Array.from({ length: FANS }, (_, i) => register(c, `ff_${tag}_${i}`)));
    for (const fan of fans)
      expect((await c.call('PUT', `/v1/me/following/${creator.id}`, undefined, fan.token)).status).to.be.oneOf([
        200, 201,
      ]);
    fans.forEach((fan, i) => followers.push(new Follower(fan, c.urls, i)));
    for (const f of followers) f.start();
    const product = (await c.call('POST', '/v1/products', { title: 'Fault poster', priceCents: 1500 }, creator.token))
      .json;
    const t0 = Date.now();
    const drops: Array<{ id: string; startsAt: number }> = [];
    for (let k = 0; k < DROPS; k++) {
      const startsAt = t0 + 3_000 + k * 8_000;
      const body = {
        productId: product.id,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(t0 + 600_000).toISOString(),
        stock: STOCK,
      };
      drops.push({ id: (await c.call('POST', '/v1/drops', body, creator.token)).json.id, startsAt });
    }

    // The pay drop: 30 s holds (the shortest), placed through b from +3 s, due while b is dead again.
    const payers = await Promise.all(Array.from({ length: PAYERS }, (_, i) => register(c, `fp_${tag}_${i}`)));
    const payBody = {
      productId: product.id,
      startsAt: new Date(t0 + 3_000).toISOString(),
      endsAt: new Date(t0 + 600_000).toISOString(),
      stock: PAY_STOCK,
      checkout: 'pay',
      holdSeconds: 30,
    };
    const payDrop = (await c.call('POST', '/v1/drops', payBody, creator.token)).json;
    expect(payDrop.checkout).to.equal('pay');
    const holds: Promise<HoldRecord[]> = payDropBuyers(c, payers, payDrop.id, 1, t0 + 3_000);

    const records: OrderRecord[] = [];
    const buy = async (fan: Person) => {
      for (const d of drops) {
        await sleep(Math.max(0, d.startsAt - Date.now()) + Math.random() * 200);
        for (let n = 0; n < 40; n++) {
          const rec: OrderRecord = {
            key: `fault-${fan.handle}-${d.id}-${n}`,
            buyer: fan,
            dropId: d.id,
            quantity: n % 5 === 4 ? 2 : 1,
            orderIds: new Set(),
            attempts: 0,
          };
          records.push(rec);
          await placeOrder(c, rec, Date.now() + 45_000);
          if (rec.final?.code === 'sold_out' || rec.final?.code === 'drop_not_live') break;
          await sleep(200 + Math.random() * 400);
        }
      }
    };
    const timeline: string[] = [];
    // After each fault, a logout on one instance must end the user's stream on another within 1 s
    // (a and c, which stay up; b is the one killed).
    const logouts: Array<{ after: string; ms: number }> = [];
    const at = async (ms: number, what: string, fault: () => Promise<unknown>) => {
      await sleep(Math.max(0, t0 + ms - Date.now()));
      const began = Date.now();
      await fault();
      timeline.push(`${what} at +${((began - t0) / 1000).toFixed(1)}s (${Date.now() - began} ms)`);
      const [streamOn, logoutOn] = logouts.length % 2 === 0 ? [2, 0] : [0, 2];
      logouts.push({ after: what, ms: await logoutProbe(c, streamOn, logoutOn, `fl_${tag}_${logouts.length}`) });
    };
    const faults = (async () => {
      await at(5_000, 'kill -9 instance b', () => instances[1]!.kill());
      await at(8_000, 'instance b started again', () => instances[1]!.start());
      await at(13_000, 'Redis restarted empty', () => redis.restart());
      await at(21_000, 'RabbitMQ restarted', () => rabbit.restart());
      await at(29_500, 'PostgreSQL connections terminated', () => pg.terminate(db!.name));
      await at(32_000, 'kill -9 instance b (its holds fall due)', () => instances[1]!.kill());
      await at(39_000, 'instance b started again', () => instances[1]!.start());
    })();
    await Promise.all([...fans.map(buy), faults]);
    const holdRecords = await holds;
    // Keys left without an answer (an instance died holding them) are asked again, as a client would.
    for (const rec of records.filter((r) => !r.final)) await placeOrder(c, rec, Date.now() + 30_000);

    // Let the relay and the streams finish: every follower has every event, or 45 s pass.
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      const expected = await expectedStreams(db!.url, creator.id);
      const done =
        expected.all.every((e) => e.published) &&
        followers.every((f) => expected.forUser(f.person.id).every((id) => f.seen.has(id)));
      if (done) break;
      await sleep(250);
    }
    await untilPayDropSettles(db!.url, payDrop.id, Date.now() + 30_000);
    const payProblems = await checkPayDrop(db!.url, payDrop.id, holdRecords);
    const { report, details } = await checkRun(db!.url, creator.id, records, followers, payDrop.id);
    const confirmed = records.filter((r) => r.final?.status === 201).length;
    const retried = records.filter((r) => r.attempts > 1).length;
    console.log(
      `      fault run: ${records.length} keys, ${confirmed} orders, ${retried} keys retried, ${records.filter((r) => !r.final).length} unresolved; ` +
        `stream reconnects ${followers.reduce((n, f) => n + f.reconnects, 0)}; ${timeline.join('; ')}; ` +
        `logout→stream closed elsewhere: ${logouts.map((l) => `${l.ms} ms`).join(', ')}; ` +
        `pay drop: ${holdRecords.filter((h) => h.orderId).length} holds, ${holdRecords.filter((h) => h.pay?.status === 200).length} paid`,
    );
    for (const l of logouts)
      expect(l.ms, `after "${l.after}", a logout closed the stream on another instance in`).to.be.below(1_000);
    expect(logouts).to.have.length(7);
    expect(payProblems, payProblems.join('\n')).to.deep.equal([]);
    expect(
      holdRecords.filter((h) => h.plan === 'abandon' && h.orderId).length,
      'holds left to expire',
    ).to.be.greaterThan(0);
    expect(holdRecords.filter((h) => h.pay?.status === 200).length, 'payments through the kill').to.be.greaterThan(0);
    const zero: FaultReport = {
      oversold: 0,
      soldMismatch: 0,
      stranded: 0,
      duplicateOrders: 0,
      acknowledgedMissing: 0,
      eventsMissing: 0,
      startedNotOnce: 0,
      followersMissingStarted: 0,
      streamEventsMissing: 0,
      streamDuplicates: 0,
      unpublished: 0,
    };
    expect(
      report,
      `${details.join('\n')}\n${instances
        .map((i) => i.logs())
        .join('\n')
        .slice(-6_000)}`,
    ).to.deep.equal(zero);
    expect(records.filter((r) => !r.final)).to.deep.equal([]);
    // Each fault lands during one drop's storm; the fans could buy far more than twice the stock
    // (FANS × 40 tries), so every drop sells out, and sells exactly its stock (`stranded` above).
    expect(FANS * 40).to.be.at.least(2 * STOCK);
    for (const d of drops)
      expect(
        records.some((r) => r.dropId === d.id && r.final?.code === 'sold_out'),
        `drop ${d.id} sold out`,
      ).to.equal(true);
    expect(confirmed).to.be.greaterThan((DROPS * STOCK) / 2); // the sale did happen, faults and all
  });
});
