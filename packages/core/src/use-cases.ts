import { Login } from './accounts/login.use-case.js';
import { Register } from './accounts/register.use-case.js';
import { Sessions } from './accounts/session.use-case.js';
import { Drops } from './drops/drops.use-case.js';
import { Follows } from './follows/follows.use-case.js';
import { FanOut } from './notifications/fan-out.use-case.js';
import { classifyingUnitOfWork } from './notifications/fanout-policy.js';
import { Notifications } from './notifications/notifications.query.js';
import { StartDueDrops } from './notifications/start-due-drops.use-case.js';
import { StreamTickets } from './notifications/stream-tickets.use-case.js';
import { Orders } from './orders/orders.query.js';
import { PlaceOrder } from './orders/place-order.use-case.js';
import { RecentDrops } from './orders/recent-drops.js';
import { UnitOfWorkOrderBook } from './orders/unit-of-work-order-book.js';
import { Products } from './products/products.use-case.js';
import { ProductImages } from './media/product-images.use-case.js';
import { Search } from './search/search.query.js';
import { DropStats } from './stats/drop-stats.query.js';
import { DEFAULT_POLICY, type Policy, type Ports } from './shared/ports.js';
import type { CheckoutObserver } from './holds/checkout-observer.js';
import { CancelHold } from './holds/cancel-hold.use-case.js';
import { ExpireDueHolds } from './holds/expire-due-holds.use-case.js';
import { NO_GATEWAY } from './payments/no-gateway.js';
import { PayOrder, type PayOrderTuning } from './payments/pay-order.use-case.js';
import { SettlePayments } from './payments/settle-payments.use-case.js';
import { Waitlists } from './waitlist/waitlist.use-case.js';
import { Fairness } from './fairness/fairness.query.js';
import { EnterDraw } from './fairness/enter-draw.use-case.js';
import { RunDueShuffles } from './fairness/run-due-shuffles.use-case.js';
import { ToldPositions } from './fairness/told-positions.js';
import { Queues } from './fairness/join-queue.use-case.js';
import type { FairAccessObserver } from './fairness/fair-access-observer.js';
import { AdmitFromQueues } from './fairness/admit-from-queues.use-case.js';
import { DEFAULT_ADMIT_TUNING, type AdmitTuning } from './fairness/admit-tuning.js';

/** The plain use-case objects the drivers (HTTP, CLI, simulator) are handed. */
export interface UseCases {
  register: Register;
  login: Login;
  sessions: Sessions;
  follows: Follows;
  products: Products;
  productImages: ProductImages;
  search: Search;
  drops: Drops;
  dropStats: DropStats;
  placeOrder: PlaceOrder;
  orders: Orders;
  notifications: Notifications;
  streamTickets: StreamTickets;
  /** For the drop scheduler's loop. */
  startDueDrops: StartDueDrops;
  /** For the event consumer. */
  fanOut: FanOut;
  /** Checkout: paying for and cancelling holds, the waitlist. */
  payOrder: PayOrder;
  cancelHold: CancelHold;
  waitlists: Waitlists;
  /** For the checkout loops: holds past their deadline, gateway calls still owed. */
  expireDueHolds: ExpireDueHolds;
  settlePayments: SettlePayments;
  /** Fair access: a queue or draw drop's commitment and published shuffle. */
  fairness: Fairness;
  enterDraw: EnterDraw;
  /** For the shuffle loop: draws whose entries have closed. */
  runDueShuffles: RunDueShuffles;
  queues: Queues;
  /** For the admission loop: waiting rooms under way. */
  admitFromQueues: AdmitFromQueues;
}

/** What the use cases report as they run (metrics). */
export interface UseCaseObserver {
  fanoutBatch?: (size: number) => void;
  checkout?: CheckoutObserver;
  /** Payment retries and leases (tests shorten them). */
  payTuning?: PayOrderTuning;
  /** Waiting-room pacing (tests shorten the position gap). */
  admitTuning?: Partial<AdmitTuning>;
  fairAccess?: FairAccessObserver;
}

export function createUseCases(p: Ports, policy: Policy = DEFAULT_POLICY, observe: UseCaseObserver = {}): UseCases {
  // Every event written through this unit of work gets its fan-out mode on the way in.
  const eventful = { ...p, uow: classifyingUnitOfWork(p.uow, p.users, policy.celebrityFollowers) };
  // The positions joins' answers told, as both the joins and the admission step see them.
  const told = new ToldPositions(p);
  return {
    register: new Register({ ...p, registrations: policy.registrations }),
    login: new Login({ ...p, ...policy }),
    sessions: new Sessions(p),
    follows: new Follows(p),
    products: new Products(p),
    productImages: new ProductImages(p),
    search: new Search(p),
    drops: new Drops(p),
    dropStats: new DropStats(p),
    placeOrder: new PlaceOrder({
      ...p,
      book: p.book ?? new UnitOfWorkOrderBook(eventful),
      drops: new RecentDrops(p.drops, p.clock),
      fairAccess: observe.fairAccess,
    }),
    orders: new Orders(p),
    notifications: new Notifications(p),
    streamTickets: new StreamTickets(p),
    startDueDrops: new StartDueDrops(eventful),
    fanOut: new FanOut({ ...p, batchSize: policy.fanoutBatchSize, onBatch: observe.fanoutBatch }),
    ...checkout(eventful, observe),
    fairness: new Fairness(p),
    enterDraw: new EnterDraw(p),
    runDueShuffles: new RunDueShuffles(eventful),
    queues: new Queues({ ...p, told }),
    admitFromQueues: new AdmitFromQueues(
      { ...eventful, observer: observe.fairAccess, told },
      { ...DEFAULT_ADMIT_TUNING, ...observe.admitTuning },
    ),
  };
}

function checkout(
  p: Ports,
  o: UseCaseObserver,
): Pick<UseCases, 'payOrder' | 'cancelHold' | 'waitlists' | 'expireDueHolds' | 'settlePayments'> {
  const deps = { ...p, gateway: p.gateway ?? NO_GATEWAY, observer: o.checkout };
  return {
    payOrder: new PayOrder({ ...deps, tuning: o.payTuning }),
    cancelHold: new CancelHold(deps),
    waitlists: new Waitlists(deps),
    expireDueHolds: new ExpireDueHolds(deps),
    settlePayments: new SettlePayments({ ...deps, leaseMs: o.payTuning?.leaseMs }),
  };
}
