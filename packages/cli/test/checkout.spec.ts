import { expect } from 'chai';
import { ANSI, Person, useApi } from './api-server.js';
import { spawnCli } from './cli-process.js';
import type { DropJson } from '../src/drop-format.js';
import { palette } from '../src/output.js';
import { frame, notificationLine, plainLine } from '../src/watch/watch-view.js';

const PASSWORD = 'correct horse battery';

/** A user registered over HTTP (the CLI's own register is covered by the journey), used through LIVEDROPS_TOKEN. */
async function user(api: string, handle: string, isCreator = false): Promise<string> {
  const r = await fetch(`${api}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, password: PASSWORD, isCreator }),
  });
  return ((await r.json()) as { token: string }).token;
}

describe('livedrops CLI: checkout on a pay drop (subprocesses against a real API)', function () {
  this.timeout(90_000);
  const t = useApi();

  it('schedule --checkout pay → order place prints the hold → order pay / cancel → waitlist join|list|leave; watch shows holds', async () => {
    const [ada, bea, cyd] = ['ada', 'bea', 'cyd'].map((n) => new Person(t.dir, n, t.api.url)) as [
      Person,
      Person,
      Person,
    ];
    const tokens = {
      ada: await user(t.api.url, 'ada', true),
      bea: await user(t.api.url, 'bea'),
      cyd: await user(t.api.url, 'cyd'),
    };
    const as = (token: string) => ({ env: { LIVEDROPS_TOKEN: token } });
    const product = await ada.json(['product', 'create', '--title', 'Print', '--price', '12.50'], as(tokens.ada));
    const mistaken = await ada.run(
      [
        'drop',
        'schedule',
        '--product',
        product.id,
        '--starts-in',
        '1s',
        '--duration',
        '1h',
        '--stock',
        '3',
        '--hold',
        '1m',
      ],
      as(tokens.ada),
    );
    expect(mistaken.code).to.equal(2);
    expect(mistaken.stderr).to.include('--hold needs --checkout pay');
    const drop = await ada.json(
      [
        'drop',
        'schedule',
        '--product',
        product.id,
        '--starts-in',
        '1s',
        '--duration',
        '1h',
        '--stock',
        '3',
        '--checkout',
        'pay',
        '--hold',
        '1m',
      ],
      as(tokens.ada),
    );
    expect(drop).to.include({ checkout: 'pay', holdSeconds: 60 });
    expect((await ada.run(['drop', 'show', drop.id])).stdout).to.match(/checkout\s+pay within 1m00s of ordering/);
    const watch = spawnCli(['drop', 'watch', drop.id], bea.env({ LIVEDROPS_TOKEN: tokens.bea }));
    while (
      ((await fetch(`${t.api.url}/v1/drops/${drop.id}`).then((r) => r.json())) as { status: string }).status !== 'live'
    )
      await new Promise((r) => setTimeout(r, 100));
    // The hold's notification reaches the watch only once its stream is open.
    for (let i = 0; i < 200 && !watch.out().stderr.includes('notifications: live'); i++)
      await new Promise((r) => setTimeout(r, 50));

    const placed = await bea.run(['order', 'place', drop.id, '--quantity', '2'], as(tokens.bea));
    expect(placed.code, placed.stderr).to.equal(0);
    expect(placed.stdout).to.match(/held until \d{4}-\d\d-\d\dT/);
    expect(placed.stderr).to.match(
      /held until .* \(\S+ left\): pay with `livedrops order pay \S+ --method pm_card_visa`/,
    );
    const held = (await bea.json(['orders', 'list'], as(tokens.bea)))[0];
    expect(held).to.include({ status: 'held', quantity: 2 });
    const single = await cyd.json(['order', 'place', drop.id], as(tokens.cyd));
    const cancelled = await cyd.run(['order', 'cancel', single.id], as(tokens.cyd));
    expect(cancelled.stdout).to.include(`cancelled: order ${single.id}; 1 unit(s) went back to drop ${drop.id}`);

    expect((await cyd.json(['waitlist', 'join', drop.id], as(tokens.cyd))).created).to.equal(true);
    expect((await cyd.json(['waitlist', 'join', drop.id], as(tokens.cyd))).created).to.equal(false);
    expect((await cyd.run(['waitlist', 'list'], as(tokens.cyd))).stdout).to.include(drop.id);

    const declined = await bea.run(['order', 'pay', held.id, '--method', 'pm_card_chargeDeclined'], as(tokens.bea));
    expect(declined.code).to.equal(1);
    expect(declined.stderr).to.match(/card_declined.*\(payment_declined\)/);
    const paid = await bea.json(
      ['order', 'pay', held.id, '--method', 'pm_card_visa', '--key', 'pay-1'],
      as(tokens.bea),
    );
    expect(paid).to.deep.include({
      status: 'confirmed',
      replayed: false,
      payment: { ...paid.payment, status: 'captured', amountCents: 2500 },
    });
    expect(
      (await bea.json(['order', 'pay', held.id, '--method', 'pm_card_visa', '--key', 'pay-1'], as(tokens.bea)))
        .replayed,
    ).to.equal(true);
    const notHeld = await bea.run(['order', 'cancel', held.id], as(tokens.bea));
    expect(notHeld.code).to.equal(4);
    expect(notHeld.stderr).to.include('(order_not_held)');
    expect((await cyd.run(['waitlist', 'leave', drop.id], as(tokens.cyd))).code).to.equal(0);
    expect(await cyd.json(['waitlist', 'list'], as(tokens.cyd))).to.deep.equal([]);

    await ada.json(['drop', 'cancel', drop.id], as(tokens.ada));
    const w = await watch.done;
    expect(w.code, w.stderr).to.equal(0);
    expect(w.stdout).to.match(/live 1\/3 left 2 held/);
    expect(w.stdout).to.match(/order held: \S+ pay by \d\d:\d\d:\d\d/);
    expect(w.stdout + w.stderr).to.not.match(ANSI);
  });
});

describe('drop watch view: holds', () => {
  const plain = palette(false);
  const drop: DropJson = {
    id: 'd1',
    creatorId: 'c1',
    creator: { id: 'c1', handle: 'ada', displayName: 'Ada' },
    product: { id: 'p1', title: 'Poster', priceCents: 4999, currency: 'EUR' },
    startsAt: '2026-11-21T19:00:00.000Z',
    endsAt: '2026-11-21T20:00:00.000Z',
    status: 'live',
    stock: { total: 100, available: 60, held: 15 },
    perUserLimit: null,
    lowStockThreshold: 10,
    checkout: 'pay',
    holdSeconds: 600,
    createdAt: '2026-11-21T18:00:00.000Z',
  };
  const now = Date.parse('2026-11-21T19:50:00.000Z');

  it("shows held units beside sold ones, and each hold's deadline as its notification arrives", () => {
    const s = { drop, perSecond: 2, now, stream: 'live' };
    expect(frame(plain, s)[1]).to.include('60/100 left  (25 sold, 15 held)');
    expect(plainLine(s)).to.equal('19:50:00 live 60/100 left 15 held 2.0 units/s ends in 10m00s');
    const n = (type: string) => ({
      id: 'n',
      type,
      createdAt: '',
      data: { dropId: 'd1', orderId: 'o1', expiresAt: '2026-11-21T19:59:30.000Z' },
    });
    expect(notificationLine(plain, n('order.held'), now)).to.equal(
      '19:50:00 order held: o1 pay by 19:59:30 (in 9m30s)',
    );
    expect(notificationLine(plain, n('order.offered'), now)).to.equal(
      '19:50:00 offered to you: o1 pay by 19:59:30 (in 9m30s)',
    );
    expect(notificationLine(plain, n('order.expired'), now)).to.equal(
      '19:50:00 hold expired: o1 (its units went back)',
    );
  });
});
