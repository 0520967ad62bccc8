import type { DropRepository } from '../drops/drop-repository.port.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { FairnessRepository } from './fairness.js';
import type { FairnessCrypto } from './fairness-digests.port.js';
import { entriesDigest, SHUFFLE_ALGORITHM, sortedEntries } from './shuffle.js';

/** `GET /v1/drops/{id}/fairness`: the commitment, and once shuffled everything needed to check it. */
export type FairnessView =
  | { commitment: string; algorithm: string; seed: null }
  | {
      commitment: string;
      algorithm: string;
      seed: string;
      entries: string[];
      entriesDigest: string;
      order: string[];
      shuffledAt: number;
    };

export class Fairness {
  constructor(
    private readonly d: {
      drops: Pick<DropRepository, 'findById'>;
      fairness: FairnessRepository;
      digests: FairnessCrypto;
    },
  ) {}

  /** Open drops have nothing to verify: 404, as for no drop. */
  async of(dropId: string): Promise<FairnessView> {
    const drop = await this.d.drops.findById(dropId);
    if (!drop?.commitment) throw new NotFoundError('Drop');
    const base = { commitment: drop.commitment, algorithm: SHUFFLE_ALGORITHM };
    const shuffle = await this.d.fairness.shuffleOf(dropId);
    if (!shuffle) return { ...base, seed: null };
    const entries = sortedEntries(shuffle.order);
    return {
      ...base,
      seed: shuffle.seed,
      entries,
      entriesDigest: entriesDigest(this.d.digests, entries),
      order: shuffle.order,
      shuffledAt: shuffle.shuffledAt,
    };
  }
}
