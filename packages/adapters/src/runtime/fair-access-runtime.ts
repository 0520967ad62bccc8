import type { UseCases } from '@livedrops/core';
import { BackgroundLoop } from './background-loop.js';

export const FAIR_ACCESS_TOKENS = {
  /** The shuffle loop (draws at their close); started by the server. */
  Runtime: Symbol.for('livedrops.FairAccessRuntime'),
} as const;

export interface FairAccessTuning {
  /** How often due shuffles are looked for: a draw is made at most this late after its close. */
  shuffleIntervalMs: number;
  shuffleBatchSize: number;
  /** How often waiting rooms admit the next users (and tell positions). */
  admitIntervalMs: number;
}

export const DEFAULT_FAIR_ACCESS_TUNING: FairAccessTuning = {
  shuffleIntervalMs: 250,
  shuffleBatchSize: 20,
  admitIntervalMs: 200,
};

/**
 * Fair access's background half, on every instance: the shuffle loop draws every draw
 * whose entries have closed and orders every waiting room's pre-queue at its start, exactly
 * once whichever instance gets there (RunDueShuffles), including those due while no instance
 * ran; the admission loop admits from waiting rooms (AdmitFromQueues), the instances taking
 * turns on each drop's row, so one that dies mid-admission leaves the others to go on.
 */
export class FairAccessRuntime {
  private readonly shuffles: BackgroundLoop;
  private readonly admissions: BackgroundLoop;
  /** Wakes the shuffle loop at the moment the next shuffle falls due, when that is sooner than its interval. */
  private dueTimer: NodeJS.Timeout | undefined;

  constructor(
    useCases: Pick<UseCases, 'runDueShuffles' | 'admitFromQueues'>,
    tuning: FairAccessTuning,
    onError: (err: unknown) => void = () => undefined,
  ) {
    this.shuffles = new BackgroundLoop(
      async () => {
        let shuffled = 0;
        let n: number;
        do {
          n = await useCases.runDueShuffles.execute(tuning.shuffleBatchSize);
          shuffled += n;
        } while (n >= tuning.shuffleBatchSize);
        // A waiting room that has just started admits its first users now, not at the next
        // interval: every answer given before the first admission carries no ETA yet.
        if (shuffled > 0) this.admissions.nudge();
        this.armForNext(await useCases.runDueShuffles.nextDueIn(), tuning.shuffleIntervalMs);
      },
      tuning.shuffleIntervalMs,
      onError,
    );
    this.admissions = new BackgroundLoop(
      async () => void (await useCases.admitFromQueues.execute()),
      tuning.admitIntervalMs,
      onError,
    );
  }

  start(): void {
    this.shuffles.start(0);
    this.admissions.start(0);
  }

  /**
   * A waiting room's pre-queue is shuffled at its start, not up to an interval later: until
   * then each arrival's place is counted through the record, thousands a second at a start.
   */
  private armForNext(wait: number | null, intervalMs: number): void {
    clearTimeout(this.dueTimer);
    if (wait === null || wait <= 0 || wait >= intervalMs) return;
    this.dueTimer = setTimeout(() => this.shuffles.nudge(), wait + 1).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.dueTimer);
    await this.shuffles.stop();
    await this.admissions.stop();
  }
}
