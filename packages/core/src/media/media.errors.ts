import { DomainError } from '../shared/domain-error.js';
import { IMAGE_MAX_BYTES, IMAGE_MAX_DIMENSION } from './product-image.js';

export class UnsupportedImageError extends DomainError {
  constructor() {
    super('unsupported_media_type', 'The image must be JPEG, PNG or WebP (decided by its bytes)');
  }
}

/** Over the byte limit, or over the pixel limit (a decompression bomb is refused from its header). */
export class ImageTooLargeError extends DomainError {
  constructor(what: { bytes?: boolean; pixels?: boolean; width?: number; height?: number }) {
    const size = what.width !== undefined ? `${what.width}x${what.height} pixels` : 'too many pixels';
    super(
      'payload_too_large',
      what.bytes
        ? `The image is larger than ${IMAGE_MAX_BYTES} bytes`
        : `The image is ${size}; at most ${IMAGE_MAX_DIMENSION}x${IMAGE_MAX_DIMENSION}`,
      what.bytes ? { limit: IMAGE_MAX_BYTES } : { maxWidth: IMAGE_MAX_DIMENSION, maxHeight: IMAGE_MAX_DIMENSION },
    );
  }
}
