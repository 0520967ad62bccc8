import type { Drop } from '../lib/types.js';

/** The product's picture in list sizes (its 320/640/1280 px renditions), or a placeholder. */
export function Picture({ drop, sizes, eager }: { drop: Drop; sizes: string; eager: boolean }) {
  const img = drop.product.image;
  if (!img) return <div class="drop-img drop-img-none" aria-hidden="true" />;
  const srcset = Object.entries(img.variants)
    .map(([w, url]) => `${url} ${w}w`)
    .join(', ');
  const src = img.variants['640'] ?? img.variants['320'] ?? img.url;
  return (
    <img
      class="drop-img"
      src={src}
      srcset={srcset}
      sizes={sizes}
      width={img.width}
      height={img.height}
      alt=""
      loading={eager ? undefined : 'lazy'}
      fetchpriority={eager ? 'high' : undefined}
    />
  );
}
