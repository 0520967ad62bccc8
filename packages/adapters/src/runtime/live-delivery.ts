import { toNotification, type DomainEvent, type FanOut, type LiveHub } from '@livedrops/core';

/**
 * The bus consumer that turns relayed events into notifications: durable fan-out first
 * (FanOut), then the push to connected streams (LiveHub). Dedupes by position: events
 * arrive in outbox order, so one at or below the hub's watermark was already delivered
 * (the relay's at-least-once redelivery after a failed mark or a restart).
 */
export class LiveDelivery {
  constructor(
    private readonly fanOut: FanOut,
    private readonly hub: LiveHub,
  ) {}

  readonly handle = async (event: DomainEvent): Promise<void> => {
    const seq = event.seq;
    if (seq === undefined) throw new Error(`event ${event.id} reached the consumer without its outbox position`);
    if (seq <= this.hub.watermark()) return;
    this.hub.begin(seq);
    let userIds: string[];
    try {
      userIds = await this.fanOut.execute({ ...event, seq }, this.hub);
    } catch (err) {
      this.hub.abandon();
      throw err;
    }
    await this.hub.publish({ seq, notification: toNotification(event), userIds });
  };
}
