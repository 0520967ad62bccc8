/** A user's place in a drop's waiting room (api.md 1.1 "Fair access", `access: "queue"`). */
export type QueueState = 'waiting' | 'admitted' | 'closed';

export interface QueueEntry {
  dropId: string;
  userId: string;
  joinedAt: number;
  /**
   * Place in line, lowest first (ties by user id): null for a pre-queue entry until the
   * start's shuffle gives it its drawn index; `AFTER_START + joinedAt` for later arrivals,
   * so everyone who waited before the start is ahead of everyone who came after.
   */
  rank: number | null;
  state: QueueState;
  /** The admission pass (single-drop, single-user, single-use) and its deadline. */
  pass: string | null;
  passExpiresAt: number | null;
  admittedAt: number | null;
  /** The Idempotency-Key of the order the pass was used for; its replays are not a second use. */
  usedKey: string | null;
}

/** Ranks of arrivals after the start begin here (above any shuffled index). */
export const AFTER_START = 10_000_000_000_000;

/** How long an order bound to a pass may take to commit (the order path's in-flight lock lasts as long). */
export const PASS_IN_FLIGHT_MS = 30_000;

/** How long a pass lasts on an instant drop (a pay drop's is its holdSeconds). */
export const INSTANT_PASS_SECONDS = 120;

export interface QueueRepository {
  /**
   * Adds the user unless already there (answers the stored entry then). A pre-queue join
   * (rank null) made after the start's shuffle claimed the drop is ranked as an arrival instead.
   */
  join(entry: QueueEntry): Promise<{ entry: QueueEntry; created: boolean }>;
  find(dropId: string, userId: string): Promise<QueueEntry | null>;
  /** Waiting entries ahead of `entry` plus one (its 1-based position); null before its rank is drawn. */
  position(entry: QueueEntry): Promise<number | null>;
  /** Admissions of the drop since `since` (the pace the ETA is told from). */
  admittedSince(dropId: string, since: number): Promise<number>;
  /** Users waiting in every waiting room (metrics). */
  waitingCount(): Promise<number>;
  /** Queue drops with users waiting that have started (been shuffled) or were cancelled: the admission loop's work. */
  active(limit: number): Promise<string[]>;
  /**
   * Binds the user's unexpired pass to an order's key: true when the pass is theirs, for this
   * drop, and unused or used by this same key (a replay); false otherwise.
   */
  bindPass(dropId: string, userId: string, pass: string, key: string, now: number): Promise<boolean>;
  /** Frees a pass bound to `key` whose order was refused (sold out, limit): it may be used again. */
  releasePass(dropId: string, userId: string, key: string): Promise<void>;
  /** The order bound to the pass committed: its unit now counts in the stock, not as a pass in play. */
  spendPass(dropId: string, userId: string, key: string, at: number): Promise<void>;
}

/** In a unit of work: the admission step of one drop, serialised across instances by the drop's row. */
export interface QueueWriter {
  /** Locks the drop's row for this transaction and reads its stock now. */
  lockStock(dropId: string): Promise<{ total: number; sold: number; paid: number } | null>;
  /**
   * Passes in play: handed out, not spent on a committed order, and unexpired, or bound to an
   * order still in flight (for up to `PASS_IN_FLIGHT_MS` past their deadline).
   */
  livePasses(dropId: string, now: number): Promise<number>;
  /**
   * Marks spent the passes whose order committed but whose `spendPass` never came (the instance
   * died between the two writes), so their unit is not counted twice (sold and in play); how many.
   */
  spendOrdered(dropId: string, at: number): Promise<number>;
  /** Up to `limit` waiting users in line order, with what each was last told (positions). */
  line(dropId: string, limit: number): Promise<WaitingUser[]>;
  /**
   * waiting → admitted, each user with their pass, conditionally (in one statement on SQL: the
   * drop's row is locked meanwhile, and joins wait for it); returns the users it admitted.
   */
  admit(dropId: string, grants: readonly PassGrant[], expiresAt: number, at: number): Promise<string[]>;
  /** waiting → closed for everyone still waiting, or for the first `limit` in line; returns who. */
  closeWaiting(dropId: string, limit?: number): Promise<string[]>;
  /** Pre-queue entrants (rank still null), read after the shuffle's claim. */
  preQueue(dropId: string): Promise<string[]>;
  /** Gives pre-queue entrants their drawn rank (`order[i]` gets i). */
  rankPreQueue(dropId: string, order: readonly string[]): Promise<void>;
  /**
   * Records that each user was told their position and ETA at `at`, except those told less than
   * `minGapMs` ago (another instance told them; nothing to send) or no longer waiting. Returns
   * the users it recorded, the ones to tell.
   */
  notePositions(dropId: string, notes: readonly PositionNote[], at: number, minGapMs: number): Promise<string[]>;
}

/** A pass to hand one waiting user. */
export interface PassGrant {
  userId: string;
  pass: string;
}

/** A position and ETA to tell one waiting user. */
export interface PositionNote {
  userId: string;
  position: number;
  eta: number | null;
}

export interface WaitingUser {
  userId: string;
  toldPosition: number | null;
  toldEta: number | null;
  toldAt: number | null;
}
