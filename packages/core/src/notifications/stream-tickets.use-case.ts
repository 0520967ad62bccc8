import type { TokenService } from '../accounts/credentials.port.js';
import type { User } from '../accounts/user.js';
import type { UserRepository } from '../accounts/user-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { UnauthenticatedError } from '../shared/domain-error.js';
import type { StreamTicketStore } from './stream-ticket.port.js';

/** How long a stream ticket can be redeemed (api.md: 60 s). */
export const STREAM_TICKET_TTL_MS = 60_000;

/**
 * Stream tickets: browsers' `EventSource` cannot send an Authorization header, so a
 * signed-in client trades its token for a ticket and opens the stream with `?ticket=`.
 * Random like bearer tokens, stored only hashed, single use, and short-lived, so a
 * ticket leaking through a URL (proxy logs, history) is worth little.
 */
export class StreamTickets {
  constructor(private readonly d: { tickets: StreamTicketStore; tokens: TokenService; users: UserRepository; clock: Clock }) {}

  async issue(user: User): Promise<{ ticket: string; expiresAt: number }> {
    const now = this.d.clock.now();
    const { token, hash } = this.d.tokens.issue();
    const expiresAt = now + STREAM_TICKET_TTL_MS;
    await this.d.tickets.save({ hash, userId: user.id, expiresAt });
    // Issuing is rare next to everything else; sweeping here keeps the table small without a job.
    await this.d.tickets.purgeExpired(now);
    return { ticket: token, expiresAt };
  }

  /** The ticket's user, once; UnauthenticatedError for unknown, used or expired tickets. */
  async redeem(ticket: string): Promise<User> {
    const userId = await this.d.tickets.take(this.d.tokens.hash(ticket), this.d.clock.now());
    const user = userId === null ? null : await this.d.users.findById(userId);
    if (!user) throw new UnauthenticatedError('The stream ticket is unknown, used or expired');
    return user;
  }
}
