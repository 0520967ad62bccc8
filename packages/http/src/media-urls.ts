import type { ProductImage } from '@livedrops/core';

/**
 * Where the JSON says an image is: `MEDIA_BASE_URL/<key>` when a CDN fronts the media, else
 * this server's `/media/<key>` (a path, resolved against the API's own origin).
 */
export class MediaUrls {
  constructor(private readonly base: string = '/media') {}

  url(key: string): string {
    return `${this.base}/${key}`;
  }

  image(
    image: ProductImage | null,
  ): { url: string; width: number; height: number; variants: Record<string, string> } | null {
    if (!image) return null;
    const variants = Object.fromEntries(Object.entries(image.variants).map(([w, key]) => [w, this.url(key)]));
    return { url: this.url(image.key), width: image.width, height: image.height, variants };
  }
}
