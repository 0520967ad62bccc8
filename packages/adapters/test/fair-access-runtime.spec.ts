import { expect } from 'chai';
import { createUseCases, DEFAULT_POLICY, type UseCases, type User } from '@livedrops/core';
import { createMemoryAdapters } from '../src/memory/create-memory-adapters.js';
import { FairAccessRuntime } from '../src/runtime/fair-access-runtime.js';
import { FakeClock } from '../src/system/clocks.js';
import { systemPorts } from '../src/testing/system-ports.js';

const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shuffle loop's timing: a waiting room's pre-queue is ordered at its start, not an interval later. */
describe('fair-access runtime', () => {
  let clock: FakeClock;
  let uc: UseCases;
  let runtime: FairAccessRuntime | undefined;

  beforeEach(() => {
    clock = new FakeClock();
    const data = createMemoryAdapters({ clock });
    uc = createUseCases({ ...data, ...systemPorts(clock) }, DEFAULT_POLICY);
  });
  afterEach(() => runtime?.stop());

  /** The drawn order once the drop's shuffle has run; undefined before. */
  const drawn = async (dropId: string) => {
    const f = await uc.fairness.of(dropId);
    return 'order' in f ? f.order : undefined;
  };

  async function queueDropStartingIn(ms: number): Promise<string> {
    const creator: User = { id: 'maker', handle: 'maker', displayName: 'm', isCreator: true, createdAt: 0 };
    const product = await uc.products.create(creator, { title: 'Tee', priceCents: 100 });
    const now = clock.now();
    const drop = await uc.drops.schedule(creator, {
      productId: product.id,
      startsAt: now + MIN,
      endsAt: now + 60 * MIN,
      stock: 5,
      access: 'queue',
    });
    clock.advance(MIN - ms);
    return drop.id;
  }

  it('wakes the shuffle loop when a start falls due sooner than its interval, and admission after it', async () => {
    const dropId = await queueDropStartingIn(150);
    const fan: User = { id: 'fan', handle: 'fan', displayName: 'f', isCreator: false, createdAt: 0 };
    await uc.queues.join(fan, dropId);
    // A minute between steps: only the wake-up at the start can shuffle within the test.
    runtime = new FairAccessRuntime(uc, { shuffleIntervalMs: MIN, shuffleBatchSize: 20, admitIntervalMs: MIN });
    runtime.start();
    await sleep(50); // the first step ran (nothing due yet) and armed the wake-up for the start
    expect(await drawn(dropId)).to.equal(undefined);
    clock.advance(150);
    for (let i = 0; i < 40 && !(await drawn(dropId)); i++) await sleep(25);
    expect(await drawn(dropId)).to.deep.equal(['fan']);
    // …and the admission loop, a minute between its steps too, admits right after the shuffle.
    for (let i = 0; i < 40 && (await uc.queues.status(fan, dropId)).state === 'waiting'; i++) await sleep(25);
    expect(await uc.queues.status(fan, dropId)).to.include({ state: 'admitted' });
  });

  it("leaves a start an interval or more away to the loop's own steps", async () => {
    const dropId = await queueDropStartingIn(MIN);
    runtime = new FairAccessRuntime(uc, { shuffleIntervalMs: MIN, shuffleBatchSize: 20, admitIntervalMs: MIN });
    runtime.start();
    await sleep(50);
    clock.advance(MIN);
    await sleep(200);
    expect(await drawn(dropId)).to.equal(undefined); // the next step is a minute away
  });
});
