import type { Clock } from '../shared/clock.port.js';
import { ValidationError, type FieldError } from '../shared/domain-error.js';
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
}

export interface RegisterDeps {
  users: UserRepository;
  sessions: SessionRepository;
  hasher: PasswordHasher;
  tokens: TokenService;
  clock: Clock;
  ids: IdGenerator;
}

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
