import type { Clock } from '../shared/clock.port.js';
import { RateLimitedError, UnauthenticatedError } from '../shared/domain-error.js';
import type { RateLimiter, RateRule } from '../shared/rate-limiter.port.js';
import type { PasswordHasher, TokenService } from './credentials.port.js';
import type { SessionRepository } from './session-repository.port.js';
import type { User } from './user.js';
import type { UserRepository } from './user-repository.port.js';

export interface LoginDeps {
  users: UserRepository;
  sessions: SessionRepository;
  hasher: PasswordHasher;
  tokens: TokenService;
  limiter: RateLimiter;
  clock: Clock;
  /** Failed attempts allowed per handle per window before login answers 429. */
  loginFailures: RateRule;
}

// Verifying against a real hash even for unknown handles keeps response time from
// revealing which handles exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class Login {
  constructor(private readonly d: LoginDeps) {}

  async execute(input: { handle: string; password: string }): Promise<{ user: User; token: string }> {
    const limitKey = `login:${input.handle.toLowerCase()}`;
    const wait = await this.d.limiter.retryAfter(limitKey, this.d.loginFailures);
    if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));
    const found = await this.d.users.findByHandle(input.handle);
    const ok = await this.d.hasher.verify(input.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok) {
      await this.d.limiter.hit(limitKey, this.d.loginFailures);
      throw new UnauthenticatedError('Wrong handle or password');
    }
    await this.d.limiter.reset(limitKey);
    const { token, hash } = this.d.tokens.issue();
    await this.d.sessions.create({ tokenHash: hash, userId: found.user.id, createdAt: this.d.clock.now() });
    return { user: found.user, token };
  }
}
