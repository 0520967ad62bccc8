import { createMemoryAdapters, FakeClock } from '@livedrops/adapters';
import type { IdempotencyRecord } from '@livedrops/core';
import { expect } from 'chai';
import { DEFAULT_SWEEPER_TUNING, IdempotencySweeper } from '../src/idempotency-sweeper.js';
import { liveDrop, newKey, order, register } from './support/fixtures.js';
import { sleep, startTestServer } from './support/harness.js';

const DAY = 24 * 60 * 60 * 1000;

describe('idempotency key expiry', () => {
  const record = (key: string, createdAt: number): IdempotencyRecord => ({
    userId: 'u1',
    key,
    fingerprint: 'f',
    outcome: { ok: false, error: { code: 'sold_out', message: 'The drop is sold out', extensions: { available: 0 } } },
    createdAt,
  });

  it('keeps keys for 24 hours, then deletes them in bounded chunks', async () => {
    const clock = new FakeClock();
    const data = createMemoryAdapters({ clock });
    const t0 = clock.now();
    for (let i = 0; i < 7; i++) await data.uow.run((tx) => tx.idempotency.save(record(`old-${i}`, t0 + i)));
    await data.uow.run((tx) => tx.idempotency.save(record('young', t0 + 2 * DAY)));
    const calls: number[] = [];
    const purgeBefore = data.idempotency.purgeBefore.bind(data.idempotency);
    const idempotency = {
      find: data.idempotency.find.bind(data.idempotency),
      purgeBefore: async (before: number, limit: number) => (calls.push(limit), purgeBefore(before, limit)),
    };
    const sweeper = new IdempotencySweeper({ idempotency, clock }, { ...DEFAULT_SWEEPER_TUNING, chunk: 3 });

    clock.set(t0 + DAY - 1);
    expect(await sweeper.sweep()).to.equal(0); // nothing is 24 h old yet
    clock.set(t0 + DAY + 4); // old-0 … old-3 have aged past 24 h
    expect(await sweeper.sweep()).to.equal(4);
    expect(await data.idempotency.find('u1', 'old-3')).to.equal(null);
    expect(await data.idempotency.find('u1', 'old-4')).to.not.equal(null);
    clock.advance(DAY);
    expect(await sweeper.sweep()).to.equal(3);
    expect(await data.idempotency.find('u1', 'young')).to.not.equal(null);
    expect(calls.every((limit) => limit === 3)).to.equal(true);
  });

  it('stops after maxChunks; the rest waits for the next sweep', async () => {
    const clock = new FakeClock();
    const data = createMemoryAdapters({ clock });
    for (let i = 0; i < 10; i++) await data.uow.run((tx) => tx.idempotency.save(record(`k-${i}`, clock.now())));
    clock.advance(2 * DAY);
    const sweeper = new IdempotencySweeper(
      { idempotency: data.idempotency, clock },
      { ...DEFAULT_SWEEPER_TUNING, chunk: 2, maxChunks: 3 },
    );
    expect(await sweeper.sweep()).to.equal(6);
    expect(await sweeper.sweep()).to.equal(4);
  });

  it('runs in the server: after 24 h the same key places a new order instead of replaying', async () => {
    const clock = new FakeClock(Date.now());
    const t = await startTestServer({ clock, sweeper: { intervalMs: 20 } });
    try {
      const creator = await register(t.client, 'sweepseller', true);
      const buyer = await register(t.client, 'sweepbuyer');
      // Started a minute before the server's fixed clock: registering (scrypt) may take seconds on a busy machine.
      const drop = await liveDrop(t.client, creator, { stock: 10, startsIn: -60_000, endsIn: 3 * DAY });
      const key = newKey();
      const first = await order(t.client, buyer, drop.id, 1, key);
      expect(first.status, first.text).to.equal(201);
      clock.advance(DAY - 60_000);
      await sleep(100); // several sweeps run; the key is not 24 h old yet
      const replay = await order(t.client, buyer, drop.id, 1, key);
      expect(replay.headers.get('idempotent-replayed')).to.equal('true');
      expect(replay.json.id).to.equal(first.json.id);
      clock.advance(120_000);
      await sleep(100);
      const fresh = await order(t.client, buyer, drop.id, 1, key);
      expect(fresh.status, fresh.text).to.equal(201);
      expect(fresh.headers.get('idempotent-replayed')).to.equal(null);
      expect(fresh.json.id).to.not.equal(first.json.id);
    } finally {
      await t.close();
    }
  });
});
