import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, send } from './api.js';
import { onNotification, onResync } from './live.js';
import { refusalText } from './purchase.js';
import type { Notification, QueuePlace } from './types.js';

/** Not in line yet (`GET …/queue` → 404), or not known yet (still asking, or signed out). */
export type QueueState = QueuePlace | 'out' | undefined;

/** A place as a `queue.*` notification tells it; the stream is the freshest word there is. */
function fromEvent(n: Notification, was: QueueState): QueueState {
  if (n.type === 'queue.position') {
    return { state: 'waiting', position: n.data.position ?? null, etaSeconds: n.data.etaSeconds ?? null };
  }
  if (n.type === 'queue.admitted') {
    return { state: 'admitted', position: null, etaSeconds: null, pass: n.data.pass, passExpiresAt: n.data.passExpiresAt };
  }
  if (n.type === 'queue.closed') return { state: 'closed', position: null, etaSeconds: null };
  return was;
}

/**
 * The signed-in user's place in a queue drop's waiting room. Read from `GET /v1/drops/{id}/queue`
 * on arrival, when the stream reconnects (what came while it was down is not replayed) and when
 * `reread` changes (the drop opened: pre-queue places are drawn then); between reads it follows
 * `queue.position`, `queue.admitted` and `queue.closed`. The pass lives here, in memory only: a
 * reload asks the server for it again, so it is never written to any storage.
 */
export function useQueue(dropId: string, active: boolean, reread: unknown) {
  const [place, setPlace] = useState<QueueState>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const latest = useRef(place);
  latest.current = place;
  const read = (): void =>
    void get<QueuePlace>(`/v1/drops/${encodeURIComponent(dropId)}/queue`).then(
      (p) => setPlace(p),
      (e) => e instanceof ApiError && e.problem.status === 404 && setPlace('out'),
    );
  useEffect(() => {
    if (!active) return;
    read();
    const offEvents = onNotification((n) => {
      if (n.data.dropId === dropId && n.type.startsWith('queue.')) setPlace(fromEvent(n, latest.current));
    });
    const offResync = onResync(read);
    return () => (offEvents(), offResync());
  }, [dropId, active]);
  useEffect(() => {
    // Once the drop opens, the pre-queue is drawn: ask where that put us (an admission may beat it).
    if (active && typeof latest.current === 'object' && latest.current.state === 'waiting') read();
  }, [reread]);
  const join = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      // An event may already have moved us on (admitted at once): the answer never goes backwards.
      const p = await send<QueuePlace>('POST', `/v1/drops/${encodeURIComponent(dropId)}/queue`);
      setPlace((was) => (typeof was === 'object' && was.state !== 'waiting' ? was : p));
    } catch (e) {
      setError(e instanceof ApiError && e.problem.code === 'entries_closed' ? 'The waiting room is closed.' : refusalText(e));
    } finally {
      setBusy(false);
    }
  };
  return { place, join, busy, error, setError };
}
