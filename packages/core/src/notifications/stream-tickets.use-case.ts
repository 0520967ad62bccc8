import type { TokenService } from '../accounts/credentials.port.js';
import type { User } from '../accounts/user.js';
import type { SessionRepository } from '../accounts/session-repository.port.js';
import type { UserRepository } from '../accounts/user-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { UnauthenticatedError } from '../shared/domain-error.js';
import type { StreamTicketStore } from './stream-ticket.port.js';

/** How long a stream ticket can be redeemed (api.md: 60 s). */
export const STREAM_TICKET_TTL_MS = 60_000;
/** A ticket ends with `_` and the hash of the session it was issued under (never the session's token). */
const SESSION_SUFFIX = /_([0-9a-f]{64})$/;

/**
 * Stream tickets: browsers' `EventSource` cannot send an Authorization header, so a
 * signed-in client trades its token for a ticket and opens the stream with `?ticket=`.
 * Random like bearer tokens, stored only hashed, single use, and short-lived, so a
 * ticket leaking through a URL (proxy logs, history) is worth little. A ticket names the
 * session it was issued under (inside the stored hash, so it cannot be altered): once that
 * session is revoked the ticket opens nothing, and the stream it opened is the session's,
 * ended with it.
 */
export class StreamTickets {
  constructor(
    private readonly d: {
      tickets: StreamTicketStore;
      tokens: TokenService;
      users: UserRepository;
      sessions: SessionRepository;
      clock: Clock;
    },
  ) {}

  /** A ticket for `user`, signed in with `sessionToken`. */
  async issue(user: User, sessionToken: string): Promise<{ ticket: string; expiresAt: number }> {
    const now = this.d.clock.now();
    const ticket = `${this.d.tokens.issue().token}_${this.d.tokens.hash(sessionToken)}`;
    const expiresAt = now + STREAM_TICKET_TTL_MS;
    await this.d.tickets.save({ hash: this.d.tokens.hash(ticket), userId: user.id, expiresAt });
    // Issuing is rare next to everything else; sweeping here keeps the table small without a job.
    await this.d.tickets.purgeExpired(now);
    return { ticket, expiresAt };
  }

  /**
   * The ticket's user and the hash of its session, once; UnauthenticatedError for unknown,
   * used or expired tickets, and for those whose session has been revoked.
   */
  async redeem(ticket: string): Promise<{ user: User; sessionHash: string }> {
    const sessionHash = SESSION_SUFFIX.exec(ticket)?.[1];
    const userId = sessionHash ? await this.d.tickets.take(this.d.tokens.hash(ticket), this.d.clock.now()) : null;
    const user = userId === null || !sessionHash ? null : await this.d.sessions.findUser(sessionHash);
    if (!user || user.id !== userId) {
      throw new UnauthenticatedError('The stream ticket is unknown, used, expired or signed out');
    }
    return { user, sessionHash: sessionHash! };
  }
}
