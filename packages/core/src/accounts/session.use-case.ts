import type { Clock } from '../shared/clock.port.js';
import { UnauthenticatedError } from '../shared/domain-error.js';
import type { TokenService } from './credentials.port.js';
import type { SessionRepository } from './session-repository.port.js';
import type { User } from './user.js';

/** Resolves bearer tokens to users and revokes them (logout). */
export class Sessions {
  constructor(private readonly d: { sessions: SessionRepository; tokens: TokenService; clock: Clock }) {}

  /** The token's user; UnauthenticatedError for unknown, revoked or malformed tokens. */
  async authenticate(token: string): Promise<User> {
    const user = await this.d.sessions.findUser(this.d.tokens.hash(token));
    if (!user) throw new UnauthenticatedError('The token is unknown or revoked');
    return user;
  }

  /** What identifies the token's session in storage and in revocation notices (its hash). */
  sessionOf(token: string): string {
    return this.d.tokens.hash(token);
  }

  async logout(token: string): Promise<void> {
    await this.d.sessions.revoke(this.d.tokens.hash(token), this.d.clock.now());
  }
}
