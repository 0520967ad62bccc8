/** A published shuffle: the revealed seed and the order it made (the entries are that order, sorted). */
export interface Shuffle {
  dropId: string;
  /** Lowercase hex of the 32 secret bytes, revealed by the shuffle. */
  seed: string;
  order: string[];
  shuffledAt: number;
}

/** What a drop's creation writes beside the drop: the seed its commitment hashes. */
export interface DropSecret {
  seed: string;
}

/** Reads of the fairness records (the secret seed is read only by the shuffle itself). */
export interface FairnessRepository {
  /** The drop's secret seed (hex), or null when it has none (open drops). */
  seedOf(dropId: string): Promise<string | null>;
  /** The published shuffle, or null before it. */
  shuffleOf(dropId: string): Promise<Shuffle | null>;
  /** Ids of uncancelled drops whose shuffle is due by `now` and not yet claimed, earliest due first. */
  dueShuffles(now: number, limit: number): Promise<string[]>;
  /** When the earliest unclaimed shuffle of an uncancelled drop falls due (maybe past already); null if none. */
  nextShuffleAt(): Promise<number | null>;
}

/** In a unit of work: publishing a shuffle, exactly once per drop. */
export interface FairnessWriter {
  /**
   * Claims the drop's shuffle (`shuffled_at` from null to `at`); false if it was claimed
   * already: the exactly-once decision. Entries wait for (and then refuse after) a claim.
   */
  claim(dropId: string, at: number): Promise<boolean>;
  /** Publishes the claimed shuffle. */
  record(shuffle: Shuffle): Promise<void>;
}
