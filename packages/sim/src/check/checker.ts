import type { CheckResult, CheckStats, Observed, Violation } from '../history/observed.js';
import type { Op } from '../history/types.js';
import { checkNotifications } from './notifications-check.js';
import { keyRecords } from './order-keys.js';
import { checkAgainstServer, checkKeys } from './orders-check.js';
import { checkStaleReads } from './stale-reads.js';

export const emptyStats = (): CheckStats => ({
  keys: 0,
  ackedOrders: 0,
  oversoldUnits: 0,
  duplicateOrders: 0,
  lostOrders: 0,
  indeterminateKeys: 0,
  infoResolved: 0,
  staleReads: 0,
  missingNotifications: 0,
  duplicateNotifications: 0,
});

/**
 * Checks a finished run (after Jepsen's bank and set checkers): the history of operations,
 * with indeterminate keys already replayed (their answers are ops in it too), against the
 * state the API shows afterwards. Pure: the same inputs give the same verdict, so a saved
 * history.jsonl + observed.json can be checked again later.
 */
export function checkHistory(ops: Op[], observed: Observed): CheckResult {
  const violations: Violation[] = [];
  const stats = emptyStats();
  const keys = keyRecords(ops);
  const acked = checkKeys(keys, violations, stats);
  checkAgainstServer(keys, acked, observed, violations, stats);
  checkStaleReads(ops, observed, violations, stats);
  checkNotifications(observed, acked, violations, stats);
  return { valid: violations.length === 0, violations, stats };
}
