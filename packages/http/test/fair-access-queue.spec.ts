import { expect } from 'chai';
import { expectInvalid, expectProblem } from './support/client.js';
import { ShiftedClock } from './support/checkout.js';
import { createProduct, newKey, register, type Account } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/harness.js';
import { FAST, inboxUntil } from './support/notifications.js';

const MIN = 60_000;

describe('fair access: waiting rooms over HTTP', () => {
  let t: TestServer;
  let clock: ShiftedClock;
  let creator: Account;
  let fans: Account[];
  before(async () => {
    clock = new ShiftedClock();
    t = await startTestServer({ ...FAST, clock, fairAccess: { shuffleIntervalMs: 40, admitIntervalMs: 40 } });
    creator = await register(t.client, 'queuemaker', true);
    fans = await Promise.all(['qa', 'qb', 'qc'].map((n) => register(t.client, n)));
  });
  after(() => t.close());

  const join = (fan: Account, dropId: string) => t.client.post(`/v1/drops/${dropId}/queue`, { token: fan.token });
  const place = (fan: Account, body: Record<string, unknown>) =>
    t.client.post('/v1/orders', { token: fan.token, headers: { 'Idempotency-Key': newKey() }, body });

  it('pre-queue, the start, one admission for one unit, a pass per order, queue.closed for the rest', async () => {
    const productId = (await createProduct(t.client, creator)).id;
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    const drop = (
      await t.client.post('/v1/drops', {
        token: creator.token,
        body: { productId, stock: 1, access: 'queue', startsAt: at(MIN), endsAt: at(60 * MIN) },
      })
    ).json;
    for (const fan of fans) {
      const res = await join(fan, drop.id);
      expect(res.status, res.text).to.equal(201);
      expect(res.json).to.deep.equal({ state: 'waiting', position: null, etaSeconds: null });
    }
    expect((await join(fans[0]!, drop.id)).status).to.equal(200);
    expectProblem(await t.client.get(`/v1/drops/${drop.id}/queue`, { token: creator.token }), 404, 'not_found');
    clock.shift(MIN);
    let admitted: { fan: Account; pass: string } | undefined;
    for (let i = 0; i < 100 && !admitted; i++) {
      await new Promise((r) => setTimeout(r, 40));
      for (const fan of fans) {
        const place = (await t.client.get(`/v1/drops/${drop.id}/queue`, { token: fan.token })).json;
        if (place.state === 'admitted') admitted = { fan, pass: place.pass };
      }
    }
    if (!admitted) expect.fail('nobody was admitted');
    const note = (await inboxUntil(t.client, admitted.fan, (n) => n.some((x) => x.type === 'queue.admitted'))).find(
      (x) => x.type === 'queue.admitted',
    );
    expect(note.data.pass).to.equal(admitted.pass);
    expectProblem(await place(admitted.fan, { dropId: drop.id, quantity: 1 }), 403, 'pass_required');
    expectInvalid(await place(admitted.fan, { dropId: drop.id, quantity: 1, pass: 42 }), 'pass');
    const others = fans.filter((f) => f !== admitted!.fan);
    expectProblem(await place(others[0]!, { dropId: drop.id, quantity: 1, pass: admitted.pass }), 403, 'pass_required');
    const bought = await place(admitted.fan, { dropId: drop.id, quantity: 1, pass: admitted.pass });
    expect(bought.status, bought.text).to.equal(201);
    for (const fan of others) {
      await inboxUntil(t.client, fan, (n) => n.some((x) => x.type === 'queue.closed' && x.data.dropId === drop.id));
      expect((await t.client.get(`/v1/drops/${drop.id}/queue`, { token: fan.token })).json.state).to.equal('closed');
    }
    expectProblem(await join(creator, drop.id), 409, 'entries_closed');
    const metrics = (await t.client.get('/metrics')).text;
    expect(metrics).to.match(/^livedrops_queue_admitted_total 1$/m);
    expect(metrics).to.match(/^livedrops_queue_passes_total\{result="used"\} 1$/m);
    expect(metrics).to.match(/^livedrops_queue_passes_total\{result="refused"\} 2$/m);
    expect(metrics).to.match(/^livedrops_queue_time_to_admission_seconds_count 1$/m);
    expect(metrics).to.match(/^livedrops_queue_waiting \d+$/m); // the database may be shared with other servers
  });
});
