import {
  IMAGE_MAX_BYTES,
  IMAGE_MAX_DIMENSION,
  ImageTooLargeError,
  UnsupportedImageError,
  ValidationError,
  VARIANT_WIDTHS,
  type EncodedImage,
  type ImageFormat,
  type ImageProcessor,
  type ProcessedImage,
} from '@livedrops/core';
import sharp, { type Sharp } from 'sharp';
import { sniffImageFormat } from './sniff-image.js';

// Decoding is libvips' job; these bound what one upload can cost. The pixel limit is checked
// by sharp from the header before any pixel is decoded, so a 20,000 x 20,000 PNG of a few KiB
// (a decompression bomb) is refused without allocating its 1.6 GB.
const INPUT = { limitInputPixels: IMAGE_MAX_DIMENSION * IMAGE_MAX_DIMENSION, failOn: 'truncated' } as const;

/** Re-encodes untrusted uploads with sharp: metadata (EXIF, GPS, ICC, XMP) never survives. */
export class SharpImageProcessor implements ImageProcessor {
  async process(bytes: Uint8Array): Promise<ProcessedImage> {
    if (bytes.byteLength > IMAGE_MAX_BYTES) throw new ImageTooLargeError({ bytes: true });
    const format = sniffImageFormat(bytes);
    if (!format) throw new UnsupportedImageError();
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The header alone (no pixels decoded), read without the pixel limit so that a bomb's size can be named.
    const meta = await sharp(input, { limitInputPixels: false })
      .metadata()
      .catch(() => undefined);
    if (!meta?.width || !meta.height) throw damaged();
    if (meta.width > IMAGE_MAX_DIMENSION || meta.height > IMAGE_MAX_DIMENSION) {
      throw new ImageTooLargeError({ width: meta.width, height: meta.height });
    }
    // Orientation is applied to the pixels before the EXIF that carried it is dropped.
    const base = sharp(input, INPUT).rotate();
    const original = await encode(base.clone(), format).catch((e: unknown) => rethrow(e));
    const variants = [];
    for (const width of VARIANT_WIDTHS) {
      const resized = base.clone().resize({ width, withoutEnlargement: true });
      variants.push({ width, image: await encode(resized, 'webp').catch((e: unknown) => rethrow(e)) });
    }
    return { original, variants };
  }
}

async function encode(pipeline: Sharp, format: ImageFormat): Promise<EncodedImage> {
  const typed =
    format === 'jpeg'
      ? pipeline.jpeg({ quality: 85, mozjpeg: true })
      : format === 'png'
        ? pipeline.png()
        : pipeline.webp({ quality: 82 });
  const { data, info } = await typed.toBuffer({ resolveWithObject: true });
  return { bytes: data, format, width: info.width, height: info.height };
}

const damaged = (): ValidationError =>
  ValidationError.field('body', 'the image cannot be decoded (damaged or truncated)');

function rethrow(e: unknown): never {
  // libvips' own refusal of the pixel count, should a header have understated it.
  if (e instanceof Error && /pixel limit/i.test(e.message)) throw new ImageTooLargeError({ pixels: true });
  throw damaged();
}
