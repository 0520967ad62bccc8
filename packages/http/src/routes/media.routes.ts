import { BLOB_KEY_PATTERN, formatOfKey, MEDIA_TYPES, type UseCases } from '@livedrops/core';
import { z } from 'zod';
import { HttpError } from '../errors/problem.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';

// Content-addressed, so a URL's bytes never change: a CDN (or browser) may keep them a year
// without asking again, and the ETag (the hash itself) is strong.
const CACHING = {
  'Cache-Control': 'public, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
};

const MediaParams = z.object({
  key: z.string().meta({ description: '`<sha256>.<jpeg|png|webp>`, as in image URLs.' }),
});

/** Whether If-None-Match names this entity (a list, `*`, weak or strong: RFC 9110's weak comparison). */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export function mediaRoutes(uc: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/media/{key}',
      operationId: 'getMedia',
      tag: 'Media',
      summary: 'Image bytes by content address (HEAD too)',
      description: 'Immutable: cached for a year, strong ETag, 304 on If-None-Match. What a CDN in front needs.',
      auth: false,
      params: MediaParams,
      responses: {
        200: { description: 'The bytes.', contentType: 'image/*', headers: { ...CACHING, ETag: 'The hash, quoted.' } },
        304: { description: 'The client has these bytes already.' },
      },
      errors: ['not_found'],
      async handle({ params, ctx }) {
        const key = params.key;
        const missing = (): HttpError => new HttpError('not_found', `No media at ${ctx.path}`);
        if (!BLOB_KEY_PATTERN.test(key)) throw missing();
        const etag = `"${key.slice(0, key.indexOf('.'))}"`;
        const headers = { ...CACHING, ETag: etag };
        if (notModified(ctx.get('If-None-Match') || undefined, etag)) {
          if (!(await uc.productImages.exists(key))) throw missing();
          return { status: 304, headers };
        }
        const bytes = await uc.productImages.blob(key);
        if (!bytes) throw missing();
        return {
          status: 200,
          body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          type: MEDIA_TYPES[formatOfKey(key)],
          headers,
        };
      },
    }),
  ];
}
