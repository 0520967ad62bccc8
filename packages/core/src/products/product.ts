import type { ProductImage } from '../media/product-image.js';

export interface Product {
  id: string;
  creatorId: string;
  title: string;
  description: string | null;
  priceCents: number;
  currency: string;
  createdAt: number;
  /** The current picture (blob keys); null until the owner uploads one. */
  image: ProductImage | null;
}

export type ProductPatch = Partial<Pick<Product, 'title' | 'description' | 'priceCents'>>;

export const PRICE_MAX_CENTS = 1_000_000_000;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
