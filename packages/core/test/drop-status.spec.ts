import { expect } from 'chai';
import { dropStatus, inStatusList, listStatusOf, orderEvents, type Drop, type Order } from '../src/index.js';

const base: Drop = {
  id: 'd1',
  creatorId: 'c1',
  productId: 'p1',
  productTitle: 'Tee',
  productImage: null,
  priceCents: 100,
  currency: 'USD',
  startsAt: 1000,
  endsAt: 2000,
  total: 10,
  sold: 0,
  perUserLimit: null,
  lowStockThreshold: 1,
  cancelledAt: null,
  startedAt: null,
  createdAt: 0,
};

describe('drop status', () => {
  it('follows the clock, the stock and cancellation', () => {
    expect(dropStatus(base, 999)).to.equal('upcoming');
    expect(dropStatus(base, 1000)).to.equal('live');
    expect(dropStatus({ ...base, sold: 10 }, 1500)).to.equal('sold_out');
    expect(dropStatus(base, 2000)).to.equal('ended');
    expect(dropStatus({ ...base, cancelledAt: 5 }, 1500)).to.equal('cancelled');
  });

  it('lists sold-out drops as live and cancelled ones as ended', () => {
    expect(listStatusOf({ ...base, sold: 10 }, 1500)).to.equal('live');
    expect(listStatusOf({ ...base, cancelledAt: 5 }, 500)).to.equal('ended');
  });

  it('has narrow sold_out and cancelled lists beside the wide ones', () => {
    const soldOut = { ...base, sold: 10 };
    expect(['live', 'sold_out'].map((s) => inStatusList(soldOut, s as 'live', 1500))).to.deep.equal([true, true]);
    expect(inStatusList(soldOut, 'ended', 1500)).to.equal(false);
    expect(inStatusList(soldOut, 'sold_out', 2000)).to.equal(false); // its window closed: ended
    expect(inStatusList(base, 'sold_out', 1500)).to.equal(false);
    const cancelled = { ...base, cancelledAt: 5 };
    expect(['ended', 'cancelled'].map((s) => inStatusList(cancelled, s as 'ended', 500))).to.deep.equal([true, true]);
    expect(inStatusList(base, 'cancelled', 2500)).to.equal(false);
  });
});

describe('order events', () => {
  const order: Order = {
    id: 'o',
    userId: 'u',
    dropId: 'd1',
    quantity: 1,
    unitPriceCents: 100,
    totalCents: 100,
    currency: 'USD',
    status: 'confirmed',
    createdAt: 1,
  };
  let n = 0;
  const next = () => `e${n++}`;
  const types = (availableAfter: number, q: number, threshold = 3) =>
    orderEvents({ ...order, quantity: q }, { ...base, lowStockThreshold: threshold }, availableAfter, q, next).map(
      (e) => e.type,
    );

  it('fires stock.low only on the order that crosses the threshold', () => {
    expect(types(4, 1)).to.deep.equal(['order.confirmed']);
    expect(types(3, 1)).to.deep.equal(['order.confirmed', 'stock.low']);
    expect(types(2, 1)).to.deep.equal(['order.confirmed']);
  });

  it('fires drop.sold_out once, and stock.low too when one order jumps past both', () => {
    expect(types(0, 1)).to.deep.equal(['order.confirmed', 'drop.sold_out']);
    expect(types(0, 5)).to.deep.equal(['order.confirmed', 'stock.low', 'drop.sold_out']);
  });
});
