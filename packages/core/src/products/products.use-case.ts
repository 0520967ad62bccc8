import type { User } from '../accounts/user.js';
import type { Clock } from '../shared/clock.port.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../shared/domain-error.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { Page, PageRequest } from '../shared/page.js';
import {
  CURRENCY_PATTERN,
  DESCRIPTION_MAX,
  PRICE_MAX_CENTS,
  TITLE_MAX,
  type Product,
  type ProductPatch,
} from './product.js';
import type { ProductRepository } from './product-repository.port.js';

export interface CreateProductInput {
  title: string;
  description?: string | null | undefined;
  priceCents: number;
  currency?: string | undefined;
}

function check(p: ProductPatch & { currency?: string | undefined }): void {
  const errors: FieldError[] = [];
  if (p.title !== undefined && (p.title.trim().length < 1 || p.title.length > TITLE_MAX)) {
    errors.push({ path: 'title', message: `must be 1-${TITLE_MAX} characters` });
  }
  if (p.description != null && p.description.length > DESCRIPTION_MAX) {
    errors.push({ path: 'description', message: `must be at most ${DESCRIPTION_MAX} characters` });
  }
  if (
    p.priceCents !== undefined &&
    (!Number.isInteger(p.priceCents) || p.priceCents < 1 || p.priceCents > PRICE_MAX_CENTS)
  ) {
    errors.push({ path: 'priceCents', message: `must be an integer 1..${PRICE_MAX_CENTS}` });
  }
  if (p.currency !== undefined && !CURRENCY_PATTERN.test(p.currency)) {
    errors.push({ path: 'currency', message: 'must be an upper-case ISO 4217 code' });
  }
  if (errors.length) throw new ValidationError(errors);
}

/** The creators' catalog. Only creators create; only the owner edits (others get 404). */
export class Products {
  constructor(private readonly d: { products: ProductRepository; clock: Clock; ids: IdGenerator }) {}

  async create(actor: User, input: CreateProductInput): Promise<Product> {
    if (!actor.isCreator) throw new ForbiddenError('Only creators can create products');
    check(input);
    const product: Product = {
      id: this.d.ids.next(),
      creatorId: actor.id,
      title: input.title,
      description: input.description ?? null,
      priceCents: input.priceCents,
      currency: input.currency ?? 'USD',
      createdAt: this.d.clock.now(),
      image: null,
    };
    await this.d.products.create(product);
    return product;
  }

  async get(id: string): Promise<Product> {
    const product = await this.d.products.findById(id);
    if (!product) throw new NotFoundError('Product');
    return product;
  }

  /** The products among `ids` that exist (unordered); for batched reads such as a page of drops' products. */
  many(ids: readonly string[]): Promise<Product[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.d.products.findByIds(ids);
  }

  async update(actor: User, id: string, patch: ProductPatch): Promise<Product> {
    const existing = await this.d.products.findById(id);
    if (!existing || existing.creatorId !== actor.id) throw new NotFoundError('Product');
    check(patch);
    const updated = await this.d.products.update(id, patch);
    if (!updated) throw new NotFoundError('Product');
    return updated;
  }

  async list(filter: { creatorId?: string | undefined }, page: PageRequest): Promise<Page<Product>> {
    return this.d.products.list(filter, page);
  }
}
