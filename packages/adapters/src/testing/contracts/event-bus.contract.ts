import { UnavailableError, type DomainEvent, type EventBus } from '@livedrops/core';
import { expect } from 'chai';
import { expectDeclared, when } from '../harness.js';

const event = (seq: number, dropId = 'd-1'): DomainEvent => ({
  id: `e-${seq}`,
  type: 'stock.low',
  dropId,
  creatorId: 'c-1',
  userId: null,
  data: { dropId },
  createdAt: seq,
  seq,
});

/** What a bus offers, declared beside it in the spec: a test it cannot pass is never registered. */
export interface BusCapabilities {
  /**
   * In-process: `publish` resolves once every subscriber has handled every event, and a
   * failing subscriber fails it. Brokers: it resolves once the broker has accepted them.
   */
  synchronous: boolean;
  /** A subscriber whose handler failed gets the event again (manual acks). */
  redelivers?: boolean;
  /** Events published while a subscriber was cut off reach it once it is back. */
  durable?: boolean;
  /** Whether the harness offers `second` and `cut` (checked against it before each test). */
  second?: boolean;
  cut?: boolean;
}

export interface BusUnderTest {
  bus: EventBus;
  /** Another instance's bus on the same broker and names (its own connection). */
  second?(): Promise<EventBus>;
  /** This bus's connection loses the broker until `heal`. */
  cut?(): Promise<{ heal(): Promise<void> }>;
  close(): Promise<void>;
}

async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for deliveries');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * EventBus, as the relay and the consumers rely on it: every subscriber sees every event,
 * in publish order, once (redeliveries skipped by id); an unsubscribed handler hears
 * nothing more; `publish` resolves only once the events are accepted (in-process:
 * handled; a broker: confirmed) and fails when they could not be.
 */
export function eventBusContract({ caps, make }: { caps: BusCapabilities; make: () => Promise<BusUnderTest> }): void {
  describe('EventBus', () => {
    let h: BusUnderTest;
    beforeEach(async () => {
      h = await make();
      expectDeclared(caps, h, ['second', 'cut']);
    });
    afterEach(() => h.close());

    it('delivers every event to every subscriber, in order (in-process: before publish resolves)', async () => {
      const a: number[] = [];
      const b: number[] = [];
      await h.bus.subscribe(async (e) => void a.push(e.seq!));
      await h.bus.subscribe(async (e) => {
        await new Promise((r) => setTimeout(r, 1));
        b.push(e.seq!);
      });
      await h.bus.publish([event(1), event(2), event(3, 'd-2')]);
      if (!caps.synchronous) await eventually(() => a.length === 3 && b.length === 3);
      expect(a).to.deep.equal([1, 2, 3]);
      expect(b).to.deep.equal([1, 2, 3]);
    });

    it('delivers a batch of 500 in order', async () => {
      const got: number[] = [];
      await h.bus.subscribe(async (e) => void got.push(e.seq!));
      await h.bus.publish(Array.from({ length: 500 }, (_, i) => event(i + 1)));
      await eventually(() => got.length >= 500);
      expect(got).to.deep.equal(Array.from({ length: 500 }, (_, i) => i + 1));
    });

    when(caps.synchronous)(
      'fails the publish when a subscriber fails, so the relay keeps the rows pending',
      async () => {
        await h.bus.subscribe(async (e) => {
          if (e.seq === 2) throw new Error('consumer down');
        });
        const err = await h.bus.publish([event(1), event(2)]).catch((e: Error) => e);
        expect(err).to.be.instanceOf(Error);
      },
    );

    when(caps.redelivers)(
      'gives a subscriber whose handler failed the event again, then the rest in order',
      async () => {
        const got: number[] = [];
        let failures = 0;
        await h.bus.subscribe(async (e) => {
          if (e.seq === 2 && failures++ < 2) throw new Error('database down');
          got.push(e.seq!);
        });
        await h.bus.publish([event(1), event(2), event(3)]);
        await eventually(() => got.length === 3);
        expect(got).to.deep.equal([1, 2, 3]);
      },
    );

    // In-process consumers dedupe by position instead.
    when(!caps.synchronous)('skips an event published again (a relay retry) once it was handled', async () => {
      const got: string[] = [];
      await h.bus.subscribe(async (e) => void got.push(e.id));
      await h.bus.publish([event(1), event(2)]);
      await h.bus.publish([event(2), event(3)]);
      await eventually(() => got.length >= 3);
      await new Promise((r) => setTimeout(r, 100));
      expect(got).to.deep.equal(['e-1', 'e-2', 'e-3']);
    });

    when(caps.second)('reaches every instance: each subscriber on another connection hears every event', async () => {
      const other = await h.second!();
      const here: number[] = [];
      const there: number[] = [];
      await h.bus.subscribe(async (e) => void here.push(e.seq!));
      await other.subscribe(async (e) => void there.push(e.seq!));
      await other.publish([event(1)]);
      await h.bus.publish([event(2)]);
      await eventually(() => here.length === 2 && there.length === 2);
      expect(here.sort()).to.deep.equal([1, 2]);
      expect(there.sort()).to.deep.equal([1, 2]);
    });

    it('stops delivering to an unsubscribed handler', async () => {
      const got: number[] = [];
      const off = await h.bus.subscribe(async (e) => void got.push(e.seq!));
      await h.bus.publish([event(1)]);
      await eventually(() => got.length === 1);
      await off();
      await h.bus.publish([event(2)]);
      await new Promise((r) => setTimeout(r, caps.synchronous ? 0 : 150));
      expect(got).to.deep.equal([1]);
    });

    when(caps.cut)('fails a publish while the broker is unreachable, and publishes again once it is back', async () => {
      const got: number[] = [];
      await h.bus.subscribe(async (e) => void got.push(e.seq!));
      const outage = await h.cut!();
      try {
        expect(await h.bus.publish([event(1)]).catch((e: unknown) => e)).to.be.instanceOf(UnavailableError);
      } finally {
        await outage.heal();
      }
      await h.bus.publish([event(2)]);
      await eventually(() => got.includes(2));
    });

    when(caps.durable && caps.cut && caps.second)(
      'keeps what was published while a subscriber was cut off, and hands it over once it is back',
      async () => {
        const got: number[] = [];
        await h.bus.subscribe(async (e) => void got.push(e.seq!));
        const publisher = await h.second!();
        const outage = await h.cut!();
        await publisher.publish([event(1), event(2)]);
        await outage.heal();
        await eventually(() => got.length === 2, 15_000);
        expect(got).to.deep.equal([1, 2]);
      },
    );
  });
}
