import type { ImageFormat } from './product-image.js';

export interface EncodedImage {
  bytes: Uint8Array;
  format: ImageFormat;
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** The upload decoded and re-encoded in its own format and size, with no metadata left. */
  original: EncodedImage;
  /** WebP renditions by width (never wider than the original). */
  variants: Array<{ width: number; image: EncodedImage }>;
}

/**
 * Decodes untrusted image bytes and re-encodes them. Throws UnsupportedImageError when the
 * bytes are not JPEG, PNG or WebP, ImageTooLargeError past the pixel limits (checked from the
 * header, before decoding), InvalidImageError when the file is damaged.
 */
export interface ImageProcessor {
  process(bytes: Uint8Array): Promise<ProcessedImage>;
}
