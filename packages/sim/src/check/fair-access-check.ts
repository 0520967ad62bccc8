import { NodeFairnessCrypto } from '@livedrops/adapters';
import { type PublishedShuffle, shuffleProblem } from '@livedrops/core';
import type { CheckResult, Violation } from '../history/observed.js';
import { emptyStats } from './checker.js';

/** What the fair-access checker compares: a queue or draw drop's record at the end and during the run. */
export interface FairAccessObserved {
  drop: {
    id: string;
    creatorId: string;
    access: 'queue' | 'draw';
    total: number;
    createdAt: number;
    followersFirstUntil: number | null;
  };
  /** Units that came back from holds (a draw's backfill may hand them to more winners). */
  returned: number;
  /** The public fairness record (GET /v1/drops/{id}/fairness) once shuffled. */
  fairness: PublishedShuffle | null;
  /** Waiting-room samples: passes in play against what could still be bought. */
  samples: Array<{ t: number; livePasses: number; available: number; held: number }>;
  queue: Array<{ userId: string; state: string; joinedAt: number; rank: number | null; spent: boolean }>;
  draw: Array<{ userId: string; rank: number | null; granted: boolean }>;
  orders: Array<{ id: string; userId: string; createdAt: number; status: string }>;
  events: Array<{ type: string; userId: string | null }>;
  /** userId → when they followed the creator (null: not following), for every buyer. */
  followedAt: Record<string, number | null>;
  /** The drop sold out (nothing left and no hold that could expire) by the end. */
  soldOut: boolean;
}

/** Chi-square critical value at p = 0.001 with 9 degrees of freedom (ten bins). */
const CHI_9_0001 = 27.88;
const BINS = 10;

/**
 * The fair-access rules: admissions never exceed stock plus expirable holds at any sampled
 * instant; nobody admitted twice; every order on a queue drop carried a pass of its own
 * user, and no pass bought twice; everyone still waiting at the sell-out was told; no more
 * winners than units; the published shuffle reproduces from its seed; followers-first held;
 * and joining the pre-queue early gave no advantage (a chi-square over the early half's ranks).
 */
export function checkFairAccess(ob: FairAccessObserved): CheckResult {
  const v: Violation[] = [];
  const add = (kind: Violation['kind'], message: string) => v.push({ kind, message, ops: [] });
  const events = (type: string) => countBy(ob.events.filter((e) => e.type === type).map((e) => e.userId ?? ''));
  for (const s of ob.samples) {
    if (s.livePasses > s.available + s.held)
      add(
        'admission-overcommit',
        `at +${(s.t / 1000).toFixed(2)} s: ${s.livePasses} passes in play > ${s.available} available + ${s.held} held`,
      );
  }
  for (const [u, n] of events('queue.admitted')) if (n > 1) add('admitted-twice', `user ${u} was admitted ${n} times`);
  if (ob.drop.access === 'queue') checkQueue(ob, events('queue.closed'), add);
  if (ob.fairness) {
    const problem = shuffleProblem(new NodeFairnessCrypto(), ob.fairness);
    if (problem) add('unverifiable-shuffle', `the published shuffle does not verify: ${problem}`);
  }
  const winners = ob.draw.filter((e) => e.granted).length;
  if (winners > ob.drop.total + ob.returned)
    add('too-many-winners', `${winners} winners for ${ob.drop.total} units (+${ob.returned} returned)`);
  const until = ob.drop.followersFirstUntil;
  for (const o of ob.orders) {
    const since = ob.followedAt[o.userId] ?? null;
    if (
      until !== null &&
      o.createdAt < until &&
      o.userId !== ob.drop.creatorId &&
      (since === null || since > ob.drop.createdAt)
    ) {
      add(
        'followers-first-broken',
        `order ${o.id} by ${o.userId} before followersFirstUntil, who followed ` +
          (since === null ? 'never' : 'after the drop was created'),
      );
    }
  }
  const chi = earlyJoinChiSquare(ob.queue);
  if (chi !== null && chi > CHI_9_0001)
    add(
      'early-join-advantage',
      `early pre-queue joiners' ranks are not uniform (chi-square ${chi.toFixed(1)} > ${CHI_9_0001})`,
    );
  return { valid: v.length === 0, violations: v, stats: emptyStats() };
}

function checkQueue(
  ob: FairAccessObserved,
  closed: Map<string, number>,
  add: (k: Violation['kind'], m: string) => void,
): void {
  const entries = new Map(ob.queue.map((e) => [e.userId, e]));
  for (const [u, n] of countBy(ob.orders.map((o) => o.userId))) {
    const e = entries.get(u);
    if (e?.state !== 'admitted' || !e.spent)
      add('order-without-pass', `user ${u} ordered without a pass of their own (their entry: ${e?.state ?? 'none'})`);
    if (n > 1) add('pass-used-twice', `user ${u} placed ${n} orders on one pass`);
  }
  for (const e of ob.queue) {
    if (ob.soldOut && e.state === 'waiting')
      add('waiting-not-closed', `user ${e.userId} still waits after the sell-out`);
    if (e.state === 'closed' && !closed.has(e.userId))
      add('waiting-not-closed', `user ${e.userId}'s line closed without queue.closed`);
  }
}

/** Chi-square of the ranks of the earlier-joining half of the pre-queue over ten bins; null when too few to judge. */
export function earlyJoinChiSquare(queue: FairAccessObserved['queue']): number | null {
  const pre = queue
    .filter((e) => e.rank !== null && e.rank < 10_000_000_000_000)
    .sort((a, b) => a.joinedAt - b.joinedAt);
  if (pre.length < 200) return null;
  const early = pre.slice(0, Math.floor(pre.length / 2));
  const bins = new Array<number>(BINS).fill(0);
  for (const e of early) bins[Math.min(BINS - 1, Math.floor((e.rank! / pre.length) * BINS))]!++;
  const expected = early.length / BINS;
  return bins.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
}

function countBy(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
