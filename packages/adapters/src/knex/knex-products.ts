import {
  imageToText,
  type Page,
  type PageRequest,
  type Product,
  type ProductImage,
  type ProductPatch,
  type ProductRepository,
} from '@livedrops/core';
import type { KnexDb } from './knex-db.js';
import { keysetPage } from './knex-keyset.js';
import { toProduct, type Row } from './knex-rows.js';

export class KnexProductRepository implements ProductRepository {
  constructor(private readonly db: KnexDb) {}

  async create(p: Product): Promise<void> {
    await this.db.table('products').insert({
      id: p.id,
      creator_id: p.creatorId,
      title: p.title,
      description: p.description,
      price_cents: p.priceCents,
      currency: p.currency,
      created_at: p.createdAt,
      image: imageToText(p.image),
    });
  }

  async findById(id: string): Promise<Product | null> {
    const row = (await this.db.table('products').where({ id }).first()) as Row | undefined;
    return row ? toProduct(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const rows = (await this.db.table('products').whereIn('id', [...ids])) as Row[];
    return rows.map(toProduct);
  }

  update(id: string, patch: ProductPatch): Promise<Product | null> {
    const changes: Row = {};
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.priceCents !== undefined) changes.price_cents = patch.priceCents;
    // Update and read back together, so the answer is this update's result, not a later one's.
    return this.db.transaction(async () => {
      if (Object.keys(changes).length > 0) await this.db.table('products').where({ id }).update(changes);
      return this.findById(id);
    });
  }

  async setImage(id: string, image: ProductImage): Promise<Product | null> {
    return this.db.transaction(async () => {
      await this.db
        .table('products')
        .where({ id })
        .update({ image: imageToText(image) });
      return this.findById(id);
    });
  }

  list(filter: { creatorId?: string | undefined }, page: PageRequest): Promise<Page<Product>> {
    const query = this.db.table('products').select('*');
    if (filter.creatorId !== undefined) query.where('creator_id', filter.creatorId);
    return keysetPage(query, { key: 'created_at', id: 'id', direction: 'desc' }, page, toProduct, (p) => ({
      key: p.createdAt,
      id: p.id,
    }));
  }
}
