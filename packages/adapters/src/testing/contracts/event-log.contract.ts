import type { DomainEvent } from '@livedrops/core';
import { expect } from 'chai';
import { eventLogOf } from '../../infrastructure.js';
import { useHarness, type ContractOptions, type Harness } from '../harness.js';

const event = (id: string, userId: string | null = 'u-1'): DomainEvent => ({
  id,
  type: 'order.confirmed',
  dropId: 'd-1',
  creatorId: 'c-1',
  userId,
  data: { dropId: 'd-1', orderId: id },
  createdAt: 1_000,
});

/** EventLog: the outbox by position, with whether each event is published yet. */
export function eventLogContract(make: () => Promise<Harness>, _opts: ContractOptions = {}): void {
  describe('EventLog', () => {
    const ctx = useHarness(make);

    it('reads positioned events after a position, in order, and says which are published', async () => {
      const { ports } = ctx.h;
      const log = eventLogOf(ports);
      expect(await log.after(0, 10)).to.deep.equal([]);
      expect(await log.firstUnpublished()).to.equal(null);
      await ports.uow.run((tx) => tx.outbox.append([event('e1'), event('e2', null)]));
      await ports.uow.run((tx) => tx.outbox.append([event('e3')]));
      const pending = await ports.outbox.pending(10); // positions them (Postgres) as the relay would
      await ports.outbox.markPublished([pending[0]!.seq], 2_000);
      const all = await log.after(0, 10);
      expect(all.map((e) => [e.event.id, e.published])).to.deep.equal([
        ['e1', true],
        ['e2', false],
        ['e3', false],
      ]);
      expect(all.map((e) => e.seq)).to.deep.equal(pending.map((p) => p.seq));
      expect(all[1]!.event).to.deep.include({ userId: null, data: { dropId: 'd-1', orderId: 'e2' } });
      expect(await log.firstUnpublished()).to.equal(pending[1]!.seq);
      expect((await log.after(pending[0]!.seq, 1)).map((e) => e.event.id)).to.deep.equal(['e2']);
      await ports.outbox.markPublished([pending[1]!.seq, pending[2]!.seq], 2_000);
      expect(await log.firstUnpublished()).to.equal(null);
    });
  });
}
