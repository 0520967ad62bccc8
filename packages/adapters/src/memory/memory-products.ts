import {
  isAfterDesc,
  type ProductImage,
  pageOf,
  type Page,
  type PageRequest,
  type Product,
  type ProductPatch,
  type ProductRepository,
} from '@livedrops/core';
import type { MemoryStore } from './memory-store.js';

export class MemoryProductRepository implements ProductRepository {
  constructor(private readonly s: MemoryStore) {}

  async create(product: Product): Promise<void> {
    this.s.products.set(product.id, { ...product });
  }

  async findById(id: string): Promise<Product | null> {
    const p = this.s.products.get(id);
    return p ? { ...p } : null;
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    return [...new Set(ids)].flatMap((id) => {
      const p = this.s.products.get(id);
      return p ? [{ ...p }] : [];
    });
  }

  async update(id: string, patch: ProductPatch): Promise<Product | null> {
    const p = this.s.products.get(id);
    if (!p) return null;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    Object.assign(p, defined);
    return { ...p };
  }

  async setImage(id: string, image: ProductImage): Promise<Product | null> {
    const p = this.s.products.get(id);
    if (!p) return null;
    p.image = image;
    return { ...p };
  }

  async list(filter: { creatorId?: string | undefined }, page: PageRequest): Promise<Page<Product>> {
    const rows = [...this.s.products.values()]
      .filter(
        (p) =>
          (filter.creatorId === undefined || p.creatorId === filter.creatorId) &&
          isAfterDesc(p.createdAt, p.id, page.after),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, page.limit + 1)
      .map((p) => ({ ...p }));
    return pageOf(rows, page.limit, (p) => ({ key: p.createdAt, id: p.id }));
  }
}
