import { expect } from 'chai';
import { BackgroundLoop } from '../src/runtime/background-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('BackgroundLoop', () => {
  it('waits twice as long after each step that found nothing, up to its ceiling', async () => {
    let steps = 0;
    const loop = new BackgroundLoop(
      async () => (steps++, false),
      10,
      () => undefined,
      160,
    );
    loop.start(0);
    await sleep(600);
    await loop.stop();
    // 10, 20, 40, 80, 160, 160 … ms apart: about six steps, where a fixed 10 ms makes sixty.
    expect(steps).to.be.within(3, 12);
  });

  it('is back at its interval after a nudge, and stays there while its steps find work', async () => {
    let steps = 0;
    let busy = false;
    const loop = new BackgroundLoop(
      async () => (steps++, busy),
      10,
      () => undefined,
      1_000,
    );
    loop.start(0);
    await sleep(200); // backed off towards a second
    const idle = steps;
    busy = true;
    loop.nudge();
    await sleep(300);
    await loop.stop();
    expect(steps - idle).to.be.at.least(10); // every 10 ms again (about 30 on a quiet machine)
  });

  it('keeps a fixed interval for steps that say nothing of their work', async () => {
    let steps = 0;
    const loop = new BackgroundLoop(
      async () => void steps++,
      10,
      () => undefined,
      1_000,
    );
    loop.start(0);
    await sleep(300);
    await loop.stop();
    expect(steps).to.be.at.least(10);
  });
});
