import { expect } from 'chai';
import type { Notification } from '@livedrops/core';
import type { WebSocket } from 'ws';
import { SLOW_CONSUMER_CLOSE, WsNotificationStream } from '../src/streams/ws-notification-stream.js';

/** Just enough of a ws socket: a settable bufferedAmount, and the close it was given. */
function fakeSocket() {
  return {
    bufferedAmount: 0,
    closed: undefined as [number, string] | undefined,
    close(code: number, reason: string) {
      this.closed = [code, reason];
    },
  };
}

const note = (i: number): Notification => ({
  id: `e${i}`,
  type: 'order.confirmed',
  createdAt: 0,
  data: { dropId: 'd' },
});
const stream = (socket: ReturnType<typeof fakeSocket>, maxPending = 100) =>
  new WsNotificationStream(socket as unknown as WebSocket, { maxPending, maxBufferedBytes: 4096 });

async function drain(s: WsNotificationStream): Promise<string[]> {
  const ids: string[] = [];
  for (let r = await s.next(); !r.done; r = await s.next()) ids.push(r.value.id);
  return ids;
}

describe('WsNotificationStream (one subscription, in isolation)', () => {
  it('drops a client whose queue passes the bound (it reads too slowly), closing with 1013', async () => {
    const socket = fakeSocket();
    const s = stream(socket, 3);
    let released = 0;
    s.release = () => void released++;
    s.caughtUp(0);
    for (let i = 1; i <= 5; i++) s.live(i, note(i));
    expect(socket.closed?.[0]).to.equal(SLOW_CONSUMER_CLOSE);
    expect(released).to.equal(1);
    expect(await drain(s)).to.deep.equal([]);
  });

  it('drops a client whose socket holds too many unsent bytes', () => {
    const socket = fakeSocket();
    const s = stream(socket);
    s.caughtUp(0);
    s.live(1, note(1));
    expect(socket.closed).to.equal(undefined);
    socket.bufferedAmount = 5000;
    s.live(2, note(2));
    expect(socket.closed?.[0]).to.equal(SLOW_CONSUMER_CLOSE);
  });

  it('yields catch-up and held live events in outbox order, once; ends after what is queued on shutdown', async () => {
    const s = stream(fakeSocket());
    s.live(7, note(7));
    s.live(5, note(5));
    s.send(4, note(4));
    s.send(5, note(5));
    s.caughtUp(5);
    s.live(6, note(6));
    s.live(8, note(8));
    s.live(8, note(8));
    s.end();
    expect(await drain(s)).to.deep.equal(['e4', 'e5', 'e7', 'e8']);
  });

  it('wakes a waiting reader on a live event, and return() (client completed) releases the hub', async () => {
    const s = stream(fakeSocket());
    let released = false;
    s.release = () => void (released = true);
    s.caughtUp(0);
    const pending = s.next();
    s.live(1, note(1));
    expect((await pending).value?.id).to.equal('e1');
    await s.return();
    expect(released).to.equal(true);
    expect((await s.next()).done).to.equal(true);
  });
});
