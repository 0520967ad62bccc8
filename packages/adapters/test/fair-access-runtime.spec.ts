import { expect } from 'chai';
import { FairAccessRuntime } from '../src/runtime/fair-access-runtime.js';
import { world, type World } from './use-cases/world.js';

const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shuffle loop's timing: a waiting room's pre-queue is ordered at its start, not an interval later. */
describe('fair-access runtime', () => {
  let w: World;
  let runtime: FairAccessRuntime | undefined;

  beforeEach(() => {
    w = world();
  });
  afterEach(() => runtime?.stop());

  /** The drawn order once the drop's shuffle has run; undefined before. */
  const drawn = async (dropId: string) => {
    const f = await w.uc.fairness.of(dropId);
    return 'order' in f ? f.order : undefined;
  };

  /** A waiting room whose start is `ms` away on the use cases' clock. */
  async function queueDropStartingIn(ms: number): Promise<string> {
    const dropId = await w.queueDrop(5);
    w.clock.advance(MIN - ms);
    return dropId;
  }

  it('wakes the shuffle loop when a start falls due sooner than its interval, and admission after it', async () => {
    const dropId = await queueDropStartingIn(150);
    const fan = await w.user('fan');
    await w.uc.queues.join(fan, dropId);
    // A minute between steps: only the wake-up at the start can shuffle within the test.
    runtime = new FairAccessRuntime(w.uc, { shuffleIntervalMs: MIN, shuffleBatchSize: 20, admitIntervalMs: MIN });
    runtime.start();
    await sleep(50); // the first step ran (nothing due yet) and armed the wake-up for the start
    expect(await drawn(dropId)).to.equal(undefined);
    w.clock.advance(150);
    for (let i = 0; i < 40 && !(await drawn(dropId)); i++) await sleep(25);
    expect(await drawn(dropId)).to.deep.equal([fan.id]);
    // …and the admission loop, a minute between its steps too, admits right after the shuffle.
    for (let i = 0; i < 40 && (await w.uc.queues.status(fan, dropId)).state === 'waiting'; i++) await sleep(25);
    expect(await w.uc.queues.status(fan, dropId)).to.include({ state: 'admitted' });
  });

  it("leaves a start an interval or more away to the loop's own steps", async () => {
    const dropId = await queueDropStartingIn(MIN);
    runtime = new FairAccessRuntime(w.uc, { shuffleIntervalMs: MIN, shuffleBatchSize: 20, admitIntervalMs: MIN });
    runtime.start();
    await sleep(50);
    w.clock.advance(MIN);
    await sleep(200);
    expect(await drawn(dropId)).to.equal(undefined); // the next step is a minute away
  });
});
