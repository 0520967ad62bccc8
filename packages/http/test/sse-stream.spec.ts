import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import type { Notification } from '@livedrops/core';
import { SseStream } from '../src/sse/sse-stream.js';

/** Just enough of a ServerResponse: the socket never drains, so every byte stays buffered. */
function stuckResponse() {
  const r = {
    chunks: [] as string[],
    writableLength: 0,
    destroyed: false,
    ended: false,
    writeHead: () => r,
    write(chunk: string | Buffer) {
      r.chunks.push(String(chunk));
      r.writableLength += Buffer.byteLength(chunk);
      return false;
    },
    end: () => void (r.ended = true),
    destroy: () => void (r.destroyed = true),
  };
  return r;
}

const note = (i: number): Notification => ({
  id: `e${i}`,
  type: 'order.confirmed',
  createdAt: 0,
  data: { dropId: 'd', pad: 'x'.repeat(200) },
});
const ids = (r: ReturnType<typeof stuckResponse>) =>
  r.chunks.filter((c) => c.startsWith('id:')).map((c) => c.split('\n')[0]);

describe('SseStream (one client, in isolation)', () => {
  it('drops a client whose unsent bytes pass the bound instead of buffering without end', () => {
    const res = stuckResponse();
    const s = new SseStream(res as unknown as ServerResponse, { maxBufferedBytes: 4096, maxPending: 100 });
    s.open();
    s.caughtUp(0);
    for (let i = 1; i <= 100; i++) s.live(i, note(i));
    expect(res.destroyed).to.equal(true);
    expect(s.closed).to.equal(true);
    expect(res.writableLength).to.be.lessThan(4096 + 1024);
  });

  it('holds live events while catching up, then writes them in order above the floor, once', () => {
    const res = stuckResponse();
    const s = new SseStream(res as unknown as ServerResponse, { maxBufferedBytes: 1 << 20, maxPending: 100 });
    s.open();
    s.live(7, note(7));
    s.live(5, note(5));
    s.send(4, note(4)); // catch-up from the inbox
    s.send(5, note(5));
    s.caughtUp(5);
    s.live(6, note(6)); // an older position after a newer one: never written out of order
    s.live(8, note(8));
    s.live(8, note(8));
    expect(ids(res)).to.deep.equal(['id: e4', 'id: e5', 'id: e7', 'id: e8']);
  });

  it('drops a client that falls too far behind while catching up', () => {
    const res = stuckResponse();
    const s = new SseStream(res as unknown as ServerResponse, { maxBufferedBytes: 1 << 20, maxPending: 3 });
    s.open();
    for (let i = 1; i <= 4; i++) s.live(i, note(i));
    expect(res.destroyed).to.equal(true);
  });
});
