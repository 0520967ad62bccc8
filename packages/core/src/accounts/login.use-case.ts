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
  /** Failed attempts allowed per handle and client address per window before login answers 429. */
  loginFailures: RateRule;
  loginFailuresPerAddress: RateRule;
  loginFailureBudget: RateRule;
}

export interface LoginInput {
  handle: string;
  password: string;
  /** The client's address (the socket's, or the proxy's first hop when trusted). */
  client?: string | undefined;
}

// Verifying against a real hash even for unknown handles keeps response time from
// revealing which handles exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class Login {
  constructor(private readonly d: LoginDeps) {}

  /**
   * Three throttles, none of which an attacker can turn against the account's owner: per
   * handle *and* address (guessing one password), per address (spraying many handles), and a
   * deployment-wide failure budget that, once spent, holds back only addresses that have
   * themselves failed in the window.
   */
  async execute(input: LoginInput): Promise<{ user: User; token: string }> {
    const client = input.client ?? 'unknown';
    const pairKey = `login:${input.handle.toLowerCase()}:${client}`;
    const addressKey = `login-address:${client}`;
    const limiter = this.d.limiter;
    const waits = await Promise.all([
      limiter.retryAfter(pairKey, this.d.loginFailures),
      limiter.retryAfter(addressKey, this.d.loginFailuresPerAddress),
      limiter.retryAfter('login-budget', this.d.loginFailureBudget),
    ]);
    // A spent budget only counts against an address that has failed in its own window.
    const failedHere = (await limiter.retryAfter(addressKey, { ...this.d.loginFailuresPerAddress, limit: 1 })) > 0;
    if (waits[2]! > 0 && !failedHere) waits[2] = 0;
    const wait = Math.max(...waits);
    if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));
    const found = await this.d.users.findByHandle(input.handle);
    const ok = await this.d.hasher.verify(input.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok) {
      await Promise.all([
        limiter.hit(pairKey, this.d.loginFailures),
        limiter.hit(addressKey, this.d.loginFailuresPerAddress),
        limiter.hit('login-budget', this.d.loginFailureBudget),
      ]);
      throw new UnauthenticatedError('Wrong handle or password');
    }
    await limiter.reset(pairKey);
    const { token, hash } = this.d.tokens.issue();
    await this.d.sessions.create({ tokenHash: hash, userId: found.user.id, createdAt: this.d.clock.now() });
    return { user: found.user, token };
  }
}
