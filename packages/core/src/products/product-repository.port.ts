import type { Page, PageRequest } from '../shared/page.js';
import type { ProductImage } from '../media/product-image.js';
import type { Product, ProductPatch } from './product.js';

export interface ProductRepository {
  create(product: Product): Promise<void>;
  findById(id: string): Promise<Product | null>;
  /** The products among `ids` that exist, in no particular order: one round trip for a whole page's worth. */
  findByIds(ids: readonly string[]): Promise<Product[]>;
  /** Applies the patch and returns the updated product, or null if it does not exist. */
  update(id: string, patch: ProductPatch): Promise<Product | null>;
  /** Points the product at a new picture; returns the updated product, or null if it does not exist. */
  setImage(id: string, image: ProductImage): Promise<Product | null>;
  /** Newest first, cursor on (createdAt, id); optionally one creator's. */
  list(filter: { creatorId?: string | undefined }, page: PageRequest): Promise<Page<Product>>;
}
