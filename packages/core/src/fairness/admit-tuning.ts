/** How the admission loop admits and tells places (`AdmitFromQueues`). */
export interface AdmitTuning {
  /** Most users admitted per drop per step. */
  batch: number;
  /** A user hears `queue.position` at most this often… */
  positionGapMs: number;
  /** …and only when the position moved by this fraction or the ETA by `etaStepSeconds`. */
  positionStep: number;
  etaStepSeconds: number;
  /** Waiting users told their position per drop per step (the front of the line first). */
  positionsPerStep: number;
  /** While the instance is under pressure, one who knows their place hears it move at most this often… */
  pressedGapMs: number;
  /** …and a line that can admit nobody more is closed this many users per step, not all at once. */
  pressedClosing: number;
}

export const DEFAULT_ADMIT_TUNING: AdmitTuning = {
  batch: 500,
  positionGapMs: 1000,
  positionStep: 0.1,
  etaStepSeconds: 5,
  positionsPerStep: 20_000,
  pressedGapMs: 5_000,
  pressedClosing: 500,
};
