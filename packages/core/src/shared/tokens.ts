/**
 * Container tokens, one per port plus the assembled use cases. Plain symbols, so the
 * core stays free of any container library; only the composition root binds them.
 */
export const TOKENS = {
  Clock: Symbol.for('livedrops.Clock'),
  Ids: Symbol.for('livedrops.IdGenerator'),
  Hasher: Symbol.for('livedrops.PasswordHasher'),
  Tokens: Symbol.for('livedrops.TokenService'),
  Limiter: Symbol.for('livedrops.RateLimiter'),
  Users: Symbol.for('livedrops.UserRepository'),
  Sessions: Symbol.for('livedrops.SessionRepository'),
  Follows: Symbol.for('livedrops.FollowRepository'),
  Products: Symbol.for('livedrops.ProductRepository'),
  Drops: Symbol.for('livedrops.DropRepository'),
  Orders: Symbol.for('livedrops.OrderRepository'),
  Idempotency: Symbol.for('livedrops.IdempotencyStore'),
  Locks: Symbol.for('livedrops.IdempotencyLock'),
  Images: Symbol.for('livedrops.ImageProcessor'),
  PaymentGateway: Symbol.for('livedrops.PaymentGateway'),
  UnitOfWork: Symbol.for('livedrops.UnitOfWork'),
  Ports: Symbol.for('livedrops.Ports'),
  UseCases: Symbol.for('livedrops.UseCases'),
} as const;
