import { expect } from 'chai';
import { BackgroundLoop } from '../src/runtime/background-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loop every 10 ms whose steps answer `result()`, counting them, waiting at most `idleMaxMs` when idle. */
function counting(result: () => unknown, idleMaxMs: number) {
  const counter = { steps: 0 };
  const loop = new BackgroundLoop(
    async () => (counter.steps++, result()),
    10,
    () => undefined,
    idleMaxMs,
  );
  loop.start(0);
  return { counter, loop };
}

describe('BackgroundLoop', () => {
  it('waits twice as long after each step that found nothing, up to its ceiling', async () => {
    const { counter, loop } = counting(() => false, 160);
    await sleep(600);
    await loop.stop();
    // 10, 20, 40, 80, 160, 160 … ms apart: about six steps, where a fixed 10 ms makes sixty.
    expect(counter.steps).to.be.within(3, 12);
  });

  it('is back at its interval after a nudge, and stays there while its steps find work', async () => {
    let busy = false;
    const { counter, loop } = counting(() => busy, 1_000);
    await sleep(200); // backed off towards a second
    const idle = counter.steps;
    busy = true;
    loop.nudge();
    await sleep(300);
    await loop.stop();
    expect(counter.steps - idle).to.be.at.least(10); // every 10 ms again (about 30 on a quiet machine)
  });

  it('keeps a fixed interval for steps that say nothing of their work', async () => {
    const { counter, loop } = counting(() => undefined, 1_000);
    await sleep(300);
    await loop.stop();
    expect(counter.steps).to.be.at.least(10);
  });
});
