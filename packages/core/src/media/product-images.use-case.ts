import type { User } from '../accounts/user.js';
import type { Product } from '../products/product.js';
import type { ProductRepository } from '../products/product-repository.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { BlobStore } from './blob-store.port.js';
import type { ImageProcessor } from './image-processor.port.js';
import type { ProductImage } from './product-image.js';

/**
 * A product's picture. The blobs are written before the product points at them, so a reader
 * never follows a key to nothing; the old blobs stay, so an old URL keeps serving what it did.
 */
export class ProductImages {
  constructor(private readonly d: { products: ProductRepository; blobs: BlobStore; images: ImageProcessor }) {}

  async set(actor: User, productId: string, bytes: Uint8Array): Promise<Product> {
    const existing = await this.d.products.findById(productId);
    if (!existing || existing.creatorId !== actor.id) throw new NotFoundError('Product');
    const { original, variants } = await this.d.images.process(bytes);
    const image: ProductImage = {
      key: await this.d.blobs.put(original.bytes, original.format),
      width: original.width,
      height: original.height,
      variants: {},
    };
    for (const v of variants) image.variants[String(v.width)] = await this.d.blobs.put(v.image.bytes, v.image.format);
    const updated = await this.d.products.setImage(productId, image);
    if (!updated) throw new NotFoundError('Product');
    return updated;
  }

  /** The stored bytes of a blob key, or null. */
  blob(key: string): Promise<Uint8Array | null> {
    return this.d.blobs.get(key);
  }

  /** Whether a blob key is stored (a conditional request is answered without reading the bytes). */
  exists(key: string): Promise<boolean> {
    return this.d.blobs.has(key);
  }
}
