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
}

/** In a unit of work: publishing a shuffle, exactly once per drop. */
export interface FairnessWriter {
  /** Records the shuffle unless the drop already has one; false if it had (the exactly-once decision). */
  publish(shuffle: Shuffle): Promise<boolean>;
}
