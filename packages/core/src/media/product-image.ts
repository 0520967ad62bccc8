/**
 * A product's picture as stored: blob keys (`<sha256>.<ext>`), never URLs, so that where the
 * bytes are served from (this server, a CDN) is the HTTP layer's business.
 */
export interface ProductImage {
  key: string;
  width: number;
  height: number;
  /** Variant width (`"320"`, `"640"`, `"1280"`) → blob key. */
  variants: Record<string, string>;
}

export type ImageFormat = 'jpeg' | 'png' | 'webp';

/** The largest upload read; one more byte and it is refused (413). */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Largest accepted width and height; beyond it the image is refused before decoding. */
export const IMAGE_MAX_DIMENSION = 8000;
export const VARIANT_WIDTHS = [320, 640, 1280] as const;

/** What a blob key looks like: a lower-case hex sha256 and one of the stored extensions. */
export const BLOB_KEY_PATTERN = /^[0-9a-f]{64}\.(jpeg|png|webp)$/;

export const MEDIA_TYPES: Record<ImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** The format a blob key's extension names. */
export const formatOfKey = (key: string): ImageFormat => key.slice(key.lastIndexOf('.') + 1) as ImageFormat;

/** Serialised form in a text column (both SQL engines), parsed back on read. */
export const imageToText = (image: ProductImage | null): string | null => (image ? JSON.stringify(image) : null);
export const imageFromText = (text: unknown): ProductImage | null =>
  typeof text === 'string' && text !== '' ? (JSON.parse(text) as ProductImage) : null;
