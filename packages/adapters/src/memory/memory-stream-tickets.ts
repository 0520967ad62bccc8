import type { StoredTicket, StreamTicketStore } from '@livedrops/core';

/** Stream tickets for the memory engine (one process, so "any instance" is this one). */
export class MemoryStreamTickets implements StreamTicketStore {
  private readonly tickets = new Map<string, StoredTicket>();

  async save(ticket: StoredTicket): Promise<void> {
    this.tickets.set(ticket.hash, { ...ticket });
  }

  async take(hash: string, now: number): Promise<string | null> {
    const t = this.tickets.get(hash);
    if (!t) return null;
    this.tickets.delete(hash); // used or expired, it never works again
    return now < t.expiresAt ? t.userId : null;
  }

  async purgeExpired(now: number): Promise<number> {
    let n = 0;
    for (const [hash, t] of this.tickets) {
      if (t.expiresAt <= now) {
        this.tickets.delete(hash);
        n++;
      }
    }
    return n;
  }
}
