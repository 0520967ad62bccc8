import { expect } from 'chai';
import type { GatePass, ReserveResult, StockGate } from '@livedrops/core';
import { world } from './world.js';

/** A gate under the test's control that records what the database told it. */
function scriptedGate(verdicts: Array<GatePass['verdict']>) {
  const left: Array<ReserveResult | undefined> = [];
  const gate: StockGate = {
    enter: async () => ({ verdict: verdicts.shift() ?? 'go', leave: async (r) => void left.push(r) }),
  };
  return { gate, left };
}

describe('use cases: place order behind a stock gate', () => {
  it("stores the gate's sold_out like the database's, so a replay repeats it, and touches no stock", async () => {
    const { gate, left } = scriptedGate(['sold_out']);
    const w = world({ gate });
    const { dropId } = await w.liveDrop({ stock: 5 });
    const fan = await w.user('fan');
    const first = await w.uc.placeOrder.execute(fan, 'k', { dropId, quantity: 1 });
    expect(first.outcome.ok ? 'ok' : first.outcome.error.code).to.equal('sold_out');
    const again = await w.uc.placeOrder.execute(fan, 'k', { dropId, quantity: 1 });
    expect(again).to.deep.equal({ outcome: first.outcome, replayed: true });
    expect(w.store.drops.get(dropId)!.sold).to.equal(0);
    expect(w.store.outbox).to.have.length(0);
    // The replay went past the gate to the book, which answered from the record: nothing to learn.
    expect(left).to.deep.equal([undefined]);
  });

  it('tells the gate what the database decided, and nothing when the unit of work failed', async () => {
    const { gate, left } = scriptedGate([]);
    const w = world({ gate });
    const { dropId } = await w.liveDrop({ stock: 1 });
    await w.uc.placeOrder.execute(await w.user('a_1'), 'k', { dropId, quantity: 1 });
    await w.uc.placeOrder.execute(await w.user('b_1'), 'k', { dropId, quantity: 1 });
    expect(left).to.deep.equal([
      { ok: true, sold: 1, total: 1 },
      { ok: false, reason: 'sold_out', available: 0 },
    ]);
    const save = w.ports.uow.run.bind(w.ports.uow);
    w.ports.uow.run = async () => {
      throw new Error('database down');
    };
    const err = await w.uc.placeOrder.execute(await w.user('c_1'), 'k', { dropId, quantity: 1 }).catch((e: Error) => e);
    w.ports.uow.run = save;
    expect(err).to.be.instanceOf(Error);
    expect(left[2]).to.equal(undefined);
    expect(left).to.have.length(3);
  });
});
