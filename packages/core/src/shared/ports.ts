import type { PasswordHasher, TokenService } from '../accounts/credentials.port.js';
import type { SessionRepository } from '../accounts/session-repository.port.js';
import type { UserRepository } from '../accounts/user-repository.port.js';
import type { DropRepository } from '../drops/drop-repository.port.js';
import type { FollowRepository } from '../follows/follow-repository.port.js';
import type { NotificationFeed } from '../notifications/notification-feed.port.js';
import type { StreamTicketStore } from '../notifications/stream-ticket.port.js';
import type { IdempotencyLock, IdempotencyStore } from '../orders/idempotency-store.port.js';
import type { OrderRepository } from '../orders/order-repository.port.js';
import type { OrderBook } from '../orders/order-book.port.js';
import type { StockGate } from '../orders/stock-gate.port.js';
import type { ProductRepository } from '../products/product-repository.port.js';
import type { BlobStore } from '../media/blob-store.port.js';
import type { ImageProcessor } from '../media/image-processor.port.js';
import type { SearchIndex } from '../search/search-index.port.js';
import type { HoldRepository } from '../holds/hold-writer.port.js';
import type { PaymentGateway } from '../payments/payment-gateway.port.js';
import type { PaymentRepository } from '../payments/payment.js';
import type { WaitlistRepository } from '../waitlist/waitlist.js';
import type { DropActivity } from '../stats/drop-activity.port.js';
import type { FairnessCrypto } from '../fairness/fairness-digests.port.js';
import type { FairnessRepository } from '../fairness/fairness.js';
import type { DrawRepository } from '../fairness/draws.js';
import type { QueueRepository } from '../fairness/queue.js';
import type { QueueLine } from '../fairness/queue-line.port.js';
import type { Clock } from './clock.port.js';
import type { Pressure } from './pressure.port.js';
import type { IdGenerator } from './id-generator.port.js';
import type { RateLimiter, RateRule } from './rate-limiter.port.js';
import type { UnitOfWork } from './unit-of-work.port.js';

/** Everything the use cases need from the outside world; the composition root fills it. */
export interface Ports {
  clock: Clock;
  ids: IdGenerator;
  hasher: PasswordHasher;
  tokens: TokenService;
  limiter: RateLimiter;
  users: UserRepository;
  sessions: SessionRepository;
  follows: FollowRepository;
  products: ProductRepository;
  drops: DropRepository;
  orders: OrderRepository;
  idempotency: IdempotencyStore;
  locks: IdempotencyLock;
  uow: UnitOfWork;
  feed: NotificationFeed;
  tickets: StreamTicketStore;
  blobs: BlobStore;
  images: ImageProcessor;
  search: SearchIndex;
  holds: HoldRepository;
  payments: PaymentRepository;
  waitlist: WaitlistRepository;
  /** The card processor of pay drops; without one every payment answers 503 payment_unavailable. */
  gateway?: PaymentGateway | undefined;
  /** A drop's orders, follower events and audience, for its creator's figures. */
  activity: DropActivity;
  /** Fair access: seeds, published shuffles, and the hashes that make them verifiable. */
  fairness: FairnessRepository;
  digests: FairnessCrypto;
  draws: DrawRepository;
  queues: QueueRepository;
  /** A fast copy of waiting rooms' lines for positions (Redis on production); none: the database answers. */
  queueLine?: QueueLine | undefined;
  /** Knows drops the authority called sold out; none (every order asks the book) when absent. */
  gate?: StockGate | undefined;
  /** The engine's own OrderBook (PostgreSQL batches); absent: one unit of work per order. */
  book?: OrderBook | undefined;
  /** Whether this instance is behind on its requests; absent: never. */
  pressure?: Pressure | undefined;
}

export interface Policy {
  /**
   * Failed logins allowed per handle from one client address per window: an attacker's
   * failures lock only the attacker's own address out of that handle, never its owner.
   */
  loginFailures: RateRule;
  /** Failed logins allowed per client address, whatever the handles (LOGIN_FAILURE_LIMIT). */
  loginFailuresPerAddress: RateRule;
  /**
   * Failed logins of the whole deployment per window; once spent, addresses that have failed
   * recently wait out the window, while an address with no failures (the owner) still signs in.
   */
  loginFailureBudget: RateRule;
  /** Registrations per client address per window (REGISTER_LIMIT); loopback clients are not counted. */
  registrations: RateRule;
  /** Creators with at least this many followers get fan-out on read (fanout-policy.ts). */
  celebrityFollowers: number;
  /** Followers per inbox write batch in fan-out on write. */
  fanoutBatchSize: number;
}

export const DEFAULT_POLICY: Policy = {
  loginFailures: { limit: 5, windowMs: 60_000 },
  loginFailuresPerAddress: { limit: 50, windowMs: 15 * 60_000 },
  loginFailureBudget: { limit: 1_000, windowMs: 60_000 },
  registrations: { limit: 30, windowMs: 3_600_000 },
  celebrityFollowers: 10_000,
  fanoutBatchSize: 1_000,
};
