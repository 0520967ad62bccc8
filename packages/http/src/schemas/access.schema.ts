import { ACCESSES, accessOf, type Drop, type FairnessView } from '@livedrops/core';
import { z } from 'zod';
import { iso, TimeInput, Timestamp } from './common.schema.js';

/** The drop document's fair-access members: present only where they apply, so an open drop's document is as in 1.0. */
export const AccessJsonFields = {
  access: z.enum(['queue', 'draw']).optional().meta({
    description: '`queue`: a waiting room admits buyers; `draw`: winners are drawn from entries. Absent on open drops.',
  }),
  followersFirstUntil: Timestamp.optional().meta({
    description:
      'Until then only users who followed the creator before the drop was created may take part. Absent when none.',
  }),
  entriesOpenAt: Timestamp.optional().meta({ description: 'Draws: when entries open.' }),
  entriesCloseAt: Timestamp.optional().meta({ description: 'Draws: when entries close and winners are drawn.' }),
  fairness: z
    .object({ commitment: z.string().meta({ description: 'Lowercase hex SHA-256 of the secret 32-byte seed.' }) })
    .optional()
    .meta({
      description:
        'Queue and draw drops: the commitment to the seed of their shuffle (see GET /v1/drops/{id}/fairness).',
    }),
};

export function accessJson(
  d: Drop,
): Partial<{ [K in keyof typeof AccessJsonFields]: z.infer<(typeof AccessJsonFields)[K]> }> {
  const access = accessOf(d);
  return {
    ...(access !== 'open' ? { access } : {}),
    ...(d.followersFirstUntil != null ? { followersFirstUntil: iso(d.followersFirstUntil) } : {}),
    ...(d.entriesOpenAt != null ? { entriesOpenAt: iso(d.entriesOpenAt) } : {}),
    ...(d.entriesCloseAt != null ? { entriesCloseAt: iso(d.entriesCloseAt) } : {}),
    ...(d.commitment ? { fairness: { commitment: d.commitment } } : {}),
  };
}

export const AccessInputFields = {
  access: z
    .enum(['open', 'queue', 'draw'], { error: `must be one of ${ACCESSES.join(', ')}` })
    .optional()
    .meta({
      description: '`open` (default): first come; `queue`: a waiting room; `draw`: entries, then winners drawn.',
    }),
  followersFirstUntil: TimeInput.optional().meta({
    description: 'Between startsAt and endsAt: until then only followers from before the drop was created take part.',
  }),
  entriesOpenAt: TimeInput.optional().meta({ description: 'Draws (required): when entries open.' }),
  entriesCloseAt: TimeInput.optional().meta({
    description: 'Draws (required): after entriesOpenAt, at or before startsAt.',
  }),
};

const Hex = z.string().regex(/^[0-9a-f]+$/);

export const FairnessJson = z
  .object({
    commitment: Hex.meta({
      description: 'Lowercase hex SHA-256 of the 32-byte seed, published when the drop was created.',
    }),
    algorithm: z.string().meta({ description: 'The shuffle, specified in docs/fair-access.md.' }),
    seed: Hex.nullable().meta({ description: 'The seed (lowercase hex), null until the shuffle.' }),
    entries: z
      .array(z.string())
      .optional()
      .meta({ description: 'After the shuffle: every participant (user id), sorted ascending.' }),
    entriesDigest: Hex.optional().meta({ description: 'Hex SHA-256 of `entries` joined by "\\n".' }),
    order: z.array(z.string()).optional().meta({ description: 'The same user ids in drawn order.' }),
    shuffledAt: Timestamp.optional(),
  })
  .meta({ id: 'Fairness', description: "A queue or draw drop's verifiable shuffle." });

export function fairnessJson(v: FairnessView): z.infer<typeof FairnessJson> {
  if (v.seed === null) return { commitment: v.commitment, algorithm: v.algorithm, seed: null };
  return { ...v, shuffledAt: iso(v.shuffledAt) };
}
