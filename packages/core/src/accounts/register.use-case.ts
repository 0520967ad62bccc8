import type { Clock } from '../shared/clock.port.js';
import { RateLimitedError, ValidationError, type FieldError } from '../shared/domain-error.js';
import type { RateLimiter, RateRule } from '../shared/rate-limiter.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { PasswordHasher, TokenService } from './credentials.port.js';
import type { SessionRepository } from './session-repository.port.js';
import { HANDLE_PATTERN, PASSWORD_MAX, PASSWORD_MIN, type User } from './user.js';
import type { UserRepository } from './user-repository.port.js';

export interface RegisterInput {
  handle: string;
  password: string;
  displayName?: string | undefined;
  isCreator?: boolean | undefined;
  /** The client's address; registrations are counted per address (none from loopback or when absent). */
  client?: string | undefined;
}

export interface RegisterDeps {
  users: UserRepository;
  sessions: SessionRepository;
  hasher: PasswordHasher;
  tokens: TokenService;
  clock: Clock;
  ids: IdGenerator;
  limiter: RateLimiter;
  registrations: RateRule;
}

// Tests, the simulator and benchmarks on the server's own machine register thousands of accounts.
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Creates an account and signs it in. The handle's uniqueness is the database's call. */
export class Register {
  constructor(private readonly d: RegisterDeps) {}

  async execute(input: RegisterInput): Promise<{ user: User; token: string }> {
    const errors: FieldError[] = [];
    if (!HANDLE_PATTERN.test(input.handle)) errors.push({ path: 'handle', message: 'must be 3-32 of a-z, 0-9 and _' });
    if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
      errors.push({ path: 'password', message: `must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters` });
    }
    if (errors.length) throw new ValidationError(errors);
    const counted = input.client !== undefined && !LOOPBACK.test(input.client);
    const limitKey = `register:${input.client}`;
    if (counted) {
      const wait = await this.d.limiter.retryAfter(limitKey, this.d.registrations);
      if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));
      await this.d.limiter.hit(limitKey, this.d.registrations);
    }
    const now = this.d.clock.now();
    const user: User = {
      id: this.d.ids.next(),
      handle: input.handle,
      displayName: input.displayName?.trim() || input.handle,
      isCreator: input.isCreator ?? false,
      createdAt: now,
    };
    const passwordHash = await this.d.hasher.hash(input.password);
    await this.d.users.create(user, passwordHash);
    const { token, hash } = this.d.tokens.issue();
    await this.d.sessions.create({ tokenHash: hash, userId: user.id, createdAt: now });
    return { user, token };
  }
}
