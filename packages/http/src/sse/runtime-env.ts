import type { RuntimeTuning } from '@livedrops/adapters';

/**
 * Test-only knobs, deliberately undocumented: the crash test starts `livedrops serve` with
 * the relay held back (LIVEDROPS_RELAY_START_DELAY_MS), so events are committed but not
 * yet relayed when it kills the process. Nothing in production sets them.
 */
export function runtimeTuningFromEnv(env: NodeJS.ProcessEnv): Partial<RuntimeTuning> {
  const delay = Number(env['LIVEDROPS_RELAY_START_DELAY_MS']);
  return Number.isSafeInteger(delay) && delay > 0 ? { relayStartDelayMs: delay } : {};
}
