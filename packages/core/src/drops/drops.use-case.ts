import { CreatorDirectory } from '../accounts/creator-directory.js';
import type { User, UserSummary } from '../accounts/user.js';
import type { UserRepository } from '../accounts/user-repository.port.js';
import type { ProductRepository } from '../products/product-repository.port.js';
import type { Clock } from '../shared/clock.port.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { Page, PageRequest } from '../shared/page.js';
import { CHECKOUTS, HOLD_SECONDS, STOCK_MAX, type Checkout, type Drop, type DropListStatus } from './drop.js';
import type { DropRepository } from './drop-repository.port.js';
import { DropNotLiveError } from './drop.errors.js';
import { accessErrors, type AccessInput } from '../fairness/access.js';
import { toHex, type FairnessCrypto } from '../fairness/fairness-digests.port.js';

export interface ScheduleDropInput extends AccessInput {
  productId: string;
  startsAt: number;
  endsAt: number;
  stock: number;
  perUserLimit?: number | null | undefined;
  lowStockThreshold?: number | undefined;
  checkout?: Checkout | undefined;
  /** Pay drops only: 30..3600, default 600. */
  holdSeconds?: number | undefined;
}

const isInt = (n: unknown, min: number, max: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** Scheduling, cancelling and browsing drops. */
export class Drops {
  private readonly creators: CreatorDirectory;

  constructor(
    private readonly d: {
      drops: DropRepository;
      products: ProductRepository;
      users: UserRepository;
      clock: Clock;
      ids: IdGenerator;
      digests: FairnessCrypto;
    },
  ) {
    this.creators = new CreatorDirectory(d.users);
  }

  async schedule(actor: User, input: ScheduleDropInput): Promise<Drop> {
    if (!actor.isCreator) throw new ForbiddenError('Only creators can schedule drops');
    const now = this.d.clock.now();
    const errors: FieldError[] = [];
    if (!(input.startsAt < input.endsAt)) errors.push({ path: 'endsAt', message: 'must be after startsAt' });
    if (!(input.endsAt > now)) errors.push({ path: 'endsAt', message: 'must be in the future' });
    if (!isInt(input.stock, 1, STOCK_MAX))
      errors.push({ path: 'stock', message: `must be an integer 1..${STOCK_MAX}` });
    if (input.perUserLimit != null && !isInt(input.perUserLimit, 1, STOCK_MAX)) {
      errors.push({ path: 'perUserLimit', message: 'must be an integer >= 1' });
    }
    if (input.lowStockThreshold !== undefined && !isInt(input.lowStockThreshold, 0, input.stock)) {
      errors.push({ path: 'lowStockThreshold', message: 'must be an integer 0..stock' });
    }
    const checkout = input.checkout ?? 'instant';
    if (!CHECKOUTS.includes(checkout))
      errors.push({ path: 'checkout', message: `must be one of ${CHECKOUTS.join(', ')}` });
    if (input.holdSeconds !== undefined && checkout !== 'pay')
      errors.push({ path: 'holdSeconds', message: 'only applies to checkout "pay"' });
    else if (input.holdSeconds !== undefined && !isInt(input.holdSeconds, HOLD_SECONDS.min, HOLD_SECONDS.max)) {
      errors.push({ path: 'holdSeconds', message: `must be an integer ${HOLD_SECONDS.min}..${HOLD_SECONDS.max}` });
    }
    errors.push(...accessErrors(input, { startsAt: input.startsAt, endsAt: input.endsAt, now }));
    if (errors.length) throw new ValidationError(errors);
    const product = await this.d.products.findById(input.productId);
    if (!product || product.creatorId !== actor.id) throw new NotFoundError('Product');
    const access = input.access ?? 'open';
    // Queue and draw drops commit to their shuffle's seed now, before anyone takes part.
    const seed = access === 'open' ? null : this.d.digests.randomSeed();
    const drop: Drop = {
      id: this.d.ids.next(),
      creatorId: actor.id,
      productId: product.id,
      productTitle: product.title,
      productImage: product.image,
      priceCents: product.priceCents,
      currency: product.currency,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      total: input.stock,
      sold: 0,
      perUserLimit: input.perUserLimit ?? null,
      lowStockThreshold: input.lowStockThreshold ?? Math.ceil(input.stock / 10),
      checkout,
      holdSeconds: checkout === 'pay' ? (input.holdSeconds ?? HOLD_SECONDS.default) : null,
      returned: 0,
      paid: 0,
      cancelledAt: null,
      startedAt: null,
      createdAt: now,
      access,
      followersFirstUntil: input.followersFirstUntil ?? null,
      entriesOpenAt: input.entriesOpenAt ?? null,
      entriesCloseAt: input.entriesCloseAt ?? null,
      commitment: seed ? this.d.digests.sha256Hex(seed) : null,
    };
    const {
      productTitle: _t,
      productImage: _i,
      sold: _s,
      returned: _r,
      paid: _p,
      cancelledAt: _c,
      startedAt: _st,
      ...row
    } = drop;
    await this.d.drops.create(row, seed ? { seed: toHex(seed) } : undefined);
    return drop;
  }

  async cancel(actor: User, id: string): Promise<Drop> {
    const existing = await this.d.drops.findById(id);
    if (!existing || existing.creatorId !== actor.id) throw new NotFoundError('Drop');
    const now = this.d.clock.now();
    // An ended drop stays ended: its history (what sold, when it closed) is not rewritten.
    if (existing.cancelledAt === null && now >= existing.endsAt) throw new DropNotLiveError('ended');
    const drop = await this.d.drops.cancel(id, now);
    if (!drop) throw new NotFoundError('Drop');
    return drop;
  }

  async get(id: string): Promise<Drop> {
    const drop = await this.d.drops.findById(id);
    if (!drop) throw new NotFoundError('Drop');
    return drop;
  }

  /** The drops among `ids` that exist (unordered), for batched reads. */
  many(ids: readonly string[]): Promise<Drop[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.d.drops.findByIds(ids);
  }

  async list(
    filter: { status?: DropListStatus | undefined; creatorId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Drop>> {
    return this.d.drops.list({ ...filter, now: this.d.clock.now() }, page);
  }

  /** The creators of these drops (handle and display name), by creator id. */
  creatorsOf(drops: readonly Drop[]): Promise<Map<string, UserSummary>> {
    return this.creators.summaries(drops.map((d) => d.creatorId));
  }

  now(): number {
    return this.d.clock.now();
  }
}
