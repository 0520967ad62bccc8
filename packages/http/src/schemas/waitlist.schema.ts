import type { WaitlistEntry } from '@livedrops/core';
import { z } from 'zod';
import { Id, iso, Timestamp } from './common.schema.js';

export const WaitlistEntryJson = z
  .object({ dropId: Id, joinedAt: Timestamp.meta({ description: 'Offers go in join order.' }) })
  .meta({ id: 'WaitlistEntry' });

export function waitlistEntryJson(e: WaitlistEntry): z.infer<typeof WaitlistEntryJson> {
  return { dropId: e.dropId, joinedAt: iso(e.joinedAt) };
}

export const DropIdParams = z.object({ dropId: Id }).strict();
