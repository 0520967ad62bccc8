import type { LiveHub, Notification } from '@livedrops/core';
import { expect } from 'chai';

const note = (id: string): Notification => ({ id, type: 'order.confirmed', createdAt: 1, data: { dropId: 'd' } });

/**
 * LiveHub: pushes reach exactly the named users' open streams, in publish order; the
 * watermark moves with each publish (never back) and is what a new subscription reports;
 * counts of connected users and streams stay exact as streams close.
 */
export function liveHubContract(make: () => Promise<{ hub: LiveHub; close(): Promise<void> }>): void {
  describe('LiveHub', () => {
    let h: { hub: LiveHub; close(): Promise<void> };
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    it('pushes to every open stream of the named users only, in order', async () => {
      const got: Record<string, string[]> = { a1: [], a2: [], b: [] };
      h.hub.subscribe('a', (_s, n) => got.a1!.push(n.id));
      h.hub.subscribe('a', (_s, n) => got.a2!.push(n.id));
      h.hub.subscribe('b', (_s, n) => got.b!.push(n.id));
      await h.hub.publish({ seq: 1, notification: note('e1'), userIds: ['a'] });
      await h.hub.publish({ seq: 2, notification: note('e2'), userIds: ['a', 'b', 'nobody'] });
      expect(got).to.deep.equal({ a1: ['e1', 'e2'], a2: ['e1', 'e2'], b: ['e2'] });
    });

    it('moves the watermark with each publish, never back, and hands it to new subscriptions', async () => {
      expect(h.hub.watermark()).to.equal(0);
      h.hub.advanceTo(10);
      h.hub.advanceTo(5);
      expect(h.hub.watermark()).to.equal(10);
      await h.hub.publish({ seq: 11, notification: note('e11'), userIds: [] });
      expect(await h.hub.subscribe('a', () => undefined).watermark).to.equal(11);
    });

    it('makes a subscription that begins while recipients are chosen wait for that publish', async () => {
      h.hub.begin(1);
      const early = h.hub.subscribe('late', () => undefined).watermark;
      let settled = false;
      void early.then(() => (settled = true));
      await new Promise((r) => setImmediate(r));
      expect(settled).to.equal(false);
      await h.hub.publish({ seq: 1, notification: note('e1'), userIds: [] });
      expect(await early).to.equal(1);
      h.hub.begin(2);
      const again = h.hub.subscribe('late', () => undefined).watermark;
      h.hub.abandon();
      expect(await again).to.equal(1);
    });

    it('knows who is connected and how many streams each has, as streams close', async () => {
      const got: string[] = [];
      const s1 = h.hub.subscribe('a', (_s, n) => got.push(n.id));
      const s2 = h.hub.subscribe('a', (_s, n) => got.push(n.id));
      h.hub.subscribe('b', () => undefined);
      expect(h.hub.connectedUserIds().sort()).to.deep.equal(['a', 'b']);
      expect([h.hub.streamCount('a'), h.hub.size()]).to.deep.equal([2, 3]);
      s1.close();
      s1.close();
      expect([h.hub.isConnected('a'), h.hub.streamCount('a')]).to.deep.equal([true, 1]);
      s2.close();
      expect([h.hub.isConnected('a'), h.hub.size()]).to.deep.equal([false, 1]);
      await h.hub.publish({ seq: 1, notification: note('e1'), userIds: ['a'] });
      expect(got).to.deep.equal([]); // closed streams hear nothing
    });

    it('keeps pushing to the others when one listener throws', async () => {
      const got: string[] = [];
      h.hub.subscribe('a', () => {
        throw new Error('broken socket');
      });
      h.hub.subscribe('a', (_s, n) => got.push(n.id));
      await h.hub.publish({ seq: 1, notification: note('e1'), userIds: ['a'] });
      expect(got).to.deep.equal(['e1']);
    });
  });
}
