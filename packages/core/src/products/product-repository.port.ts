import type { Page, PageRequest } from '../shared/page.js';
import type { Product, ProductPatch } from './product.js';

export interface ProductRepository {
  create(product: Product): Promise<void>;
  findById(id: string): Promise<Product | null>;
  /** Applies the patch and returns the updated product, or null if it does not exist. */
  update(id: string, patch: ProductPatch): Promise<Product | null>;
  /** Newest first, cursor on (createdAt, id); optionally one creator's. */
  list(filter: { creatorId?: string | undefined }, page: PageRequest): Promise<Page<Product>>;
}
