import { useEffect, useState } from 'preact/hooks';
import { get } from '../lib/api.js';
import type { Drop, Fairness } from '../lib/types.js';

/**
 * "How this draw is verified": the commitment to the shuffle's secret seed, published when the
 * drop was made, and the seed itself once the shuffle ran (docs/fair-access.md). Anyone can check
 * that the seed hashes to the commitment and recompute the order (`livedrops draw verify`). Until
 * the seed is out, read again whenever the page reads the drop (its start, a draw's events, the
 * stock poll): the shuffle runs at the close of entries or the start, moments after either.
 */
export function FairnessRecord({ drop }: { drop: Drop }) {
  const [record, setRecord] = useState<Fairness>();
  const path = `/v1/drops/${encodeURIComponent(drop.id)}/fairness`;
  const revealed = record?.seed != null;
  useEffect(() => {
    if (!revealed) void get<Fairness>(path).then(setRecord, () => undefined);
  }, [drop]);
  const commitment = record?.commitment ?? drop.fairness?.commitment;
  if (!commitment) return null;
  return (
    <section class="fairness" aria-labelledby="fairness-title">
      <h2 id="fairness-title">How this {drop.access === 'queue' ? 'waiting room' : 'draw'} is verified</h2>
      <p class="hint">
        The order is shuffled with a secret seed. Its SHA-256 was published before anyone took part, so it cannot
        be changed afterwards; the seed is revealed once the shuffle runs.
      </p>
      <dl>
        <dt>Seed commitment</dt>
        <dd>
          <code class="hash">{commitment}</code>
        </dd>
        <dt>Seed</dt>
        <dd>{revealed ? <code class="hash seed">{record.seed}</code> : 'Not yet revealed'}</dd>
      </dl>
      <p>
        <a href={path}>The fairness record</a>
      </p>
    </section>
  );
}
