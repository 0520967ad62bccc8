import { expect } from 'chai';
import type { DropJson } from '../src/drop-format.js';
import { palette } from '../src/output.js';
import { LiveRegion } from '../src/terminal.js';
import { RateMeter } from '../src/watch/rate-meter.js';
import { frame, notificationLine, plainLine, stockBar } from '../src/watch/watch-view.js';
import { statsLine } from '../src/watch/creator-stats.js';

const drop = (available: number, status: DropJson['status'] = 'live'): DropJson => ({
  id: 'd1',
  creatorId: 'c1',
  creator: { id: 'c1', handle: 'ada', displayName: 'Ada' },
  product: { id: 'p1', title: 'Poster', priceCents: 4999, currency: 'EUR' },
  startsAt: '2026-11-21T19:00:00.000Z',
  endsAt: '2026-11-21T20:00:00.000Z',
  status,
  stock: { total: 100, available },
  perUserLimit: null,
  lowStockThreshold: 10,
  createdAt: '2026-11-21T18:00:00.000Z',
});
const plain = palette(false);

describe('drop watch view', () => {
  it('draws the stock bar by what is left; a sliver is never empty, a dent never full', () => {
    expect(stockBar(plain, drop(100))).to.equal(`[${'█'.repeat(30)}]`);
    expect(stockBar(plain, drop(0))).to.equal(`[${'░'.repeat(30)}]`);
    expect(stockBar(plain, drop(1))).to.match(/^\[█░{29}\]$/);
    expect(stockBar(plain, drop(99))).to.match(/^\[█{29}░\]$/);
  });

  it('measures units sold per second from successive readings', () => {
    const m = new RateMeter(3000);
    expect(m.perSecond()).to.equal(0);
    m.add(0, 100);
    m.add(500, 95);
    m.add(1000, 90);
    expect(m.perSecond()).to.equal(10);
    m.add(10_000, 90); // a quiet spell pushes the rush out of the window
    m.add(10_500, 90);
    expect(m.perSecond()).to.equal(0);
  });

  it('prints plain lines and a frame with time left, in units per second', () => {
    const now = Date.parse('2026-11-21T19:59:06.000Z');
    const s = { drop: drop(37), perSecond: 12.04, now, stream: 'live' };
    expect(plainLine(s)).to.equal('19:59:06 live 37/100 left 12.0 units/s ends in 54s');
    expect(frame(plain, s).join('\n')).to.include('37/100 left').and.include('12.0 units/s   ends in 54s');
    expect(frame(plain, { ...s, drop: drop(0, 'sold_out') })).to.have.length(3); // no "Ctrl-C" hint once it is over
  });

  it("shows the creator's figures on one line, and in the frame when there are some", () => {
    const stats = {
      units: { total: 100, sold: 40, held: 0, left: 60 },
      orders: { count: 35, buyers: 30, perSecond: 3.21, averagePerSecond: 1.1 },
      timeToSellOutMs: 12_000,
      notifications: { maxLagMs: 85 },
      conversion: { notifiedFollowers: 200, buyers: 25, rate: 0.125 },
    };
    const line =
      'sold 40 held 0 left 60 · 3.2 orders/s (avg 1.1) · sold out in 12s · followers told within 85 ms · 12.5% of 200 notified bought';
    expect(statsLine(plain, stats)).to.equal(line);
    expect(
      statsLine(plain, { ...stats, timeToSellOutMs: null, notifications: { maxLagMs: null }, conversion: null }),
    ).to.equal('sold 40 held 0 left 60 · 3.2 orders/s (avg 1.1)');
    const now = Date.parse('2026-11-21T19:59:06.000Z');
    expect(frame(plain, { drop: drop(60), perSecond: 1, now, stream: 'live', stats })).to.include(line);
  });

  it('starts stock lines and notification lines with the same time of day', () => {
    const now = Date.parse('2026-11-21T19:59:06.000Z');
    const n = {
      id: 'n1',
      type: 'stock.low',
      createdAt: '2026-11-21T19:59:05.000Z',
      data: { dropId: 'd1', productTitle: 'Poster', available: 3 },
    };
    const times = [
      plainLine({ drop: drop(3), perSecond: 1, now, stream: 'live' }),
      notificationLine(plain, n, now),
    ].map((l) => l.split(' ')[0]);
    expect(times).to.deep.equal(['19:59:06', '19:59:06']);
  });

  it('redraws in place: back up over the old frame, clear below, cursor hidden then restored', () => {
    let text = '';
    const region = new LiveRegion({ write: (t: string) => (text += t), columns: 20 });
    region.render(['one', 'two']);
    region.render(['three']);
    region.log('note');
    region.close();
    expect(text.startsWith('\x1b[?25l')).to.equal(true);
    expect(text).to.include('\r\x1b[2A\x1b[2Kthree\n\x1b[J');
    expect(text).to.include('\r\x1b[1A\x1b[2Knote\n');
    expect(text.endsWith('\x1b[?25h')).to.equal(true);
    region.render(['x'.repeat(50)]);
    expect(text).to.include(`${'x'.repeat(19)}\x1b[0m\n`); // cut to the terminal's width so it cannot wrap
  });
});
