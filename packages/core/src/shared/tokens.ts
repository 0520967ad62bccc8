/**
 * Container tokens, one per port plus the assembled ports and use cases. Plain symbols, so
 * the core stays free of any container library; the adapters' modules bind every one.
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
  UnitOfWork: Symbol.for('livedrops.UnitOfWork'),
  /** The stock authority every unit of work hands its work (`TxContext.inventory`). */
  Inventory: Symbol.for('livedrops.Inventory'),
  Feed: Symbol.for('livedrops.NotificationFeed'),
  Tickets: Symbol.for('livedrops.StreamTicketStore'),
  Blobs: Symbol.for('livedrops.BlobStore'),
  Images: Symbol.for('livedrops.ImageProcessor'),
  Search: Symbol.for('livedrops.SearchIndex'),
  Holds: Symbol.for('livedrops.HoldRepository'),
  Payments: Symbol.for('livedrops.PaymentRepository'),
  Waitlist: Symbol.for('livedrops.WaitlistRepository'),
  Activity: Symbol.for('livedrops.DropActivity'),
  PaymentGateway: Symbol.for('livedrops.PaymentGateway'),
  StockGate: Symbol.for('livedrops.StockGate'),
  OrderBook: Symbol.for('livedrops.OrderBook'),
  /** The outbox as the relay reads it (unpublished rows in order). */
  OutboxRelay: Symbol.for('livedrops.OutboxRelayStore'),
  EventBus: Symbol.for('livedrops.EventBus'),
  ReadCache: Symbol.for('livedrops.ReadCache'),
  // Fair access: seeds and shuffles, draw entries, waiting rooms, and the hashes that make shuffles verifiable.
  Fairness: Symbol.for('livedrops.FairnessRepository'),
  Draws: Symbol.for('livedrops.DrawRepository'),
  Queues: Symbol.for('livedrops.QueueRepository'),
  QueueLine: Symbol.for('livedrops.QueueLine'),
  FairnessCrypto: Symbol.for('livedrops.FairnessCrypto'),
  Pressure: Symbol.for('livedrops.Pressure'),
  Ports: Symbol.for('livedrops.Ports'),
  UseCases: Symbol.for('livedrops.UseCases'),
} as const;
