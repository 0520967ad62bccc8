import { expect } from 'chai';
import { checkHistory } from '../src/index.js';
import { drop, HistoryBuilder, observed } from './support/histories.js';

const kinds = (r: ReturnType<typeof checkHistory>): string[] => r.violations.map((v) => v.kind);

describe('checkHistory on hand-written histories', () => {
  it("passes a clean sell-out: two orders, both in the buyers' lists, available = total − sold", () => {
    const h = new HistoryBuilder();
    h.order('u1', 'k1', { ok: 'o1' });
    h.order('u2', 'k2', { ok: 'o2' });
    h.order('u3', 'k3', { fail: 'sold_out' });
    const r = checkHistory(
      h.ops,
      observed({
        orderRows: [
          ['u1', 'o1'],
          ['u2', 'o2'],
        ],
        orders: { u3: [] },
      }),
    );
    expect(r.violations).to.deep.equal([]);
    expect(r.stats).to.include({ keys: 3, ackedOrders: 2, oversoldUnits: 0 });
  });

  it('oversell: three units confirmed of two, naming the operation that went past the total', () => {
    const h = new HistoryBuilder();
    h.order('u1', 'k1', { ok: 'o1' });
    h.order('u2', 'k2', { ok: 'o2' });
    const third = h.order('u3', 'k3', { ok: 'o3' });
    const r = checkHistory(
      h.ops,
      observed({
        orderRows: [
          ['u1', 'o1'],
          ['u2', 'o2'],
          ['u3', 'o3'],
        ],
      }),
    );
    const v = r.violations.find((x) => x.kind === 'oversold')!;
    expect(v.ops).to.deep.equal([third.done.index]);
    expect(v.message).to.match(/oversold by 1/);
    expect(r.stats.oversoldUnits).to.equal(1);
    // And the count the API shows cannot be right either: available 0 ≠ 2 − 3.
    expect(kinds(r)).to.include('stock-mismatch');
  });

  it('duplicate: one key answered with two different orders', () => {
    const h = new HistoryBuilder();
    const a = h.order('u1', 'k1', { ok: 'o1' });
    const b = h.order('u1', 'k1', { ok: 'o2', replayed: true });
    const r = checkHistory(
      h.ops,
      observed({
        drops: [drop({ available: 0 })],
        orderRows: [
          ['u1', 'o1'],
          ['u1', 'o2'],
        ],
      }),
    );
    const v = r.violations.find((x) => x.kind === 'duplicate-order')!;
    expect(v.ops).to.deep.equal([a.done.index, b.done.index]);
    expect(r.stats.duplicateOrders).to.equal(1);
  });

  it('duplicate: the server holds an order no key accounts for', () => {
    const h = new HistoryBuilder();
    h.order('u1', 'k1', { ok: 'o1' });
    const r = checkHistory(
      h.ops,
      observed({
        orderRows: [
          ['u1', 'o1'],
          ['u1', 'o-extra'],
        ],
      }),
    );
    expect(kinds(r)).to.deep.equal(['duplicate-order']);
    expect(r.violations[0]!.message).to.match(/o-extra/);
  });

  it("lost acknowledgement: a 201 whose order is not in the buyer's list", () => {
    const h = new HistoryBuilder();
    h.order('u1', 'k1', { ok: 'o1' });
    const lost = h.order('u2', 'k2', { ok: 'o2' });
    const r = checkHistory(
      h.ops,
      observed({ drops: [drop({ available: 1 })], orderRows: [['u1', 'o1']], orders: { u2: [] } }),
    );
    expect(r.violations.map((v) => [v.kind, v.ops])).to.deep.include(['lost-order', [lost.done.index]]);
    expect(r.stats.lostOrders).to.equal(1);
  });

  it('a timeout is info, never a failure; replaying its key resolves it', () => {
    const h = new HistoryBuilder();
    h.order('u1', 'k1', { info: 'timeout' });
    const state = observed({ drops: [drop({ available: 1 })], orderRows: [['u1', 'o1']] });
    // Unresolved: indeterminate, and the order it may have made is explained by it.
    const before = checkHistory(h.ops, state);
    expect(before.violations).to.deep.equal([]);
    expect(before.stats).to.include({ indeterminateKeys: 1, infoResolved: 0, ackedOrders: 0 });
    // The checker's replay (same key and body) returns the stored order: now determinate.
    h.order('u1', 'k1', { ok: 'o1', replayed: true }, { resolve: true });
    const after = checkHistory(h.ops, state);
    expect(after.violations).to.deep.equal([]);
    expect(after.stats).to.include({ indeterminateKeys: 0, infoResolved: 1, ackedOrders: 1 });
  });

  it('a replay that contradicts the state: the key says sold out, yet the order exists', () => {
    const h = new HistoryBuilder();
    h.order('u1', 'k1', { info: 'reset' });
    h.order('u1', 'k1', { fail: 'sold_out' }, { resolve: true });
    const r = checkHistory(h.ops, observed({ drops: [drop({ available: 1 })], orderRows: [['u1', 'o1']] }));
    expect(kinds(r)).to.deep.equal(['duplicate-order']);
  });

  it('inconsistent replay: the same key answered 201 and then 409 sold_out', () => {
    const h = new HistoryBuilder();
    const ok = h.order('u1', 'k1', { ok: 'o1' });
    const no = h.order('u1', 'k1', { fail: 'sold_out' });
    const r = checkHistory(h.ops, observed({ drops: [drop({ available: 1 })], orderRows: [['u1', 'o1']] }));
    expect(r.violations.map((v) => [v.kind, v.ops])).to.deep.equal([
      ['inconsistent-replay', [ok.done.index, no.done.index]],
    ]);
  });

  it('stale read: a GET begun after an order was acknowledged shows more stock than it left', () => {
    const h = new HistoryBuilder();
    const o = h.order('u1', 'k1', { ok: 'o1' });
    const read = h.readDrop('d1', 2, 2);
    const r = checkHistory(h.ops, observed({ drops: [drop({ available: 1 })], orderRows: [['u1', 'o1']] }));
    expect(r.violations.map((v) => [v.kind, v.ops])).to.deep.equal([
      ['stale-read', [read.inv.index, read.done.index, o.done.index]],
    ]);
  });

  it('missing and duplicated notifications, on streams and in inboxes', () => {
    const h = new HistoryBuilder();
    const o = h.order('u1', 'k1', { ok: 'o1' });
    const state = observed({
      epoch0: 5000, // the order was placed at 5 s, after both streams connected and the drop started
      drops: [drop({ available: 1, startsAt: 1000 })],
      orderRows: [['u1', 'o1']],
      follows: { u1: ['c1'], u2: ['c1'] },
      streams: [
        { userId: 'u1', connectedAt: 500, lostAt: null, reconnects: 0 },
        { userId: 'u2', connectedAt: 500, lostAt: null, reconnects: 0 },
      ],
      receipts: [
        { userId: 'u2', id: 'e1', type: 'drop.started', dropId: 'd1', at: 1100 },
        { userId: 'u2', id: 'e9', type: 'drop.started', dropId: 'd1', at: 1200 },
      ],
      inboxes: { u1: [{ id: 'e1', type: 'drop.started', dropId: 'd1', orderId: undefined, createdAt: 1000 }] },
    });
    const r = checkHistory(h.ops, state);
    const msgs = r.violations.map((v) => `${v.kind} ${v.ops.join(',')} ${v.message}`);
    expect(msgs.some((m) => /^missing-notification {2}user u1's stream .* drop.started/.test(m))).to.equal(
      true,
      msgs.join('\n'),
    );
    expect(msgs).to.include(
      `missing-notification ${o.done.index} user u1's stream never got order.confirmed for order o1`,
    );
    expect(msgs).to.include(`missing-notification ${o.done.index} user u1's inbox has no order.confirmed for order o1`);
    expect(msgs.some((m) => /^duplicate-notification .*drop.started for drop d1 2 times/.test(m))).to.equal(
      true,
      msgs.join('\n'),
    );
    expect(r.stats).to.include({ missingNotifications: 3, duplicateNotifications: 1 });
  });
});
