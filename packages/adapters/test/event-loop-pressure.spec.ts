import { expect } from 'chai';
import { EventLoopPressure } from '../src/runtime/event-loop-pressure.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('EventLoopPressure', () => {
  it('is high once the event loop answers a timer late, for the hold time after', async () => {
    const pressure = new EventLoopPressure(50, 300, 10);
    try {
      expect(pressure.high()).to.equal(false); // starts sampling
      await sleep(50);
      expect(pressure.high()).to.equal(false);
      const until = performance.now() + 120;
      while (performance.now() < until); // the loop held up, as by a burst of requests
      await sleep(20);
      expect(pressure.high()).to.equal(true);
      await sleep(400);
      expect(pressure.high()).to.equal(false);
    } finally {
      pressure.stop();
    }
  });
});
