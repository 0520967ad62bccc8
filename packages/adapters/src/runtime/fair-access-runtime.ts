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
}

export const DEFAULT_FAIR_ACCESS_TUNING: FairAccessTuning = { shuffleIntervalMs: 250, shuffleBatchSize: 20 };

/**
 * Fair access's background half, on every instance: the shuffle loop draws every draw
 * whose entries have closed, exactly once whichever instance gets there (RunDueShuffles),
 * including draws that closed while no instance ran.
 */
export class FairAccessRuntime {
  private readonly shuffles: BackgroundLoop;

  constructor(useCases: Pick<UseCases, 'runDueShuffles'>, tuning: FairAccessTuning, onError: (err: unknown) => void = () => undefined) {
    this.shuffles = new BackgroundLoop(async () => {
      while ((await useCases.runDueShuffles.execute(tuning.shuffleBatchSize)) >= tuning.shuffleBatchSize);
    }, tuning.shuffleIntervalMs, onError);
  }

  start(): void {
    this.shuffles.start(0);
  }

  stop(): Promise<void> {
    return this.shuffles.stop();
  }
}
